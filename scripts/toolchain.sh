#!/usr/bin/env bash
# Runs a command with everything the project needs, installing what is missing, so that `npm run demo` and
# `npm test` are the only set-up a fresh machine needs:
#   - Node.js >= 22 (@pulumi/pulumi requires it); an older system node gets Node 22 from the npm registry;
#   - node_modules, installed from package-lock.json when missing or out of date;
#   - the compiled package in dist/ (the serialized providers `require` it by package name);
#   - the Pulumi CLI (scripts/setup-pulumi.sh), for the demo and the end-to-end tests, and Pulumi YAML's
#     language host (scripts/setup-pulumi-yaml.sh), for the end-to-end tests of YAML programs;
#   - NODE_EXTRA_CA_CERTS holding the emulator's test CA (added to any bundle already configured, since Node
#     reads only one file), so @azure/identity and the Graph client trust the emulator.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_ROOT="${PULUMI_GRAPH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-graph-connectors}"
cd "$REPO_ROOT"
log() { echo "toolchain: $*" >&2; }

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt 22 ]; then
  case "$(uname -m)" in x86_64) arch=x64 ;; aarch64|arm64) arch=arm64 ;; *) arch="$(uname -m)" ;; esac
  node_dir="$CACHE_ROOT/node22"
  if [ ! -x "$node_dir/node_modules/node-linux-$arch/bin/node" ]; then
    log "node $(node --version 2>/dev/null || echo missing) is older than 22; installing node-linux-$arch@22 from npm"
    mkdir -p "$node_dir"
    npm install --prefix "$node_dir" --no-audit --no-fund --loglevel=error "node-linux-$arch@22" >&2
  fi
  export PATH="$node_dir/node_modules/node-linux-$arch/bin:$PATH"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing node_modules"
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
export PATH="$REPO_ROOT/node_modules/.bin:$PATH"

log "compiling TypeScript"
node scripts/build/incrementalBuild.js tsconfig.json
# The native provider plugin is found on PATH (node_modules/.bin links the package's own bin); tsc does not
# make it executable, npm does so only when it installs a package.
chmod +x dist/provider/native/main.js dist/provider/cli.js

# The demo and the end-to-end tests need the CLI, and the YAML end-to-end tests Pulumi YAML's language host
# (scripts/setup-pulumi-yaml.sh); PULUMI_GRAPH_SKIP_CLI=1 skips both for quick local runs.
if [ -z "${PULUMI_GRAPH_SKIP_CLI:-}" ]; then
  pulumi_bin="$(bash scripts/setup-pulumi.sh | tail -n 1)"
  export PATH="$pulumi_bin:$PATH"
  yaml_bin="$(bash scripts/setup-pulumi-yaml.sh | tail -n 1)"
  export PATH="$yaml_bin:$PATH"
fi

# One implementation of the bundle logic: the emulator's trustBundlePath().
NODE_EXTRA_CA_CERTS="$(node -p 'require("./dist/emulator/tls").trustBundlePath()')"
export NODE_EXTRA_CA_CERTS
export PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
# Every Pulumi operation starts a Node process for the provider plugin, which compiles @pulumi/pulumi and this
# package anew each time; Node's on-disk compile cache (22.1+) keeps that work between processes.
export NODE_COMPILE_CACHE="${NODE_COMPILE_CACHE:-$CACHE_ROOT/node-compile-cache}"
exec "$@"
