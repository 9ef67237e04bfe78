#!/usr/bin/env bash
# Provides Pulumi YAML's language host (pulumi-language-yaml) for the end-to-end test of a YAML program, the
# way users of YAML run the native provider: `pulumi up` in a project directory, no Node.js involved.
# Uses one on PATH when present; otherwise builds it once from the Go module proxy (the only language host
# the proxy serves whole, shared/reference/pulumi.md C3) into the cache. Prints its directory as the last line.
set -euo pipefail
CACHE_ROOT="${PULUMI_GRAPH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-graph-connectors}"
YAML_VERSION="${PULUMI_YAML_VERSION:-v1.25.0}"
BIN_DIR="$CACHE_ROOT/pulumi-yaml-$YAML_VERSION/bin"
log() { echo "setup-pulumi-yaml: $*" >&2; }

if command -v pulumi-language-yaml >/dev/null 2>&1; then
  dirname "$(command -v pulumi-language-yaml)"
  exit 0
fi
if [ ! -x "$BIN_DIR/pulumi-language-yaml" ]; then
  command -v go >/dev/null 2>&1 || { log "go is not on PATH; it builds pulumi-language-yaml"; exit 1; }
  log "building pulumi-language-yaml $YAML_VERSION from Go modules (first run only)"
  mkdir -p "$BIN_DIR"
  # Built elsewhere, then moved: an interrupted build is never taken for a finished one.
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && GOFLAGS=-mod=mod CGO_ENABLED=0 GOBIN="$tmp" go install "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@$YAML_VERSION" >&2)
  mv "$tmp/pulumi-language-yaml" "$BIN_DIR/pulumi-language-yaml"
fi
echo "$BIN_DIR"
