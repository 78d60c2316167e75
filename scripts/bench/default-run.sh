#!/usr/bin/env bash
# The bare default run (PreflightSimulation, quick profile) against gin-lab: the smallest planted leaks
# it catches, and its false positives, in one script run so both share the machine's noise. Fixed-lab
# runs alternate with planted ones (10 fixed, 9 planted; about 30 minutes on 2 cores).
#
#   scripts/bench/default-run.sh            # all rows
#   scripts/bench/default-run.sh quick      # fixed, 32 B binding, 1 goroutine per 1,000 (about 5 minutes)
#
# Planted with gin-lab's knobs (docs/leak-catalogue.md):
#   bytes:      -Dlab.args.0=-leak-bytes-per-request -Dlab.args.1=N -Dlab.args.2=-leak-routes -Dlab.args.3=F
#               (N bytes kept per request on family F's routes, on top of the map's own share)
#   goroutines: -Dlab.leaks=blocked-goroutine -Dlab.args.0=-notify-leak-every -Dlab.args.1=N
#               (1 of every N POST /api/notify; 9 api requests a journey, one notify: 1000/(9N) per 1,000)
# Each row is one Gatling run in a JVM of its own (scripts/bench/lib.sh). Output:
# target/bench/default-run-<part>.tsv, one row a run, and each run's console log and memory.json beside it.
source "$(dirname "$0")/lib.sh"

DEFAULT=io.ginpreflight.simulations.PreflightSimulation
PART="${1:-all}"
TSV="$BENCH_OUT/default-run-$PART.tsv"
bench_compile
printf 'row\tplanted\tcommand\texit\tseconds\tverdict\tbinding B/req\tbinding g/1000\tapi B/req\tapi g/1000\twhole run B/req\twhole run g/1000\tnot OK\n' >"$TSV"

row=0
# run PLANTED -Dkey=value...
run() {
  local planted="$1"; shift
  row=$((row + 1))
  local results="$BENCH_OUT/default-run-$PART-$row"
  rm -rf "$results"; mkdir -p "$results"
  local start rc=0; start="$(date +%s)"
  timeout --kill-after=10 600 java -Xmx1g \
    --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED \
    -cp "$BENCH_CP" "$@" -Dpreflight.project-dir="$PROJECT" \
    -Dpreflight.reports.gatling-results="$results" -Dpreflight.reports.dir="$results/published" \
    io.gatling.app.Gatling -s "$DEFAULT" -rf "$results" >"$results/console.log" 2>&1 || rc=$?
  local seconds=$(( $(date +%s) - start ))
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$row" "$planted" "java … Gatling -s PreflightSimulation $*" "$rc" "$seconds" \
    "$(python3 "$PROJECT/scripts/bench/rates.py" "$results")" | tee -a "$TSV"
}

fixed() { run "none (fixed lab, traps on)" -Dlab.leaks=none; }
bytes() {
  run "$1 B/request ($2)" -Dlab.args.0=-leak-bytes-per-request -Dlab.args.1="$1" -Dlab.args.2=-leak-routes \
    -Dlab.args.3="$2"
}
every() {
  run "$(python3 -c "print(f'{1000/(9*$1):.2f} goroutines/1000 api requests (1 in $1 notify)')")" \
    -Dlab.leaks=blocked-goroutine -Dlab.args.0=-notify-leak-every -Dlab.args.1="$1"
}

if [ "$PART" = quick ]; then
  fixed; bytes 32 binding; every 111
else
  fixed; bytes 8 binding
  fixed; bytes 16 binding
  fixed; bytes 32 binding
  fixed; bytes 16 api
  fixed; bytes 32 api
  fixed; every 222
  fixed; every 111
  fixed; every 55
  fixed; bytes 64 binding
  fixed
fi
echo "wrote $TSV"
