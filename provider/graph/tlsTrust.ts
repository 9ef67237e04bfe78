/**
 * Telling an untrusted TLS certificate from other failures. Node.js trusts its bundled CAs plus those in
 * NODE_EXTRA_CA_CERTS (read once, at start-up); a server whose chain ends elsewhere (the emulator's test CA, a
 * corporate TLS-inspecting proxy) fails every request with one of OpenSSL's verification codes. axios passes
 * the code on; MSAL does not: `@azure/identity` reports only `endpoints_resolution_error`, with no cause, so the
 * authority is probed here to say what is wrong.
 */
import { isIP } from "node:net";
import * as tls from "node:tls";

/** OpenSSL's and Node's codes for a certificate Node does not accept (node/src/crypto/crypto_common.cc). */
const CERTIFICATE_ERROR_CODES = new Set([
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "CERT_UNTRUSTED",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_REVOKED",
  "CERT_SIGNATURE_FAILURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

export function isCertificateError(code: string | undefined): boolean {
  return code !== undefined && CERTIFICATE_ERROR_CODES.has(code);
}

/** What to tell the person about a certificate of `origin` that Node refused with `code`. */
export function untrustedCertificate(origin: string, code: string): string {
  return (
    `the TLS certificate of ${origin} is not trusted (${code}): Node.js accepts its own CAs and those in the file NODE_EXTRA_CA_CERTS names ` +
    "(for the Graph emulator, its CA: emulator/tls/ca.pem in the pulumi-graph-connectors package)"
  );
}

/**
 * Why Node does not accept the certificate `url`'s server presents, or undefined when it does or when the
 * server cannot be reached at all (that failure is reported as it is).
 */
export function probeCertificate(url: string, timeoutMs = 5_000): Promise<string | undefined> {
  const { hostname, port, origin } = new URL(url);
  const host = hostname.replace(/^\[|\]$/g, "");
  return new Promise((resolve) => {
    // SNI takes host names only (an IP address there is refused by Node).
    const socket = tls.connect({ host, port: Number(port || 443), ...(isIP(host) ? {} : { servername: host }) });
    const done = (reason: string | undefined) => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(timeoutMs, () => done(undefined));
    socket.once("secureConnect", () => done(undefined));
    socket.once("error", (error: NodeJS.ErrnoException) =>
      done(isCertificateError(error.code) ? untrustedCertificate(origin, error.code!) : undefined),
    );
  });
}
