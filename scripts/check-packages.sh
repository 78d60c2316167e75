#!/usr/bin/env bash
# Fails when the product packages depend on each other in a cycle, or when JUnit is imported outside tests
# and testkit. Reads the compiled classes (run after `mvn test-compile`); test classes (*Test, *IT and their
# inner classes) are left out of the graph: they sit beside what they test, by Maven's convention.
# Usage: scripts/check-packages.sh [--graph] (--graph also prints every package edge)
set -euo pipefail
cd "$(dirname "$0")/.."
classes=target/test-classes
[ -d "$classes/io/ginpreflight" ] || { echo "No compiled classes in $classes: run mvn test-compile first."; exit 2; }

jdeps -verbose:class -filter:none "$classes" 2>/dev/null | python3 scripts/package_graph.py "$@"
