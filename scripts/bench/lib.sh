# Shared by the benchmark scripts: run from the project directory, offline, loopback only.
# Sourced, not executed.

set -euo pipefail

PROJECT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH_OUT="${BENCH_OUT:-$PROJECT/target/bench}"
mkdir -p "$BENCH_OUT"

# The test classes and the test classpath the forked JVMs need (what `mvn verify` writes before its
# integration tests), without running any test.
bench_compile() {
  (cd "$PROJECT" && mvn -q -B -o test-compile dependency:build-classpath@test-classpath-for-forked-gatling)
  BENCH_CP="$PROJECT/target/test-classes:$(cat "$PROJECT/target/test-classpath.txt")"
}

# gatling_run_into RESULTS SIMULATION_CLASS LOG_FILE [-Dkey=value ...]: one Gatling run in a JVM of its own, as
# src/test/java/io/ginpreflight/testkit/GatlingProcess.java does, its Gatling and published reports under RESULTS
# (run_summary.py reads the memory.json there); bounded by timeout(1). Prints the exit code.
gatling_run_into() {
  local results="$1" simulation="$2" log="$3"; shift 3
  local rc=0
  timeout --kill-after=10 "${GATLING_TIMEOUT:-900}" java "-Xmx${GATLING_HEAP:-1g}" \
    --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED \
    -cp "$BENCH_CP" "$@" \
    -Dpreflight.project-dir="$PROJECT" \
    -Dpreflight.reports.gatling-results="$results" -Dpreflight.reports.dir="$results/published" \
    io.gatling.app.Gatling -s "$simulation" -rf "$results" >"$log" 2>&1 || rc=$?
  echo "$rc"
}

# gatling_run SIMULATION_CLASS LOG_FILE [-Dkey=value ...]: as gatling_run_into, its reports in a new folder under
# $BENCH_OUT, with the smaller heap and shorter bound the older scripts were measured with.
gatling_run() {
  local results; results="$(mktemp -d "$BENCH_OUT/gatling-XXXXXX")"
  GATLING_TIMEOUT="${GATLING_TIMEOUT:-600}" GATLING_HEAP="${GATLING_HEAP:-512m}" gatling_run_into "$results" "$@"
}

# summarized_run RESULTS SIMULATION_CLASS [-Dkey=value ...]: gatling_run_into a fresh RESULTS folder (console.log
# in it), then prints one TSV tail: exit code, whole-process seconds, and run_summary.py's line of its memory.json.
summarized_run() {
  local results="$1" simulation="$2"; shift 2
  rm -rf "$results"; mkdir -p "$results"
  local start rc; start="$(date +%s)"
  rc="$(gatling_run_into "$results" "$simulation" "$results/console.log" "$@")"
  printf '%s\t%s\t%s\n' "$rc" "$(( $(date +%s) - start ))" "$(python3 "$PROJECT/scripts/bench/run_summary.py" "$results")"
}

# service_build NAME PACKAGE: builds src/test/resources/testdata/NAME's PACKAGE into $BENCH_OUT/NAME, with the
# goroutineleak profile as the suite builds the test services (GOEXPERIMENT on Go 1.26; standard from 1.27).
service_build() {
  local name="$1" pkg="$2" go experiment=""
  go="$(command -v go || echo /usr/local/go/bin/go)"
  case "$(GOTOOLCHAIN=local "$go" env GOVERSION)" in go1.26*) experiment=goroutineleakprofile ;; esac
  (cd "$PROJECT/src/test/resources/testdata/$name" && GOTOOLCHAIN=local GOEXPERIMENT="$experiment" \
    "$go" build -o "$BENCH_OUT/$name" "$pkg")
}

# service_settings NAME " -flag value ...": the -D settings that point a run at test service NAME, started by
# the suite on free loopback ports with its own configuration (as its IT does), one a word.
service_settings() {
  local name="$1" flags="$2" port pprof
  port="$(free_port)"; pprof="$(free_port)"
  printf '%s\n' "-Dpreflight.config=$PROJECT/src/test/resources/testdata/$name/preflight-$name.conf" \
    "-Dpreflight.target.url=http://127.0.0.1:$port" \
    "-Dpreflight.pprof.url=http://127.0.0.1:$pprof/debug/pprof" \
    "-Dpreflight.target.command=$BENCH_OUT/$name -addr 127.0.0.1:$port -pprof-addr 127.0.0.1:$pprof -exit-on-stdin-eof$flags"
}

# go_lab_build: builds gin-lab once into $BENCH_OUT/gin-lab (Go's build cache makes a rebuild cheap).
go_lab_build() {
  local go; go="$(command -v go || echo /usr/local/go/bin/go)"
  (cd "$PROJECT/gin-lab" && GOTOOLCHAIN=local "$go" build -o "$BENCH_OUT/gin-lab" .)
}

# A free loopback port (the kernel picks it; there is a small race until the lab binds it).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# wrk is Debian's package; install it when missing rather than fail half-way.
require_wrk() {
  if ! command -v wrk >/dev/null; then
    echo "wrk is missing: installing Debian's wrk (apt-get install -y wrk)" >&2
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null
  fi
}

# median of numbers, one per argument
median() {
  printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'
}
