#!/usr/bin/env bash
# Provides Pulumi YAML's language host (`pulumi-language-yaml`), with which the end-to-end tests run the
# native provider the way its users run programs: `pulumi preview`, `up`, `refresh`, `import`, `destroy` in a
# project directory with `runtime: yaml` (the Node.js, Python, Go and .NET hosts are not served by the Go
# module proxy our CI reaches; see shared/reference/pulumi.md C3).
#
# Uses the host on PATH or beside `pulumi` when there is one (a regular Pulumi installation ships it).
# Otherwise it builds it once from the Go module proxy and caches it outside the repo: the first run on a
# machine downloads its modules (it needs Pulumi's pkg module at the release pulumi-yaml requires, not the
# CLI's) and compiles for about two minutes; every later run finds the binary.
# Prints the directory that holds the binary as the last line of stdout.
set -euo pipefail

CACHE_ROOT="${PULUMI_GRAPH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-graph-connectors}"
# The release the tests were written against; its go.mod builds as it is (no replace directives).
PULUMI_YAML_VERSION="${PULUMI_YAML_VERSION:-v1.25.0}"
BIN_DIR="$CACHE_ROOT/pulumi-language-yaml-$PULUMI_YAML_VERSION/bin"

log() { echo "setup-pulumi-yaml: $*" >&2; }

if [ -z "${PULUMI_FORCE_BUILD:-}" ]; then
  if command -v pulumi-language-yaml >/dev/null 2>&1; then
    log "using pulumi-language-yaml on PATH"
    dirname "$(command -v pulumi-language-yaml)"
    exit 0
  fi
  if command -v pulumi >/dev/null 2>&1 && [ -x "$(dirname "$(command -v pulumi)")/pulumi-language-yaml" ]; then
    log "using pulumi-language-yaml beside pulumi"
    dirname "$(command -v pulumi)"
    exit 0
  fi
fi

if [ -x "$BIN_DIR/pulumi-language-yaml" ]; then
  log "using cached build in $BIN_DIR"
  echo "$BIN_DIR"
  exit 0
fi

command -v go >/dev/null 2>&1 || { log "go is not on PATH: cannot build pulumi-language-yaml (the YAML end-to-end tests need it)"; exit 1; }

mkdir -p "$BIN_DIR"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
log "building pulumi-language-yaml $PULUMI_YAML_VERSION from Go modules (first run only; a few minutes)"
# `go install pkg@version` builds with the module's own go.mod, outside any module of ours.
GOFLAGS=-mod=mod CGO_ENABLED=0 GOBIN="$work" go install -trimpath \
  -ldflags "-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=$PULUMI_YAML_VERSION" \
  "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@$PULUMI_YAML_VERSION" >&2
# Moved into place last, so an interrupted build is never mistaken for a finished one.
mv "$work/pulumi-language-yaml" "$BIN_DIR/pulumi-language-yaml"
log "built $BIN_DIR/pulumi-language-yaml"
echo "$BIN_DIR"
