#!/usr/bin/env bash
# Overhead: gin-lab's throughput under wrk with no memory watch, with the continuous sampler (every 1 s),
# and with the sampler plus a full probe every 5 s, alternated in one process (A B C, C B A, …).
#
#   scripts/bench/overhead.sh                 # 3 cycles of 3 × 15 s windows: about 2.5 minutes
#   CYCLES=5 SECONDS_PER_WINDOW=15 scripts/bench/overhead.sh
#
# The lab is the fixed one (lab.leaks=none), started by EmbeddedLab on free loopback ports; the load is
# `wrk -t2 -c32 -d15s http://127.0.0.1:PORT/api/items/1`. Prints a markdown table; output also in
# target/bench/overhead.out.
source "$(dirname "$0")/lib.sh"
require_wrk
bench_compile
timeout --kill-after=10 1800 java -Xmx256m -cp "$BENCH_CP" \
  -Dpreflight.project-dir="$PROJECT" -Dlab.leaks=none \
  -Dbench.cycles="${CYCLES:-3}" -Dbench.seconds="${SECONDS_PER_WINDOW:-15}" \
  -Dbench.connections=32 -Dbench.threads=2 \
  io.ginpreflight.bench.WatchOverheadBenchmark 2>&1 | grep --line-buffered -v DEBUG | tee "$BENCH_OUT/overhead.out"
