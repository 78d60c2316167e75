#!/bin/sh
# Captures /proc/<pid>/status of a real, loaded Go process (testdata/uploadsvc) as the fixture
# ProcStatusTest parses. Run from this directory on Linux with Go installed:  ./capture-status.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
(cd "$here/../uploadsvc" && GOTOOLCHAIN=local go build -o "$work/uploadsvc" .)
TMPDIR="$work" "$work/uploadsvc" -addr 127.0.0.1:18931 -keep-temp-files >"$work/log" 2>&1 &
pid=$!
for _ in 1 2 3 4 5 6 7 8 9 10; do curl -fs http://127.0.0.1:18931/healthz >/dev/null && break; sleep 0.5; done
for i in 1 2 3 4 5 6 7 8 9 10; do curl -fs -X POST --data-binary "upload $i" http://127.0.0.1:18931/upload >/dev/null; done
cat "/proc/$pid/status" >"$here/status-uploadsvc.txt"
echo "captured /proc/$pid/status into $here/status-uploadsvc.txt"
