/**
 * A Node.js single executable application (https://nodejs.org/api/single-executable-applications.html): the
 * bundled plugin and the package schema, as a blob injected into a copy of the target's official `node`.
 *
 * The blob is made by this machine's Node.js, which must be the pinned NODE_VERSION (toolchain.sh's node may
 * differ, so the host target's pinned node makes it). It holds no V8 code cache nor snapshot, which are
 * specific to a platform: one blob then serves every target. postject injects it into ELF, PE and Mach-O
 * files alike from any host. Signatures: the official macOS binaries are signed, and injecting breaks the
 * signature, which macOS on Apple silicon refuses to run; so on macOS the signature is removed before and an
 * ad hoc one made after (`codesign`, macOS only). Windows runs the binary with its broken Authenticode
 * signature; a release signed with a certificate would run `signtool` after this.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SCHEMA_ASSET } from "../../provider/native/package";
import { nodeBinary } from "./nodeBinary";
import { hostTarget, Target } from "./targets";

/** Node's fuse that tells an injected binary from a plain one (the same in every release since 18.16). */
const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

export interface SeaInput {
  /** The bundled plugin (bundle.ts). */
  script: string;
  /** The package schema, embedded as the asset provider/native/package.ts reads. */
  schemaPath: string;
  /** A directory for the blob and its configuration. */
  workDir: string;
}

/** The preparation blob, made once for all targets. */
export function seaBlob(input: SeaInput): string {
  const host = hostTarget();
  if (!host) throw new Error(`no pinned Node.js for this machine (${process.platform}-${process.arch}) to make the blob with`);
  const blob = join(input.workDir, "sea-prep.blob");
  const config = join(input.workDir, "sea-config.json");
  writeFileSync(
    config,
    JSON.stringify({
      main: input.script,
      output: blob,
      disableExperimentalSEAWarning: true,
      useSnapshot: false,
      useCodeCache: false,
      assets: { [SCHEMA_ASSET]: input.schemaPath },
    }),
  );
  execFileSync(nodeBinary(host), ["--experimental-sea-config", config], { stdio: "pipe" });
  return blob;
}

function hasCodesign(): boolean {
  try {
    execFileSync("which", ["codesign"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Writes the target's executable to `outFile`: its `node` with the blob injected. */
export function seaExecutable(target: Target, blob: string, outFile: string): void {
  const signs = target.os === "darwin";
  if (signs && !hasCodesign()) {
    throw new Error(
      `${target.name}: a macOS executable must be signed again after injection, and codesign is macOS only; build it on macOS`,
    );
  }
  copyFileSync(nodeBinary(target), outFile);
  chmodSync(outFile, 0o755);
  if (signs) execFileSync("codesign", ["--remove-signature", outFile]);
  const postject = require.resolve("postject/dist/cli.js");
  // Piped: postject's LIEF warns about ELF note names it cannot place, which the injected binary runs with;
  // a failure still throws with what it printed.
  execFileSync(
    process.execPath,
    [postject, outFile, "NODE_SEA_BLOB", blob, "--sentinel-fuse", SEA_FUSE, ...(signs ? ["--macho-segment-name", "NODE_SEA"] : [])],
    { stdio: "pipe" },
  );
  if (signs) execFileSync("codesign", ["--sign", "-", outFile]);
}
