#!/usr/bin/env bash
# The smallest planted leak each family's quick run catches (uploads and long connections included), and the
# filling-cache trap on both sides of the bound. Each family's own simulation against gin-lab, one leak a run,
# planted with gin-lab's knobs (docs/leak-catalogue.md, "Planted small leaks"):
#   bytes:      -leak-bytes-per-request N -leak-routes FAMILY
#   goroutines: -leak-goroutines-every 1000 -leak-routes FAMILY (1 per 1,000 requests of the family)
#   cache:      -summary-cache-entries 2400 (fills during round 4 of 8) and 4000 (would during round 9)
#
#   scripts/bench/family-sensitivity.sh            # every row (about 40 minutes on 2 cores)
#   scripts/bench/family-sensitivity.sh uploads    # one family's rows
#
# Output: target/bench/family-sensitivity-<part>.tsv (part: all, or the family asked for), one row a run.
source "$(dirname "$0")/lib.sh"

ONLY="${1:-all}"
TSV="$BENCH_OUT/family-sensitivity-$ONLY.tsv"
bench_compile
printf 'row\tfamily\tplanted\texit\tseconds\tverdict\trounds run (planned)\textra rounds\tsecond looks\tnot OK\trates\n' >"$TSV"

row=0
# run FAMILY SIMULATION PLANTED -Dkey=value...
run() {
  local family="$1" simulation="$2" planted="$3"; shift 3
  row=$((row + 1))
  # named by the part asked for, so that running one family after another keeps each one's folders
  printf '%s\t%s\t%s\t%s\n' "$row" "$family" "$planted" "$(summarized_run "$BENCH_OUT/sensitivity-$ONLY-$row" \
    "io.ginpreflight.simulations.$simulation" -Dpreflight.baseline=off "$@")" | tee -a "$TSV"
}

# family FAMILY SIMULATION: the fixed lab, 16, 32 and 64 B per request, and 1 goroutine per 1,000 requests
family() {
  local name="$1" simulation="$2" routes="${1// /-}"
  [ "$ONLY" = all ] || [ "$ONLY" = "$routes" ] || return 0
  run "$name" "$simulation" "none"
  for bytes in 16 32 64; do
    run "$name" "$simulation" "$bytes B/request" -Dlab.args.0=-leak-bytes-per-request -Dlab.args.1="$bytes" \
      -Dlab.args.2=-leak-routes -Dlab.args.3="$routes"
  done
  run "$name" "$simulation" "1 goroutine/1000 requests" -Dlab.args.0=-leak-goroutines-every -Dlab.args.1=1000 \
    -Dlab.args.2=-leak-routes -Dlab.args.3="$routes"
}

family uploads UploadSimulation
family binding BindingSimulation
family "long connections" LongConnectionSimulation
family api ApiSimulation
if [ "$ONLY" = all ] || [ "$ONLY" = cache ]; then
  run binding BindingSimulation "summary cache 2,400 entries (fills in round 4)" \
    -Dlab.args.0=-summary-cache-entries -Dlab.args.1=2400
  run binding BindingSimulation "summary cache 4,000 entries (would fill in round 9)" \
    -Dlab.args.0=-summary-cache-entries -Dlab.args.1=4000
fi
echo "wrote $TSV"
