#!/usr/bin/env bash
# Provides the Pulumi CLI for `npm run demo` and the end-to-end tests.
#
# Uses `pulumi` from PATH when present. Otherwise it builds the CLI from the Go module proxy (no prebuilt
# download is reachable from our CI machines; see shared/reference/pulumi.md section C2) and caches it
# outside the repo, so only the first run on a machine pays for the build.
#
# The Node.js language host (pulumi-language-nodejs) is not built: its module is never tagged and the proxy
# we can reach refuses pseudo-versions. The demo and the end-to-end tests therefore run programs through the
# Automation API's inline mode, where the CLI talks to the language server inside the Node process
# (`--client`) and never starts a language host.
# Prints the directory that holds the binaries as the last line of stdout.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=pulumi-go-module.sh
source "$REPO_ROOT/scripts/pulumi-go-module.sh"
CACHE_ROOT="${PULUMI_GRAPH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-graph-connectors}"
BIN_DIR="$CACHE_ROOT/pulumi-$PULUMI_VERSION/bin"

log() { echo "setup-pulumi: $*" >&2; }

install_nodejs_provider_script() {
  # The engine looks for pulumi-resource-pulumi-nodejs on PATH or beside `pulumi`; it ships in @pulumi/pulumi.
  local script="$REPO_ROOT/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
  if [ -f "$script" ] && [ ! -x "$1/pulumi-resource-pulumi-nodejs" ]; then
    install -m755 "$script" "$1/"
  fi
}

if [ -z "${PULUMI_FORCE_BUILD:-}" ] && command -v pulumi >/dev/null 2>&1; then
  dir="$(dirname "$(command -v pulumi)")"
  log "using pulumi on PATH: $(pulumi version)"
  echo "$dir"
  exit 0
fi

if [ -x "$BIN_DIR/pulumi" ]; then
  install_nodejs_provider_script "$BIN_DIR"
  log "using cached build in $BIN_DIR"
  echo "$BIN_DIR"
  exit 0
fi

command -v go >/dev/null 2>&1 || { log "neither pulumi nor go is on PATH; install one of them"; exit 1; }

BUILD_DIR="$CACHE_ROOT/build-$PULUMI_VERSION"
mkdir -p "$BUILD_DIR" "$BIN_DIR"
cd "$BUILD_DIR"
log "building pulumi $PULUMI_VERSION from Go modules in $BUILD_DIR (first run only; takes several minutes)"

pulumi_go_module . local/pulumibuild
cat > tools.go <<'GOSRC'
//go:build tools

package tools

import (
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
)
GOSRC

export GOFLAGS=-mod=mod CGO_ENABLED=0
# No `go mod tidy`: it would also resolve the test dependencies of every package; the build needs fewer.

LDFLAGS="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION"
go build -trimpath -tags osusergo,grpcnotrace -ldflags "$LDFLAGS" -o "$BIN_DIR/pulumi.tmp" \
  github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2
# Rename last so an interrupted build is never mistaken for a finished one.
mv "$BIN_DIR/pulumi.tmp" "$BIN_DIR/pulumi"
install_nodejs_provider_script "$BIN_DIR"
log "built $("$BIN_DIR/pulumi" version)"
echo "$BIN_DIR"
