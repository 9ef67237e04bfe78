#!/usr/bin/env bash
# The test command behind `npm test` (run inside scripts/toolchain.sh): the formatter's and the linter's checks,
# one type-check of the tests and the examples, then jest (which only transpiles: the type-check was done here).
set -euo pipefail
prettier --check --log-level warn '**/*.{ts,js,mjs,cjs}'
eslint .
tsc -p tests/tsconfig.json
tsc -p examples/tsconfig.json
jest "$@"
