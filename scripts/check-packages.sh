#!/usr/bin/env bash
# Fails when the product packages depend on each other in a cycle, or when JUnit is imported outside tests
# and testkit. Reads the compiled classes (run after `mvn test-compile`; `mvn test` and `mvn verify` run it
# in their test phase); test classes (*Test, *IT and their inner classes) are left out of the graph: they
# sit beside what they test, by Maven's convention. The graph logic tests itself first, so that a broken
# reader cannot pass.
# Usage: scripts/check-packages.sh [--graph] (--graph also prints every package edge)
set -euo pipefail
cd "$(dirname "$0")/.."
classes=target/test-classes
# The JDK of JAVA_HOME when set (Maven passes its own), else the one on PATH.
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jdeps" ]; then export PATH="$JAVA_HOME/bin:$PATH"; fi
for tool in jdeps javac python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "check-packages: '$tool' is needed (a JDK 17 and python3)"; exit 2; }
done
[ -d "$classes/io/ginpreflight" ] || { echo "No compiled classes in $classes: run mvn test-compile first."; exit 2; }

# Quiet when it passes (unittest reports on stderr); all of it when it does not.
selftest=$(python3 scripts/package_graph_test.py 2>&1) || { echo "$selftest"; echo "check-packages: its self-test failed"; exit 2; }
jdeps -verbose:class -filter:none "$classes" | python3 scripts/package_graph.py "$@"
