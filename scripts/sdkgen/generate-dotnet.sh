#!/usr/bin/env bash
# Generates the .NET SDK (sdk/dotnet) from schema/schema.json with Pulumi's .NET code generator, built from a
# work tree of github.com/pulumi/pulumi-dotnet (its Go module is not served by the Go module proxy, so it
# cannot be fetched like the other generators). The generated SDK is committed; CI checks it against a fresh
# generation only where such a work tree is at hand (PULUMI_DOTNET_SOURCE).
# Usage: generate-dotnet.sh <pulumi-dotnet work tree> [out dir]
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SOURCE="$(cd "${1:?usage: generate-dotnet.sh <pulumi-dotnet work tree> [out dir]}" && pwd)"
OUT_DIR="${2:-$REPO_ROOT/sdk}"
[ -f "$SOURCE/pulumi-language-dotnet/codegen/gen.go" ] || { echo "sdkgen-dotnet: no pulumi-language-dotnet/codegen in $SOURCE" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$REPO_ROOT/scripts/sdkgen/dotnet/main.go" "$REPO_ROOT/scripts/sdkgen/dotnet/go.mod" "$work/"
cat "$REPO_ROOT/scripts/sdkgen/go.sum" "$SOURCE/pulumi-language-dotnet/go.sum" | sort -u > "$work/go.sum"
(
  cd "$work"
  go mod edit -replace "local/graph-connectors-sdkgen=$REPO_ROOT/scripts/sdkgen" \
    -replace "github.com/pulumi/pulumi-dotnet/pulumi-language-dotnet/v3=$SOURCE/pulumi-language-dotnet"
  GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath -o sdkgen-dotnet . >&2
  ./sdkgen-dotnet "$REPO_ROOT/schema/schema.json" "$OUT_DIR"
)
