#!/usr/bin/env bash
# Checks the Gatling Enterprise package that `mvn gatling:enterprisePackage` builds (bound to `package`
# in pom.xml, so `mvn verify` builds and checks it): its manifest names the Gatling version and every
# simulation, and it holds every compiled project class and resource and the non-Gatling dependencies,
# but none of Gatling's own (Enterprise puts its own Gatling on the classpath).
# Usage: scripts/check-enterprise-package.sh <package.jar> <gatling version> <test-classes dir>
set -euo pipefail
if [[ $# -ne 3 ]]; then
  echo "usage: $0 <package.jar> <gatling version> <test-classes dir>" >&2
  exit 2
fi
exec python3 - "$1" "$2" "$3" <<'PY'
import os, sys, zipfile

package, gatling_version, classes = sys.argv[1], sys.argv[2], sys.argv[3]
problems = []
if not os.path.isfile(package):
    sys.exit(f"enterprise package check: {package} is missing: run mvn gatling:enterprisePackage (mvn verify does)")
with zipfile.ZipFile(package) as jar:
    names = set(jar.namelist())
    manifest = {}
    key = None
    for line in jar.read("META-INF/MANIFEST.MF").decode("utf-8").splitlines():
        if line.startswith(" ") and key:  # a continuation line of the previous header
            manifest[key] += line[1:]
        elif ":" in line:
            key, value = line.split(":", 1)
            manifest[key] = value.strip()

if manifest.get("Gatling-Version") != gatling_version:
    problems.append(f"manifest Gatling-Version is {manifest.get('Gatling-Version')!r}, expected {gatling_version!r}")
listed = set(s for s in manifest.get("Gatling-Simulations", "").split(",") if s)
simulations_dir = os.path.join(classes, "io", "ginpreflight", "simulations")
expected = set()
for name in os.listdir(simulations_dir):
    # WatchedSimulation is the abstract wiring, not a simulation Enterprise can run.
    if name.endswith("Simulation.class") and name != "WatchedSimulation.class":
        expected.add("io.ginpreflight.simulations." + name[: -len(".class")])
if not expected <= listed:
    problems.append(f"manifest Gatling-Simulations lacks {sorted(expected - listed)}")
if "WatchedSimulation" in manifest.get("Gatling-Simulations", ""):
    problems.append("manifest lists the abstract WatchedSimulation")

project_files = []
for root, _, files in os.walk(classes):
    for f in files:
        project_files.append(os.path.relpath(os.path.join(root, f), classes).replace(os.sep, "/"))
missing = sorted(f for f in project_files if f not in names)
if missing:
    problems.append(f"{len(missing)} project classes or resources missing, e.g. {missing[:5]}")
# Non-Gatling dependencies: Prometheus' simpleclient and its Pushgateway exporter.
for dependency_class in ["io/prometheus/client/Collector.class", "io/prometheus/client/exporter/PushGateway.class"]:
    if dependency_class not in names:
        problems.append(f"dependency class {dependency_class} missing")
gatling_own = sorted(n for n in names if n.startswith(("io/gatling/", "scala/", "io/netty/")))
if gatling_own:
    problems.append(f"{len(gatling_own)} entries of Gatling itself, e.g. {gatling_own[:3]}: Enterprise provides them")

if problems:
    print("enterprise package check FAILED for " + package + ":\n  " + "\n  ".join(problems), file=sys.stderr)
    sys.exit(1)
print(f"enterprise package check: OK ({package}: Gatling {gatling_version}, {len(listed)} simulations, "
      f"{len(project_files)} project files, {len(names)} entries)")
PY
