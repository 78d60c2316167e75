#!/usr/bin/env bash
# Healthy builds, the bare default run (PreflightSimulation, quick profile) alternated over three services:
# gin-lab (every leak fixed, traps on), sessionsvc and ordersvc (their fixed builds, with the background life
# of real services: keep-alive upstreams, timer jobs, a WebSocket library that lingers on close). Counts the
# false KOs and the undecided checks, and times each run as a whole process.
#
#   scripts/bench/healthy-runs.sh [ROUNDS]     # ROUNDS of three runs each (default 10: 30 runs, ~75 minutes)
#
# Output: target/bench/healthy-runs.tsv, one row a run (and each run's console log and reports beside it).
source "$(dirname "$0")/lib.sh"

ROUNDS="${1:-10}"
DEFAULT=io.ginpreflight.simulations.PreflightSimulation
TSV="$BENCH_OUT/healthy-runs.tsv"
bench_compile
service_build sessionsvc ./cmd/sessionsvc
service_build ordersvc ./cmd/ordersvc
printf 'run\tservice\texit\tseconds\tverdict\trounds run (planned)\textra rounds\tsecond looks\tnot OK\trates\n' >"$TSV"

run=0
# one SERVICE: the default run against it, its summary appended to the TSV
one() {
  local service="$1"; shift
  run=$((run + 1))
  printf '%s\t%s\t%s\n' "$run" "$service" "$(summarized_run "$BENCH_OUT/healthy-$run-$service" "$DEFAULT" "$@")" \
    | tee -a "$TSV"
}

for _ in $(seq "$ROUNDS"); do
  one gin-lab -Dlab.leaks=none
  mapfile -t settings < <(service_settings sessionsvc "")
  one sessionsvc "${settings[@]}"
  mapfile -t settings < <(service_settings ordersvc " -orders-kept 200")
  one ordersvc "${settings[@]}"
done
echo "wrote $TSV"
