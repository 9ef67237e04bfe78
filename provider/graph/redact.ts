/**
 * Removes credentials from text before it reaches an error message, a log line or Pulumi state.
 * `redact` covers what has a recognisable shape: bearer tokens, form-encoded secrets and assertions, JSON token
 * fields, anything shaped like a JWT. A `Redactor` adds the literal secrets one provider process knows about
 * (the configured client secret, a federated token): each process owns one (engine/providerProcess.ts).
 */
const PATTERNS: Array<[RegExp, string]> = [
  [/(bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi, "$1[REDACTED]"],
  [/((?:client_secret|client_assertion|access_token|refresh_token|id_token|password)=)[^&\s"]+/gi, "$1[REDACTED]"],
  [/("(?:client_secret|client_assertion|access_token|refresh_token|id_token|clientSecret|password)"\s*:\s*")[^"]*"/gi, '$1[REDACTED]"'],
  // Anything shaped like a JWT (header.payload.signature, base64url) is a token or an assertion.
  [/eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, "[REDACTED-JWT]"],
];

/** `text` with every credential of a recognisable shape replaced. */
export function redact(text: string): string {
  let result = text;
  for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
  return result;
}

/** Redaction that also scrubs the literal secrets registered with it. */
export class Redactor {
  private readonly secrets = new Set<string>();

  /** Registers a literal secret (for example the client secret from stack config) to be scrubbed everywhere. */
  register(secret: string | undefined): void {
    // Very short values would redact ordinary words; real client secrets are 30+ characters.
    if (secret && secret.length >= 8) this.secrets.add(secret);
  }

  redact(text: string): string {
    let result = text;
    for (const secret of this.secrets) result = result.split(secret).join("[REDACTED]");
    return redact(result);
  }
}

const escaped = (literal: string) => literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A redaction of its own: each literal replaced by its placeholder wherever it appears, in any letter case (GUIDs
 * are written both ways), then {@link redact}. For text that must not name where it came from (the tenant, the
 * app, the user), such as a transcript of a live run that may be attached to a bug report.
 */
export function redactWith(literals: ReadonlyArray<readonly [value: string, placeholder: string]>): (text: string) => string {
  const patterns = literals
    .filter(([value]) => value.length >= 3)
    .map(([value, placeholder]) => [new RegExp(escaped(value), "gi"), placeholder] as const);
  return (text) => redact(patterns.reduce((result, [pattern, placeholder]) => result.replace(pattern, placeholder), text));
}
