/**
 * This package in a project the way `npm install <tarball>` puts it there: its published files copied into
 * `<project>/node_modules/pulumi-graph-connectors`, and this repository's dependencies linked beside it as npm's
 * flat layout would have them. A copy, not a link: Pulumi serializes a dynamic provider as a `require` of its
 * module only when the module's real path is inside node_modules (provider/shim.ts), so a benchmark through a
 * link would measure the larger state of a linked package rather than the one users get.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "./emulatorStack";

export const PACKAGE_NAME = "pulumi-graph-connectors";

/** Lays out the package under `<projectDir>/node_modules` and returns its directory. */
export function installPackageCopy(projectDir: string): string {
  const root = packageRoot();
  const modules = join(projectDir, "node_modules");
  const target = join(modules, PACKAGE_NAME);
  mkdirSync(target, { recursive: true });
  cpSync(join(root, "package.json"), join(target, "package.json"));
  for (const dir of ["dist/model", "dist/provider", "dist/sdk", "dist/emulator", "emulator/tls"]) {
    cpSync(join(root, dir), join(target, dir), { recursive: true, filter: (path) => !path.endsWith(".map") });
  }
  for (const entry of readdirSync(join(root, "node_modules"))) {
    if (entry === PACKAGE_NAME || entry.startsWith(".") || existsSync(join(modules, entry))) continue;
    symlinkSync(join(root, "node_modules", entry), join(modules, entry), "dir");
  }
  return target;
}
