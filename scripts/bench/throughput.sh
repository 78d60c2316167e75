#!/usr/bin/env bash
# Load generation: Gatling's closed-model throughput against wrk's on the same gin-lab endpoint at the
# same concurrency, alternated (wrk, Gatling, then Gatling, wrk, …) against one running lab.
#
#   scripts/bench/throughput.sh              # 3 cycles of 2 × 15 s (+ Gatling's JVM start): ~3 minutes
#   CYCLES=5 CONNECTIONS=32 scripts/bench/throughput.sh
#
# wrk:     wrk -t2 -c32 -d15s http://127.0.0.1:PORT/api/items/1
# Gatling: io.ginpreflight.bench.ThroughputBenchmarkSimulation (32 concurrent users looping for 15 s, each on
#          its own keep-alive connection), forked as the integration tests fork it; its requests/s is the
#          request count divided by the 15 s window, so its JVM start is not counted but its JIT warm-up is.
source "$(dirname "$0")/lib.sh"
CYCLES="${CYCLES:-3}"; CONNECTIONS="${CONNECTIONS:-32}"; SECONDS_PER_WINDOW="${SECONDS_PER_WINDOW:-15}"
require_wrk
bench_compile
go_lab_build
PORT="$(free_port)"
URL="http://127.0.0.1:$PORT"
GIN_MODE=release "$BENCH_OUT/gin-lab" -addr "127.0.0.1:$PORT" -pprof-addr "" -leaks none \
  >"$BENCH_OUT/throughput-lab.log" 2>&1 &
LAB_PID=$!
trap 'kill "$LAB_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -fs "$URL/healthz" >/dev/null && break; sleep 0.1; done
curl -fs "$URL/healthz" >/dev/null || { echo "gin-lab did not answer on $URL" >&2; exit 1; }

wrk_rate() {
  timeout 120 wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_WINDOW}s" "$URL/api/items/1" \
    | awk '/Requests\/sec:/ {print $2}'
}
gatling_rate() {
  local log="$BENCH_OUT/throughput-gatling-$1.log" rc
  rc="$(GATLING_TIMEOUT=180 gatling_run io.ginpreflight.bench.ThroughputBenchmarkSimulation "$log" \
    -Dbench.url="$URL" -Dbench.connections="$CONNECTIONS" -Dbench.seconds="$SECONDS_PER_WINDOW")"
  [ "$rc" = 0 ] || { echo "Gatling failed (exit $rc), see $log" >&2; exit 1; }
  local count ko
  # the last "> Global | total | OK | KO" line is the final summary (the progress lines come before it)
  count="$(awk -F'|' '/^> Global/ {gsub(/[ ,]/, "", $2); c = $2} END {print c}' "$log")"
  ko="$(awk -F'|' '/^> Global/ {gsub(/[ ,]/, "", $4); k = $4} END {print k}' "$log")"
  [ "${ko:-0}" = 0 ] || echo "Gatling saw $ko failed requests" >&2
  python3 -c "print(f'{$count / $SECONDS_PER_WINDOW:.1f}')"
}

wrk_rate >/dev/null   # warm-up of the lab, not counted
WRK=(); GATLING=()
for cycle in $(seq 1 "$CYCLES"); do
  if [ $((cycle % 2)) = 1 ]; then
    WRK+=("$(wrk_rate)"); GATLING+=("$(gatling_rate "$cycle")")
  else
    GATLING+=("$(gatling_rate "$cycle")"); WRK+=("$(wrk_rate)")
  fi
  echo "cycle $cycle: wrk ${WRK[-1]} requests/s, Gatling ${GATLING[-1]} requests/s" | tee -a "$BENCH_OUT/throughput.out"
done
MW="$(median "${WRK[@]}")"; MG="$(median "${GATLING[@]}")"
{
  echo
  echo "| load generator | requests/s per window | median requests/s | ratio to wrk |"
  echo "|---|---|---|---|"
  echo "| wrk -t2 -c$CONNECTIONS | ${WRK[*]} | $MW | 1.000 |"
  echo "| Gatling, $CONNECTIONS concurrent users | ${GATLING[*]} | $MG | $(python3 -c "print(f'{$MG / $MW:.3f}')") |"
} | tee -a "$BENCH_OUT/throughput.out"
