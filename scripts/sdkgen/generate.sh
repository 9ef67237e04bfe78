#!/usr/bin/env bash
# Generates the native provider's SDKs from schema/schema.json into <out dir> (default: sdk/), building the
# generator (scripts/sdkgen, Go, Pulumi's codegen packages) once per version of its source.
# Usage: generate.sh [out dir]     `npm run sdk` regenerates the schema first, then calls this.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT_DIR="${1:-$REPO_ROOT/sdk}"
CACHE_ROOT="${PULUMI_GRAPH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-graph-connectors}"
command -v go >/dev/null 2>&1 || { echo "sdkgen: go is not on PATH; the SDK generator is a Go program" >&2; exit 1; }

source_hash="$(cat "$REPO_ROOT"/scripts/sdkgen/{main.go,go.mod,go.sum,bind/bind.go} | sha256sum | cut -c1-16)"
generator="$CACHE_ROOT/sdkgen-$source_hash"
if [ ! -x "$generator" ]; then
  echo "sdkgen: building the generator (first run only)" >&2
  mkdir -p "$CACHE_ROOT"
  (cd "$REPO_ROOT/scripts/sdkgen" && GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath -o "$generator.tmp" . && mv "$generator.tmp" "$generator")
fi
"$generator" "$REPO_ROOT/schema/schema.json" "$OUT_DIR" nodejs python go
