#!/usr/bin/env bash
# The test command behind `npm test` (run inside scripts/toolchain.sh): type-check the examples, then jest.
set -euo pipefail
tsc -p examples/tsconfig.json
jest "$@"
