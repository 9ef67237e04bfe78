#!/usr/bin/env node
/**
 * `tsc -p <tsconfig>` that compiles only what changed since its last run: the `prepare` script (npm runs it up
 * to three times for one install from a git URL, in the same clone: its install there, then packing) and the
 * toolchain's build before the demo and the tests.
 *
 * tsc keeps a record of the build (dist/.<tsconfig>.tsbuildinfo) and trusts it: it does not look whether the
 * files it wrote are still there. So the record is dropped when any source of the project has no compiled file
 * in dist/, and a dist/ that lost files is built whole. Plain JavaScript: it runs before anything is compiled.
 */
const { existsSync, rmSync } = require("node:fs");
const { basename, join, relative } = require("node:path");
const { execFileSync } = require("node:child_process");
const ts = require("typescript");

const configPath = process.argv[2] ?? "tsconfig.json";
const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
if (!config) throw new Error(`cannot read ${configPath}`);
const { outDir, rootDir } = config.options;
const buildInfo = join(outDir, `.${basename(configPath, ".json")}.tsbuildinfo`);

const compiled = (source) => join(outDir, relative(rootDir, source)).replace(/\.ts$/, ".js");
const missing = config.fileNames.filter((source) => !source.endsWith(".d.ts") && !existsSync(compiled(source)));
if (missing.length > 0) rmSync(buildInfo, { force: true });

try {
  execFileSync(
    process.execPath,
    [require.resolve("typescript/bin/tsc"), "-p", configPath, "--incremental", "--tsBuildInfoFile", buildInfo],
    {
      stdio: "inherit",
    },
  );
} catch {
  process.exit(1);
}
