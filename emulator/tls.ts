import { existsSync, readFileSync } from "node:fs";
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
