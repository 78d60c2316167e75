#!/usr/bin/env bash
# What finer heap sampling costs a service: gin-lab's throughput at Go's default MemProfileRate (one sample per
# 512 KiB) against GODEBUG=memprofilerate=4096 (one per 4 KiB, what the suite gives a service it starts), two
# fixed labs side by side, loaded in turn (A B, B A, ...) with the binding family's request mix
# (sampling-mix.lua: paths, queries, a JSON order and a form, validated by gin's binding).
#
#   scripts/bench/sampling-cost.sh                 # 5 cycles of 2 × 15 s windows: about 3 minutes
#   CYCLES=7 SECONDS_PER_WINDOW=20 RATE=8192 scripts/bench/sampling-cost.sh
#
# wrk -t2 -c32 -d15s -s scripts/bench/sampling-mix.lua http://127.0.0.1:PORT; prints a markdown table, also in
# target/bench/sampling-cost.out.
source "$(dirname "$0")/lib.sh"
CYCLES="${CYCLES:-5}"; SECONDS_PER_WINDOW="${SECONDS_PER_WINDOW:-15}"; RATE="${RATE:-4096}"
require_wrk
go_lab_build
start_lab() {   # start_lab NAME GODEBUG → prints "PID PORT"
  local port; port="$(free_port)"
  GIN_MODE=release GODEBUG="$2" "$BENCH_OUT/gin-lab" -addr "127.0.0.1:$port" -pprof-addr "" -leaks none \
    >"$BENCH_OUT/sampling-$1.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  echo "$pid $port"
}
read -r DEFAULT_PID DEFAULT_PORT < <(start_lab default "")
read -r FINE_PID FINE_PORT < <(start_lab fine "memprofilerate=$RATE")
trap 'kill "$DEFAULT_PID" "$FINE_PID" 2>/dev/null || true' EXIT
rate() {
  timeout 120 wrk -t2 -c32 -d"${SECONDS_PER_WINDOW}s" -s "$PROJECT/scripts/bench/sampling-mix.lua" \
    "http://127.0.0.1:$1" | awk '/Requests\/sec:/ {print $2}'
}
rate "$DEFAULT_PORT" >/dev/null; rate "$FINE_PORT" >/dev/null   # warm-ups, not counted
A=(); B=()
for cycle in $(seq 1 "$CYCLES"); do
  if [ $((cycle % 2)) = 1 ]; then A+=("$(rate "$DEFAULT_PORT")"); B+=("$(rate "$FINE_PORT")")
  else B+=("$(rate "$FINE_PORT")"); A+=("$(rate "$DEFAULT_PORT")"); fi
  echo "cycle $cycle: default ${A[-1]} requests/s, memprofilerate=$RATE ${B[-1]} requests/s" | tee -a "$BENCH_OUT/sampling-cost.out"
done
MA="$(median "${A[@]}")"; MB="$(median "${B[@]}")"
{
  echo
  echo "| gin-lab, binding mix, wrk -t2 -c32 | requests/s per window | median | ratio to default |"
  echo "|---|---|---|---|"
  echo "| Go's default (512 KiB) | ${A[*]} | $MA | 1.000 |"
  echo "| GODEBUG=memprofilerate=$RATE | ${B[*]} | $MB | $(python3 -c "print(f'{$MB / $MA:.3f}')") |"
} | tee -a "$BENCH_OUT/sampling-cost.out"
