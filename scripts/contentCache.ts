/**
 * Build outputs kept outside the repository, each under a key made from the content of everything that made it,
 * so a changed input makes a new entry and never meets an old one. Used by the tests for what several test files
 * would otherwise build again in every run (the compiled Node.js SDK, the self-contained plugin archive).
 *
 * An entry is built in a temporary directory beside its place and renamed into it last: a reader sees a whole
 * entry or none, and two processes building the same entry at once both succeed with the same bytes.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, join } from "node:path";

/** The cache scripts/toolchain.sh uses too. */
export function cacheRoot(): string {
  return process.env.PULUMI_GRAPH_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "pulumi-graph-connectors");
}

/** A key for the given parts (file contents, versions, options): each part counts with its length, so none can run into the next. */
export function contentKey(parts: ReadonlyArray<string | Buffer>): string {
  const hash = createHash("sha256");
  for (const part of parts) {
    const bytes = typeof part === "string" ? Buffer.from(part, "utf8") : part;
    hash.update(`${bytes.length}:`).update(bytes);
  }
  return hash.digest("hex").slice(0, 32);
}

/** Entries nobody used for this long are removed when another entry of their kind is stored. */
const UNUSED_FOR_MS = 24 * 60 * 60 * 1000;

/**
 * The directory of entry `key` of `kind`, made by `build` (which fills the directory it is given) when absent.
 */
export async function cachedDirectory(kind: string, key: string, build: (dir: string) => Promise<void>): Promise<string> {
  const entry = join(cacheRoot(), kind, key);
  if (existsSync(entry)) return touched(entry);
  const work = workDirectory(entry);
  try {
    await build(work);
    return stored(work, entry);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The synchronous form of {@link cachedDirectory}, for a `build` that is synchronous. */
export function cachedDirectorySync(kind: string, key: string, build: (dir: string) => void): string {
  const entry = join(cacheRoot(), kind, key);
  if (existsSync(entry)) return touched(entry);
  const work = workDirectory(entry);
  try {
    build(work);
    return stored(work, entry);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A new temporary directory beside `entry`, on the same file system so that renaming it is atomic. */
function workDirectory(entry: string): string {
  mkdirSync(dirname(entry), { recursive: true });
  return mkdtempSync(`${entry}.tmp-`);
}

/** Renames the built `work` to `entry`, then prunes the entry's kind. */
function stored(work: string, entry: string): string {
  try {
    renameSync(work, entry);
  } catch (error) {
    // Another process stored the same entry first: its content is the same.
    if (!existsSync(entry)) throw error;
  }
  removeUnused(dirname(entry), basename(entry));
  return entry;
}

/** Marks an entry as used now, so pruning keeps it. */
function touched(entry: string): string {
  const now = new Date();
  utimesSync(entry, now, now);
  return entry;
}

/** Removes the entries of a kind (and temporary directories of interrupted builds) unused for a day. */
function removeUnused(parent: string, keep: string): void {
  const cutoff = Date.now() - UNUSED_FOR_MS;
  for (const name of readdirSync(parent)) {
    if (name === keep) continue;
    const path = join(parent, name);
    try {
      if (statSync(path).mtimeMs < cutoff) rmSync(path, { recursive: true, force: true });
    } catch {
      // removed meanwhile by another run
    }
  }
}
