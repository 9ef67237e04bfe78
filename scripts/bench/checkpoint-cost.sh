#!/usr/bin/env bash
# What one state write of Pulumi's file backend costs for a stack's state, and how much of it the
# ExternalGroup members are (scripts/bench/checkpoint-cost/main.go). Pass a checkpoint file or a state
# directory (its largest checkpoint is taken), e.g. one a benchmark run kept:
#   BENCH_KEEP_STATE=1 BENCH_TENANTS=large BENCH_CLIENTS=provider BENCH_OUT=/tmp/bench npm run bench
#   bash scripts/bench/checkpoint-cost.sh <the directory it names>
# Built against the same Pulumi version as the CLI (scripts/setup-pulumi.sh), from the Go module proxy, in a
# cache directory outside the repo.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=../pulumi-go-module.sh
source "$REPO_ROOT/scripts/pulumi-go-module.sh"
CACHE_ROOT="${PULUMI_GRAPH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-graph-connectors}"
BUILD_DIR="$CACHE_ROOT/checkpoint-cost-$PULUMI_VERSION"

command -v go >/dev/null 2>&1 || { echo "checkpoint-cost: needs go on PATH" >&2; exit 1; }
mkdir -p "$BUILD_DIR"
pulumi_go_module "$BUILD_DIR" local/checkpointcost
# The CLI's build already resolved these modules; its checksums save looking them up again.
cli_sums="$CACHE_ROOT/build-$PULUMI_VERSION/go.sum"
if [ ! -f "$BUILD_DIR/go.sum" ] && [ -f "$cli_sums" ]; then cp "$cli_sums" "$BUILD_DIR/go.sum"; fi
cp "$REPO_ROOT/scripts/bench/checkpoint-cost/main.go" "$BUILD_DIR/main.go"
cd "$BUILD_DIR"
GOFLAGS=-mod=mod CGO_ENABLED=0 go build -o checkpoint-cost . >&2
exec ./checkpoint-cost "$@"
