/**
 * `npm run plugin-archive [-- [--target <os-arch>]... [--all] [--out <dir>]]`: the native provider as
 * self-contained Pulumi plugin archives, `pulumi-resource-graph-connectors-v<version>-<os>-<arch>.tar.gz`, each
 * holding one executable that needs no Node.js, and `pulumi-graph-connectors_<version>_checksums.txt` (sha256,
 * as `sha256sum` writes it) beside them. By default the archive of this machine's platform; `--all` for every
 * target macOS can build (targets.ts; the macOS ones need `codesign`, so a release builds them on macOS).
 *
 * The archives go to `pulumi plugin install resource graph-connectors <version> --file <archive>`, and to a
 * GitHub release, where the schema's `pluginDownloadURL` makes `pulumi plugin install` and the SDKs find them.
 */
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { packageRoot } from "../emulatorStack";
import { bundlePlugin } from "./bundle";
import { seaBlob, seaExecutable } from "./sea";
import { archiveName, checksumsName, executableName, hostTarget, Target, targetNamed, TARGETS } from "./targets";

export interface PluginBuild {
  /** The archives written, by target name. */
  archives: Record<string, string>;
  checksums: string;
  /** What the bundle could not take in (bundle.ts): such a `require` throws in the executable. */
  bundleWarnings: string[];
}

/** The documents each archive holds beside the executable. */
export const ARCHIVED_DOCS = ["README.md", "CHANGELOG.md"];

function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/** Builds the archives of `targets` into `outDir`. */
export async function buildPluginArchives(outDir: string, targets: readonly Target[]): Promise<PluginBuild> {
  const work = mkdtempSync(join(tmpdir(), "graph-plugin-bundle-"));
  try {
    const script = join(work, "plugin.js");
    const bundleWarnings = await bundlePlugin(packageRoot(), script);
    return { ...archivePlugin(script, outDir, targets), bundleWarnings };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The archives of `targets` and their checksums file, written into `outDir`, from the bundled plugin `script` (bundle.ts). */
export function archivePlugin(script: string, outDir: string, targets: readonly Target[]): Omit<PluginBuild, "bundleWarnings"> {
  const root = packageRoot();
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
  const work = mkdtempSync(join(tmpdir(), "graph-plugin-"));
  try {
    const blob = seaBlob({ script, schemaPath: join(root, "schema", "schema.json"), workDir: work });
    mkdirSync(outDir, { recursive: true });
    const archives: Record<string, string> = {};
    for (const target of targets) {
      const staging = join(work, target.name);
      mkdirSync(staging);
      seaExecutable(target, blob, join(staging, executableName(target)));
      for (const file of ARCHIVED_DOCS) copyFileSync(join(root, file), join(staging, file));
      archives[target.name] = join(outDir, archiveName(target, version));
      // Owner and times fixed, so the same input makes the same archive.
      execFileSync("tar", [
        "--owner=0",
        "--group=0",
        "--numeric-owner",
        "--mtime=@0",
        "--sort=name",
        "-czf",
        archives[target.name],
        "-C",
        staging,
        ".",
      ]);
    }
    const checksums = join(outDir, checksumsName(version));
    writeFileSync(
      checksums,
      Object.values(archives)
        .map((archive) => `${sha256(archive)}  ${basename(archive)}\n`)
        .join(""),
    );
    return { archives, checksums };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function parseArgs(args: string[]): { outDir: string; targets: Target[] } {
  let outDir = "dist-plugin";
  const targets: Target[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--out") outDir = args[++i];
    else if (args[i] === "--target") targets.push(targetNamed(args[++i]));
    else if (args[i] === "--all") targets.push(...TARGETS);
    else throw new Error(`unknown argument '${args[i]}'`);
  }
  const host = hostTarget();
  if (targets.length === 0 && !host) throw new Error(`no target for ${process.platform}-${process.arch}; name one with --target`);
  return { outDir: resolve(outDir), targets: targets.length ? [...new Set(targets)] : [host!] };
}

if (require.main === module) {
  const { outDir, targets } = parseArgs(process.argv.slice(2));
  buildPluginArchives(outDir, targets).then(
    ({ archives, checksums, bundleWarnings }) => {
      for (const warning of bundleWarnings) console.error(`plugin-archive: esbuild: ${warning}`);
      for (const archive of Object.values(archives)) console.log(archive);
      console.log(checksums);
    },
    (error: Error) => {
      console.error(`plugin-archive: ${error.message}`);
      process.exit(1);
    },
  );
}
