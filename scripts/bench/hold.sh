#!/usr/bin/env bash
# Connections held at once: LongConnectionSimulation through `mvn gatling:test` (the pom's JVM options,
# the embedded gin-lab as a user runs it) with a large hold phase, each client holding one SSE stream and
# one WebSocket. Every second it records the Gatling JVM's open sockets and its heap after the young
# collections (jstat: S0U+S1U+EU+OU, and OU alone), and the lab's descriptors and goroutines come from the
# run's samples.jsonl. Heavy: run it alone, under the load lock.
#
#   flock /tmp/preflight-load.lock scripts/bench/hold.sh     # CLIENTS=5000 RAMP=25s DURATION=30s: ~3.5 min
#
# Output under target/bench/hold-<time>/: run.log (Maven and Gatling), jvm.tsv (one line a second), summary.txt.
source "$(dirname "$0")/lib.sh"
CLIENTS="${CLIENTS:-5000}"; RAMP="${RAMP:-25s}"; DURATION="${DURATION:-30s}"; WARM_UP="${WARM_UP:-true}"
OUT="$BENCH_OUT/hold-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
cd "$PROJECT"
AT=-Dpreflight.families.long-connections.hold
timeout --kill-after=10 "${HOLD_TIMEOUT:-600}" mvn -B gatling:test \
  -Dgatling.simulationClass=io.ginpreflight.simulations.LongConnectionSimulation \
  "$AT.clients=$CLIENTS" "$AT.ramp=$RAMP" "$AT.duration=$DURATION" "$AT.warm-up=$WARM_UP" "$@" >"$OUT/run.log" 2>&1 &
MVN=$!
# A sampler that fails must not stop the script and leave the run going outside the lock.
set +e +o pipefail
trap 'kill "$MVN" 2>/dev/null' EXIT

# The Gatling JVM is the java process under this Maven whose command line names Gatling's main class.
gatling_pid() {
  local p
  for p in $(pgrep -f 'gatlingbooter.*io.gatling.app.Gatling'); do
    # Only a descendant of this script's Maven: other runs may share the machine.
    local q="$p"
    while [ -n "$q" ] && [ "$q" -gt 1 ]; do
      [ "$q" = "$MVN" ] && { echo "$p"; return; }
      q="$(ps -o ppid= -p "$q" | tr -d ' ')"
    done
  done
}

printf 'time\tsockets\theap_used_kib\told_used_kib\theap_committed_kib\n' >"$OUT/jvm.tsv"
GPID=""
while kill -0 "$MVN" 2>/dev/null; do
  [ -n "$GPID" ] && [ -d "/proc/$GPID" ] || GPID="$(gatling_pid)"
  if [ -n "$GPID" ] && [ -d "/proc/$GPID" ]; then
    [ -f "$OUT/jvm-cmdline.txt" ] || tr '\0' ' ' <"/proc/$GPID/cmdline" >"$OUT/jvm-cmdline.txt"
    sockets="$(find "/proc/$GPID/fd" -lname 'socket:*' 2>/dev/null | wc -l)"
    heap="$(jstat -gc "$GPID" 2>/dev/null | awk 'NR==2 {printf "%d\t%d\t%d", $3+$4+$6+$8, $8, $1+$2+$5+$7}')"
    [ -n "$heap" ] && printf '%s\t%s\t%s\n' "$(date +%T)" "$sockets" "$heap" >>"$OUT/jvm.tsv"
  fi
  sleep 1
done
wait "$MVN"; rc=$?
trap - EXIT

samples="$(grep -o 'run folder [^ ;,]*' "$OUT/run.log" | head -1 | cut -d' ' -f3)/samples.jsonl"
{
  echo "clients=$CLIENTS ramp=$RAMP duration=$DURATION warm-up=$WARM_UP $* exit=$rc"
  awk -F'\t' 'NR>1 && $2>s {s=$2; h=$3; o=$4; m=$5} END {printf "Gatling JVM: peak sockets %d; heap used at that second %.0f MiB (old gen %.0f MiB) of %.0f MiB committed\n", s, h/1024, o/1024, m/1024}' "$OUT/jvm.tsv"
  awk -F'\t' 'NR>1 && $3>h {h=$3} END {printf "Gatling JVM: highest heap used in any second %.0f MiB\n", h/1024}' "$OUT/jvm.tsv"
  [ -f "$samples" ] && python3 - "$samples" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
for phase in dict.fromkeys(r["phase"] for r in rows if "held" in r["phase"]):
    peak = max((r for r in rows if r["phase"] == phase), key=lambda r: r.get("openFds", 0))
    print("gin-lab, phase %s: peak open fds %d, goroutines %d, RSS %.0f MiB at %s" % (phase, peak["openFds"],
          peak["goroutines"], peak["rssBytes"] / 2**20, peak["at"]))
PY
  grep -E "> (request count|ws: hold open|sse: hold open|ws: echo after hold|sse: close after hold) " "$OUT/run.log" | tail -5
  grep -E "long connections held\]|whole run\]" "$OUT/run.log" | grep -E "OK memory|KO memory" | sed 's/^.* - //' || true
  sed -n "/---- Errors/,/^====/p" "$OUT/run.log" | tail -n +2 | head -20
  grep -E "BUILD (SUCCESS|FAILURE)|Total time" "$OUT/run.log" || true
} | tee "$OUT/summary.txt"
