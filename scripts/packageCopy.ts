/**
 * This package in a project the way `npm install <tarball>` puts it there: the files package.json publishes
 * (its `files`, source maps left out) copied into `<project>/node_modules/<name>`, and this repository's
 * dependencies linked beside it as npm's flat layout would have them. A copy, not a link: Pulumi serializes a
 * dynamic provider as a `require` of its module only when the module's real path is inside node_modules
 * (provider/dynamic/shim.ts), so a benchmark through a link would measure the larger state of a linked package rather
 * than the one users get.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "./emulatorStack";

/** Lays out the package under `<projectDir>/node_modules` and returns its directory. */
export function installPackageCopy(projectDir: string): string {
  const root = packageRoot();
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name: string; files: string[] };
  const modules = join(projectDir, "node_modules");
  const target = join(modules, manifest.name);
  mkdirSync(target, { recursive: true });
  for (const entry of ["package.json", ...manifest.files.filter((file) => !file.startsWith("!"))]) {
    cpSync(join(root, entry), join(target, entry), { recursive: true, filter: (path) => !path.endsWith(".map") });
  }
  for (const entry of readdirSync(join(root, "node_modules"))) {
    if (entry === manifest.name || entry.startsWith(".") || existsSync(join(modules, entry))) continue;
    symlinkSync(join(root, "node_modules", entry), join(modules, entry), "dir");
  }
  return target;
}
