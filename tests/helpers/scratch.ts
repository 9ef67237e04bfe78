/**
 * Scratch directories (state backends, projects, generated SDKs) for one test file, removed when its tests
 * end, so a run of the suite leaves nothing in the system's temporary directory. Import this module at the
 * top of a test file or helper: its `afterAll` then belongs to the file.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const made: string[] = [];

afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new directory under the system's temporary directory, named `<prefix>XXXXXX`. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
