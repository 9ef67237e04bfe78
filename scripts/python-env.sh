#!/usr/bin/env bash
# A Python virtual environment for the native provider's Python SDK tests: the `pulumi` package from PyPI
# (its Automation API runs programs inline, needing only the CLI, like the Node inline mode) and the
# generated SDK (sdk/python) installed from this checkout. Cached outside the repo; the SDK is reinstalled on
# every call so the tests use the committed one. Prints the venv's python as the last line of stdout.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_ROOT="${PULUMI_GRAPH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-graph-connectors}"
# The Python SDK of the same release as the CLI scripts/setup-pulumi.sh provides.
PULUMI_PY_VERSION="${PULUMI_PY_VERSION:-3.259.0}"
VENV="$CACHE_ROOT/python-$PULUMI_PY_VERSION"
log() { echo "python-env: $*" >&2; }

command -v python3 >/dev/null 2>&1 || { log "python3 is not on PATH"; exit 1; }
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import pulumi, setuptools, wheel" 2>/dev/null; then
  log "creating $VENV (pulumi==$PULUMI_PY_VERSION from PyPI)"
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "pulumi==$PULUMI_PY_VERSION" "setuptools>=61" wheel parver semver >&2
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --force-reinstall "$REPO_ROOT/sdk/python" >&2
echo "$VENV/bin/python"
