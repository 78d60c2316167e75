#!/usr/bin/env bash
# What an attribution adds to a failing run: the same failing family simulation with the attribution on and
# off (preflight.attribution.max-time = off), alternated (on, off, off, on, ...), each in a JVM of its own as the
# integration tests run it. The leak is one of DetectionMatrixIT's attribution rows: 1 KiB kept per
# GET /api/catalog/:sku, one request of the binding family's 21 (three planned rounds, as the row runs it).
#
#   scripts/bench/attribution.sh               # 3 cycles of 2 runs of about 70 s: about 8 minutes
#   CYCLES=5 scripts/bench/attribution.sh
#
# Per run: its wall time, and from its console the attribution's own time (the phase's last probe to the
# line that says what the rounds found) and its rounds. Prints a markdown table; also target/bench/attribution.out.
source "$(dirname "$0")/lib.sh"
CYCLES="${CYCLES:-3}"
bench_compile
LEAK=(-Dlab.args.0=-leak-bytes-per-request -Dlab.args.1=1024 -Dlab.args.2=-leak-routes
  "-Dlab.args.3=GET /api/catalog/:sku" -Dpreflight.rounds.max=3)
ON=(); OFF=(); OWN=(); ROUNDS=()
one() {   # one on|off CYCLE → appends to ON/OFF (and OWN, ROUNDS)
  local log="$BENCH_OUT/attribution-$1-$2.log" start end rc
  local extra=(); [ "$1" = off ] && extra=(-Dpreflight.attribution.max-time=off)
  start=$(date +%s.%N)
  rc="$(gatling_run io.ginpreflight.simulations.BindingSimulation "$log" "${LEAK[@]}" "${extra[@]}")"
  end=$(date +%s.%N)
  [ "$rc" != 0 ] || { echo "run $1 $2 passed: the leak was not caught, see $log" >&2; exit 1; }
  local took; took="$(python3 -c "print(f'{$end - $start:.1f}')")"
  if [ "$1" = on ]; then
    ON+=("$took")
    # from the probe that decided the phase (its line just before "attribution round 1") to the found sentence
    read -r own rounds < <(python3 - "$log" <<'PY'
import re, sys
from datetime import datetime
lines = open(sys.argv[1], errors="replace").read().splitlines()
t = lambda l: datetime.strptime(l[:12], "%H:%M:%S.%f")
first = next(i for i, l in enumerate(lines) if "attribution round 1 of at most" in l)
decided = next(l for l in reversed(lines[:first]) if "memory probe after" in l)
found = next(l for l in lines if " attribution rounds: " in l)
rounds = re.search(r"after (\d+) attribution rounds", found).group(1)
print(f"{(t(found) - t(decided)).total_seconds():.1f} {rounds}")
PY
)
    OWN+=("$own"); ROUNDS+=("$rounds")
  else
    OFF+=("$took")
  fi
  echo "cycle $2: attribution $1: $took s" | tee -a "$BENCH_OUT/attribution.out"
}
for cycle in $(seq 1 "$CYCLES"); do
  if [ $((cycle % 2)) = 1 ]; then one on "$cycle"; one off "$cycle"; else one off "$cycle"; one on "$cycle"; fi
done
MON="$(median "${ON[@]}")"; MOFF="$(median "${OFF[@]}")"
{
  echo
  echo "| BindingSimulation, 1 KiB per GET /api/catalog/:sku | seconds per run | median |"
  echo "|---|---|---|"
  echo "| attribution on | ${ON[*]} | $MON |"
  echo "| attribution off | ${OFF[*]} | $MOFF |"
  echo "| the attribution itself (phase decided to sentence), rounds | ${OWN[*]} (rounds ${ROUNDS[*]}) | $(median "${OWN[@]}") |"
  echo "| added to the failing run (median on - median off) | | $(python3 -c "print(f'{$MON - $MOFF:.1f}')") |"
} | tee -a "$BENCH_OUT/attribution.out"
