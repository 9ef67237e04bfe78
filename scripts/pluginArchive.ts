/**
 * `npm run plugin-archive [-- <out dir>]`: the native provider as a Pulumi plugin archive,
 * `pulumi-resource-graph-connectors-v<version>-<os>-<arch>.tar.gz`, for
 * `pulumi plugin install resource graph-connectors <version> --file <archive>`.
 *
 * The archive holds the packed package installed with its production dependencies and `@pulumi/pulumi` (whose
 * gRPC stubs the plugin speaks through), and a `pulumi-resource-graph-connectors` script that runs it with the
 * `node` on PATH, as Pulumi's own `pulumi-resource-pulumi-nodejs` does. Packs the dist/ that scripts/toolchain.sh
 * built (no `prepare` run), so tests running beside it never see dist/ rewritten.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { packageRoot } from "./emulatorStack";

const LAUNCHER = `#!/bin/sh
# Runs the graph-connectors native provider from this plugin directory with the node on PATH (Node >= 22).
dir="$(cd "$(dirname "$0")" && pwd)"
exec node "$dir/node_modules/pulumi-graph-connectors/dist/provider/native/main.js" "$@"
`;

const PLATFORMS: Record<string, string> = { linux: "linux", darwin: "darwin", win32: "windows" };
const ARCHES: Record<string, string> = { x64: "amd64", arm64: "arm64" };

export function buildPluginArchive(outDir: string): string {
  const root = packageRoot();
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
  const pulumiVersion = (JSON.parse(readFileSync(join(root, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")) as { version: string }).version;
  // The packed tarball and the staged install are only the archive's making: removed once it is written.
  const work = mkdtempSync(join(tmpdir(), "graph-plugin-"));
  try {
    const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], { cwd: root, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 })
      .replace(/^[^[]*/, "")) as Array<{ filename: string }>;
    const staging = join(work, "plugin");
    mkdirSync(staging);
    writeFileSync(join(staging, "package.json"), JSON.stringify({ name: "pulumi-resource-graph-connectors", private: true }));
    execFileSync("npm", ["install", "--omit=dev", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error",
      join(work, packed[0].filename), `@pulumi/pulumi@${pulumiVersion}`], { cwd: staging, stdio: ["ignore", "ignore", "inherit"] });
    writeFileSync(join(staging, "pulumi-resource-graph-connectors"), LAUNCHER);
    chmodSync(join(staging, "pulumi-resource-graph-connectors"), 0o755);
    mkdirSync(outDir, { recursive: true });
    const archive = join(outDir, `pulumi-resource-graph-connectors-v${manifest.version}-${PLATFORMS[process.platform] ?? process.platform}-${ARCHES[process.arch] ?? process.arch}.tar.gz`);
    execFileSync("tar", ["-czf", archive, "-C", staging, "."]);
    return archive;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  console.log(buildPluginArchive(resolve(process.argv[2] ?? "dist-plugin")));
}
