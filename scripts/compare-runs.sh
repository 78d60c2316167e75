#!/usr/bin/env bash
# Compares two published runs and writes comparison.html: per-phase figures side by side, the verdicts
# that changed, the allocation sites and goroutine stacks that differ between their closing profiles, and
# the go tool pprof -base command across the two (docs/nightly.md, "Comparing two runs").
#
#   scripts/compare-runs.sh reports/<main's run> reports/<branch's run> [output.html]
#
# Without an output file the page goes into the second run's folder. Exits 0 when written, 1 when not,
# 2 on bad arguments. Needs JDK 17 and Maven (no Go).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: scripts/compare-runs.sh <other run folder> <this run folder> [output file]" >&2
  exit 2
fi
args=()
for arg in "$@"; do args+=("$(realpath -m "$arg")"); done
mvn -B -q test-compile exec:java \
  -Dgo.skip=true \
  -Dexec.classpathScope=test \
  -Dexec.mainClass=io.ginpreflight.report.CompareCommand \
  -Dexec.args="${args[*]}"
