#!/usr/bin/env bash
# Time to verdict: wall time of the default `mvn -o gatling:test` (whatever simulation the pom's
# gatling.simulationClass names), warm (several runs, classes compiled, gin-lab built) and cold
# (after `rm -rf target`: Maven compiles and gin-lab is go-built again; Go's build cache in
# ~/.cache/go-build stays warm, so "cold" is not a first checkout).
#
#   scripts/bench/time-to-verdict.sh         # COLD=2 WARM=3, alternated (cold warm cold warm warm): ~5 min
#
# Deletes target/ (so run it last); its own logs go to /tmp/gin-preflight-time-to-verdict.
set -euo pipefail
PROJECT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="${TTV_OUT:-/tmp/gin-preflight-time-to-verdict}"
mkdir -p "$OUT"
cd "$PROJECT"
SIM="$(sed -n 's:.*<gatling.simulationClass>\(.*\)</gatling.simulationClass>.*:\1:p' pom.xml)"

timed() {
  local name="$1" start end rc=0
  start="$(date +%s.%N)"
  timeout --kill-after=10 900 mvn -B -o gatling:test >"$OUT/$name.log" 2>&1 || rc=$?
  end="$(date +%s.%N)"
  printf '%s\t%.1f\t%s\n' "$name" "$(echo "$end - $start" | bc)" "$rc" | tee -a "$OUT/times.tsv"
}
: >"$OUT/times.tsv"
echo "simulation: $SIM" | tee "$OUT/simulation.txt"
mvn -q -B -o test-compile   # so the first warm run is warm
COLD="${COLD:-2}"; WARM="${WARM:-3}"
for i in $(seq 1 $((COLD > WARM ? COLD : WARM))); do
  if [ "$i" -le "$COLD" ]; then rm -rf target; timed "cold-$i"; fi
  if [ "$i" -le "$WARM" ]; then timed "warm-$i"; fi
done
grep -h "Total time" "$OUT"/*.log | sed 's/^/maven says: /'
