#!/usr/bin/env bash
# The test command behind `npm test` (run inside scripts/toolchain.sh): the formatter's and the linter's checks,
# one type-check of the tests and the examples, then jest (which only transpiles: the type-check was done here).
#
# The four checks run side by side, each keeping what it learnt under node_modules/.cache (a file unchanged since
# the last run is not checked again), so on a machine that ran them before they take seconds, and their output
# is shown after all have ended, in a fixed order.
set -euo pipefail
CACHE="node_modules/.cache/pulumi-graph-connectors"
mkdir -p "$CACHE"
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT

check() {
  local name="$1"
  shift
  "$@" >"$logs/$name" 2>&1 && echo 0 >"$logs/$name.rc" || echo $? >"$logs/$name.rc"
}
check format prettier --check --log-level warn --cache --cache-strategy content --cache-location "$CACHE/prettier" '**/*.{ts,js,mjs,cjs}' &
check lint eslint --cache --cache-strategy content --cache-location "$CACHE/eslint" . &
check types-tests tsc -p tests/tsconfig.json --incremental --tsBuildInfoFile "$CACHE/tests.tsbuildinfo" &
check types-examples tsc -p examples/tsconfig.json --incremental --tsBuildInfoFile "$CACHE/examples.tsbuildinfo" &
wait

failed=0
for name in format lint types-tests types-examples; do
  cat "$logs/$name"
  if [ "$(cat "$logs/$name.rc")" != 0 ]; then
    echo "test: the $name check failed" >&2
    failed=1
  fi
done
[ "$failed" = 0 ] || exit 1
# The end-to-end tests start the Pulumi CLI (and Pulumi YAML's language host), Go programs, hundreds of times,
# each for a second or less; a good part of such a short run goes to Go's garbage collector at its default pace.
# Collecting less often trades some memory for that CPU; nothing else about the runs changes.
export GOGC="${GOGC:-400}"
jest "$@"
