#!/usr/bin/env bash
# The nightly memory preflight for any CI: runs the soak simulation with the nightly profile, then makes
# sure every run folder it produced is published to reports/ (the run publishes itself from a shutdown
# hook; this catches a JVM that was killed first) and reports/index.html is rebuilt. It keeps going after
# a failed run and exits with Maven's exit code, so the job still fails when memory leaks.
#
# Environment (all optional):
#   PREFLIGHT_SIMULATION   simulation class (default io.ginpreflight.simulations.SoakSimulation)
#   PREFLIGHT_REPORTS_DIR  where runs are published (default reports, as preflight.reports.dir)
#   PREFLIGHT_REPORTS_KEEP runs kept (default 30, as preflight.reports.keep)
#   PREFLIGHT_PUSHGATEWAY_URL       push results there (sets preflight.pushgateway.url)
#   PREFLIGHT_PUSHGATEWAY_USER, PREFLIGHT_PUSHGATEWAY_PASSWORD
#                          basic auth for the push; read by the run from the environment, never put on a
#                          command line (where ps and CI logs would show them)
#   MAVEN_ARGS_EXTRA       further Maven arguments, e.g. "-Dpreflight.pushgateway.job=nightly"
# Arguments are passed on to Maven as well.
set -uo pipefail

cd "$(dirname "$0")/.." || exit 2

simulation="${PREFLIGHT_SIMULATION:-io.ginpreflight.simulations.SoakSimulation}"
reports_dir="${PREFLIGHT_REPORTS_DIR:-reports}"
keep="${PREFLIGHT_REPORTS_KEEP:-30}"

push_args=()
if [ -n "${PREFLIGHT_PUSHGATEWAY_URL:-}" ]; then
  push_args+=("-Dpreflight.pushgateway.url=$PREFLIGHT_PUSHGATEWAY_URL")
  if [ -n "${PREFLIGHT_PUSHGATEWAY_PASSWORD:-}" ]; then
    # Only the variables' names go on the command line.
    push_args+=("-Dpreflight.pushgateway.username-env=PREFLIGHT_PUSHGATEWAY_USER"
      "-Dpreflight.pushgateway.password-env=PREFLIGHT_PUSHGATEWAY_PASSWORD")
  fi
fi

mkdir -p target
marker="target/.nightly-started"
touch "$marker"

# shellcheck disable=SC2086 # MAVEN_ARGS_EXTRA is a list of arguments on purpose
mvn -B gatling:test \
  -Dgatling.simulationClass="$simulation" \
  -Dpreflight.profile=nightly \
  -Dpreflight.reports.dir="$reports_dir" \
  -Dpreflight.reports.keep="$keep" \
  "${push_args[@]}" ${MAVEN_ARGS_EXTRA:-} "$@"
status=$?

# Only this run's folders: an older one pruned from reports/ must not come back.
new_runs=()
if [ -d target/gatling ]; then
  while IFS= read -r -d '' run; do
    new_runs+=("$run")
  done < <(find target/gatling -mindepth 1 -maxdepth 1 -type d -newer "$marker" -print0)
fi

mvn -B -q test-compile exec:java \
  -Dgo.skip=true \
  -Dexec.classpathScope=test \
  -Dexec.mainClass=io.ginpreflight.report.PublishCommand \
  -Dexec.args="--reports $reports_dir --keep $keep ${new_runs[*]:-}" \
  || echo "nightly: publishing to $reports_dir failed; the run folders are still in target/gatling" >&2

echo "nightly: maven exited with $status"
exit "$status"
