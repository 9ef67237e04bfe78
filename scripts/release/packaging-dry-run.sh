#!/usr/bin/env bash
# Every packaging step of a release that this machine can take, without publishing anything (run by
# `npm test` through tests/release/packaging.test.ts, inside scripts/toolchain.sh; the release workflow then
# publishes what these steps make):
#   - the dynamic package, as `npm publish` would pack it (dist/ as toolchain.sh built it);
#   - the native provider's Node.js SDK, compiled from sdk/nodejs with package.json and README beside the
#     JavaScript, packed from there as `npm publish <dir>` would;
#   - the Python SDK: `python -m build` (sdist and wheel) and `twine check`, in a cached virtual environment;
#   - the Go SDK: `go build` and `go vet` of the module the `sdk/v<version>` tag publishes.
# The .NET SDK's `dotnet pack` needs a .NET SDK, which our machines lack: the release workflow runs it.
# Usage: packaging-dry-run.sh <out dir>      Writes the packages to <out dir>; prints one line per step.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$(mkdir -p "${1:?usage: packaging-dry-run.sh <out dir>}" && cd "$1" && pwd)"
CACHE_ROOT="${PULUMI_GRAPH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-graph-connectors}"
VERSION="$(node -p 'require(process.argv[1]).version' "$REPO_ROOT/package.json")"
cd "$REPO_ROOT"
step() { echo "packaging: $*"; }

# --ignore-scripts: `prepare` would rebuild dist/ under tests running beside this.
npm pack --ignore-scripts --silent --pack-destination "$OUT" >/dev/null
step "npm package pulumi-graph-connectors-$VERSION.tgz"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tsc -p sdk/nodejs/tsconfig.json --outDir "$work/nodejs" --declarationMap false --sourceMap false
cp sdk/nodejs/package.json sdk/nodejs/README.md "$work/nodejs/"
(cd "$work/nodejs" && npm pack --silent --pack-destination "$OUT" >/dev/null)
step "npm package of the Node.js SDK in $(cd "$OUT" && ls ./*native-"$VERSION".tgz)"

command -v python3 >/dev/null 2>&1 || { echo "packaging: python3 is not on PATH" >&2; exit 1; }
venv="$CACHE_ROOT/python-packaging"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import build, twine, setuptools, wheel" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "build>=1.2" "twine>=6" "setuptools>=61" wheel >&2
fi
# Built from a copy: setuptools writes build/ and *.egg-info beside the sources.
cp -r sdk/python "$work/python"
"$venv/bin/python" -m build --no-isolation --sdist --wheel --outdir "$OUT" "$work/python" >/dev/null
"$venv/bin/python" -m twine check --strict "$OUT"/pulumi_graph_connectors-* >&2
step "python packages $(cd "$OUT" && echo pulumi_graph_connectors-*) pass twine check"

# -trimpath: Go's build cache keys the module by its content, not by the directory of this checkout.
(cd sdk && GOFLAGS="-mod=mod -trimpath" CGO_ENABLED=0 go build ./... && GOFLAGS="-mod=mod -trimpath" CGO_ENABLED=0 go vet ./go/...)
step "go module $(cd sdk && go list -m) builds (tag sdk/v$VERSION)"
