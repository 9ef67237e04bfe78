/**
 * The Node.js executable of a target platform, fetched from the npm registry with npm itself (the registry is
 * the one download this project's machines and CI reach), checked against the pinned integrity and cached
 * outside the repository, so only the first build on a machine downloads it.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { cacheRoot } from "../contentCache";
import { NODE_VERSION, Target } from "./targets";

/** The path of the target's `node` (`node.exe`), downloading its package on first use. */
export function nodeBinary(target: Target): string {
  const dir = join(cacheRoot(), "node-binaries", `${target.nodePackage}-${NODE_VERSION}`);
  const binary = join(dir, target.nodePath);
  if (existsSync(binary)) return binary;
  mkdirSync(join(cacheRoot(), "node-binaries"), { recursive: true });
  const work = mkdtempSync(`${dir}.tmp-`);
  try {
    const packed = JSON.parse(
      execFileSync("npm", ["pack", `${target.nodePackage}@${NODE_VERSION}`, "--json", "--pack-destination", work], {
        cwd: work,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      }),
    ) as Array<{ filename: string; integrity: string }>;
    // npm checks the tarball against the registry's integrity; this holds the registry to the pinned one.
    if (packed[0].integrity !== target.integrity) {
      throw new Error(`${target.nodePackage}@${NODE_VERSION}: integrity ${packed[0].integrity}, expected ${target.integrity}`);
    }
    execFileSync("tar", ["-xzf", join(work, packed[0].filename), "-C", work, "--strip-components=1", `package/${target.nodePath}`]);
    try {
      renameSync(work, dir); // last, so an interrupted download is never taken for a finished one
    } catch (error) {
      // Another build (a parallel test run) finished first: its copy is the same bytes.
      if (!existsSync(binary)) throw error;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return binary;
}
