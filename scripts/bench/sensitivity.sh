#!/usr/bin/env bash
# Sensitivity: the smallest planted leak the default limits detect, and false positives on the fixed lab.
#
#   scripts/bench/sensitivity.sh            # rounds, edge, smoke and default: about 19 minutes on 2 cores
#   scripts/bench/sensitivity.sh default    # only the default PreflightSimulation rows (about 4 minutes)
#   scripts/bench/sensitivity.sh edge       # 160 and 192 B, around the trend's threshold, and a fixed run
#
# Each row is one RoundsSimulation (4 rounds of 6 s at 50 journeys/s, 3 requests per journey: 900
# requests per round) or SmokeSimulation run in a forked Gatling JVM, with gin-lab's leaks planted:
#   bytes:      -Dlab.leaks=global-map -Dlab.args.0=-audit-record-bytes -Dlab.args.1=N  (N B per /api request)
#   goroutines: -Dlab.leaks=blocked-goroutine -Dlab.args.0=-notify-leak-every -Dlab.args.1=N
#               (1 of every N POST /api/notify; one notify per 3 requests: 1000/(3N) per 1,000 requests)
# The default PreflightSimulation (what a bare `mvn gatling:test` runs) is planted the same way; its
# judged "steady" phase is 2,000 journeys of 2 requests (one notify), judged by the per-phase limits only.
# Fixed-lab runs are interleaved with the leaky ones so they share the machine's noise.
# Output: target/bench/sensitivity.tsv and the console logs beside it.
source "$(dirname "$0")/lib.sh"

ROUNDS=io.ginpreflight.simulations.RoundsSimulation
SMOKE=io.ginpreflight.simulations.SmokeSimulation
DEFAULT=io.ginpreflight.simulations.PreflightSimulation
PARTS="${1:-all}"
TSV="$BENCH_OUT/sensitivity-$PARTS.tsv"
bench_compile
printf 'simulation\tplanted\tcommand\texit\tfitted_B_per_req\ttrend_bytes\tfitted_g_per_1000\ttrend_goroutines\theap_growth\theap_check\tgoroutine_growth\tgoroutine_check\n' >"$TSV"

# run NAME SIMULATION PLANTED -Dkey=value...
run() {
  local name="$1" simulation="$2" planted="$3"; shift 3
  local log="$BENCH_OUT/sensitivity-$name.log" rc
  rc="$(gatling_run "$simulation" "$log" "$@")"
  local command="java … io.gatling.app.Gatling -s ${simulation##*.} $*"
  printf '%s\t%s\t%s\t%s\n' "${simulation##*.}" "$planted" "$command" "$(python3 "$PROJECT/scripts/bench/verdicts.py" "$log" "$rc")" \
    | tee -a "$TSV"
}

fixed() { run "fixed-$1" "$ROUNDS" "none (fixed lab)" -Dlab.leaks=none; }
bytes() { run "bytes-$1" "$ROUNDS" "$1 B/request" -Dlab.leaks=global-map -Dlab.args.0=-audit-record-bytes -Dlab.args.1="$1"; }
every() {
  run "notify-every-$1" "$ROUNDS" "$(python3 -c "print(f'{1000/(3*$1):.1f} goroutines/1000 (1 in $1 notify)')")" \
    -Dlab.leaks=blocked-goroutine -Dlab.args.0=-notify-leak-every -Dlab.args.1="$1"
}
smoke_bytes() {
  run "smoke-bytes-$1" "$SMOKE" "$1 B/request" -Dlab.leaks=global-map -Dlab.args.0=-audit-record-bytes -Dlab.args.1="$1"
}

default_bytes() {
  run "default-bytes-$1" "$DEFAULT" "$1 B/request" -Dlab.leaks=global-map -Dlab.args.0=-audit-record-bytes -Dlab.args.1="$1"
}
default_every() {
  run "default-notify-every-$1" "$DEFAULT" "$(python3 -c "print(f'{2000/$1:.0f} goroutines in the phase (1 in $1 notify)')")" \
    -Dlab.leaks=blocked-goroutine -Dlab.args.0=-notify-leak-every -Dlab.args.1="$1"
}

if [ "$PARTS" = all ] || [ "$PARTS" = rounds ]; then
  fixed 1; bytes 16; bytes 64
  fixed 2; bytes 128; bytes 256
  fixed 3; bytes 1024; bytes 2048
  fixed 4; every 200; every 100; every 60
  fixed 5; every 30; every 10
fi
if [ "$PARTS" = all ] || [ "$PARTS" = edge ]; then
  bytes 160; fixed 6; bytes 192
fi
if [ "$PARTS" = all ] || [ "$PARTS" = smoke ]; then
  smoke_bytes 4096; smoke_bytes 8192
fi
if [ "$PARTS" = all ] || [ "$PARTS" = default ]; then
  run default-fixed "$DEFAULT" "none (fixed lab)" -Dlab.leaks=none
  default_bytes 512; default_bytes 1024; default_bytes 2048
  default_every 200; default_every 100; default_every 50
fi
echo "wrote $TSV"
