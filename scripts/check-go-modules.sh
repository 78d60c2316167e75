#!/usr/bin/env bash
# Checks every Go module of the repository as `mvn verify` does: gofmt (no file it would change), go vet and
# go test, module by module. The modules are found, not listed: gin-lab and every go.mod below src/ (the
# test services under src/test/resources/testdata and the capture programs of the fixtures), so a service
# added later is checked from its first build. Copies under target/ and hidden folders are left out.
#
# Usage: scripts/check-go-modules.sh [--list]    (--list prints the modules and checks nothing)
# GO_TEST_COUNT (default 1) is go test's -count: run a band-asserting test several times before trusting it,
# e.g. GO_TEST_COUNT=20 scripts/check-go-modules.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v go >/dev/null 2>&1 || { echo "check-go-modules: 'go' is needed on PATH (Go 1.24+), or skip with -Dgo.skip=true"; exit 2; }
count=${GO_TEST_COUNT:-1}
[[ $count =~ ^[1-9][0-9]*$ ]] || { echo "check-go-modules: GO_TEST_COUNT must be a whole number of at least 1, was '$count'"; exit 2; }

mapfile -t modules < <(find . \( -path ./target -o -path '*/.*' -o -name vendor \) -prune -o -name go.mod -print \
  | sed -e 's|^\./||' -e 's|/\?go\.mod$||' | sort)
# A repository without the modules it is known to have is a broken checkout, not a pass.
[[ " ${modules[*]} " == *" gin-lab "* ]] || { echo "check-go-modules: gin-lab/go.mod not found"; exit 2; }
if [[ ${1:-} == --list ]]; then
  printf '%s\n' "${modules[@]}"
  exit 0
fi

failed=()
for module in "${modules[@]}"; do
  echo "== $module: gofmt, go vet, go test -count=$count"
  unformatted=$(cd "$module" && gofmt -l .)
  if [[ -n $unformatted ]]; then
    echo "gofmt would change, in $module: $unformatted (run gofmt -w there)"
    failed+=("$module (gofmt)")
  fi
  (cd "$module" && go vet ./...) || failed+=("$module (go vet)")
  # go test's own 10-minute timeout is for one count of each test; twenty counts of gin-lab take longer.
  (cd "$module" && go test -count="$count" -timeout "$((10 * count))m" ./...) || failed+=("$module (go test)")
done

if [[ ${#failed[@]} -gt 0 ]]; then
  echo "check-go-modules: ${#failed[@]} failed of ${#modules[@]} modules: ${failed[*]}"
  exit 1
fi
echo "check-go-modules: ${#modules[@]} Go modules formatted, vetted and tested: ${modules[*]}"
