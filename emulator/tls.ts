import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The emulator's TLS material: a server certificate for localhost/127.0.0.1/::1 signed by a test CA whose
 * private key was discarded after signing. Clients trust it through NODE_EXTRA_CA_CERTS=<this dir>/ca.pem.
 */
export function tlsDirectory(): string {
  // Next to the sources (ts-jest) or two levels up from dist/emulator (compiled).
  const candidates = [join(__dirname, "tls"), join(__dirname, "..", "..", "emulator", "tls")];
  const found = candidates.find((dir) => existsSync(join(dir, "server.pem")));
  if (!found) throw new Error(`emulator TLS files not found in ${candidates.join(" or ")}`);
  return found;
}

export function loadTls(): { key: Buffer; cert: Buffer; caPath: string } {
  const dir = tlsDirectory();
  return { key: readFileSync(join(dir, "server-key.pem")), cert: readFileSync(join(dir, "server.pem")), caPath: join(dir, "ca.pem") };
}

/**
 * A CA bundle for NODE_EXTRA_CA_CERTS that trusts the emulator: Node reads only one file there, so when the
 * environment already names a bundle (many CI images do) the emulator's CA is appended to a copy of it.
 */
export function trustBundlePath(existing = process.env.NODE_EXTRA_CA_CERTS): string {
  const caPath = join(tlsDirectory(), "ca.pem");
  if (!existing || !existsSync(existing)) return caPath;
  const ca = readFileSync(caPath, "utf8");
  const current = readFileSync(existing, "utf8");
  if (current.includes(ca.trim())) return existing;
  const dir = join(tmpdir(), "pulumi-graph-connectors");
  mkdirSync(dir, { recursive: true });
  const bundle = join(dir, "ca-bundle.pem");
  const text = `${current.trimEnd()}\n${ca}`;
  // Processes starting at the same moment (a test's plugins, other test files) read this file: it is replaced
  // whole by a rename, never truncated and rewritten, so none ever reads half a bundle and distrusts the emulator.
  if (!existsSync(bundle) || readFileSync(bundle, "utf8") !== text) {
    const partial = `${bundle}.${process.pid}.tmp`;
    writeFileSync(partial, text);
    renameSync(partial, bundle);
  }
  return bundle;
}
