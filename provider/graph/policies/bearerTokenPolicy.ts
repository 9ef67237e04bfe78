import type { AccessToken, TokenCredential } from "@azure/identity";
import { GraphConnectorsError } from "../../errors";
import { redact } from "../redact";
import { PipelinePolicy } from "../request";
import { probeCertificate } from "../tlsTrust";

export interface BearerTokenPolicyOptions {
  credential: TokenCredential;
  /** e.g. `https://graph.microsoft.com/.default`. */
  scope: string;
  now: () => number;
  /** Plain http would send the token in clear; only an explicit opt-in allows it. */
  allowInsecureConnection?: boolean;
  /** Who is signing in where, for error messages: tenant, client id, authority. Never a secret. */
  identity?: string;
  /** The authority's URL: when no token can be had and Entra gave no reason, its certificate is checked. */
  authorityHost?: string;
}

/** Refresh this long before expiry so a token never expires in flight. */
const REFRESH_MARGIN_MS = 2 * 60 * 1000;

/** Thrown when no token could be obtained; the message is redacted and names the scope, never the secret. */
export class AuthenticationError extends GraphConnectorsError {
  override readonly name = "AuthenticationError" as const;
}

function text(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined || value === null) return "";
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/**
 * What Entra said, readably: the AADSTS code and its description when there is one (the part a person can act
 * on, without the trace ids), else the credential's own message; objects are shown as JSON, never
 * "[object Object]". The caller redacts.
 */
export function describeTokenFailure(error: unknown): string {
  const name = error instanceof Error ? error.name : "Error";
  const details = error as { message?: unknown; errorResponse?: { error?: unknown; errorDescription?: unknown } } | undefined;
  const message =
    [text(details?.message), text(details?.errorResponse?.errorDescription), text(details?.errorResponse?.error)]
      .filter(Boolean)
      .join(" ") || text(error);
  const aadsts = /AADSTS(\d+): (.*?)(?= Trace ID:| Correlation ID:| Timestamp:|$)/.exec(message);
  return aadsts ? `${name}: AADSTS${aadsts[1]}: ${aadsts[2].trim()}` : `${name}: ${message}`;
}

/**
 * Adds `Authorization: Bearer …`. Tokens are cached until shortly before expiry and concurrent requests share
 * one `getToken` call. A 401 refreshes the token once, since Graph answers 401 for a revoked or rotated token.
 */
export function bearerTokenPolicy(options: BearerTokenPolicyOptions): PipelinePolicy {
  let cached: AccessToken | undefined;
  let pending: Promise<AccessToken> | undefined;

  async function token(forceRefresh: boolean): Promise<string> {
    if (!forceRefresh && cached && cached.expiresOnTimestamp - REFRESH_MARGIN_MS > options.now()) return cached.token;
    pending ??= fetchToken().finally(() => {
      pending = undefined;
    });
    cached = await pending;
    return cached.token;
  }

  async function fetchToken(): Promise<AccessToken> {
    let result: AccessToken | null;
    try {
      result = await options.credential.getToken(options.scope);
    } catch (error) {
      const described = describeTokenFailure(error);
      // MSAL reports an authority it could not reach as endpoints_resolution_error and keeps the cause to itself:
      // an untrusted certificate (the emulator's, a TLS-inspecting proxy's) is told apart by looking at it.
      const untrusted = !described.includes("AADSTS") && options.authorityHost ? await probeCertificate(options.authorityHost) : undefined;
      throw new AuthenticationError(
        redact(`could not get a token for ${options.scope}${options.identity ? ` (${options.identity})` : ""}: ${untrusted ?? described}`),
        { cause: error },
      );
    }
    if (!result) throw new AuthenticationError(`the credential returned no token for ${options.scope}`);
    return result;
  }

  return {
    name: "bearerToken",
    async send(request, next) {
      if (!options.allowInsecureConnection && !request.url.startsWith("https://")) {
        throw new AuthenticationError(
          `refusing to send a bearer token over ${new URL(request.url).protocol} (set allowInsecureConnection for a local test server)`,
        );
      }
      const response = await next({ ...request, headers: { ...request.headers, authorization: `Bearer ${await token(false)}` } });
      if (response.status !== 401) return response;
      return next({ ...request, headers: { ...request.headers, authorization: `Bearer ${await token(true)}` } });
    },
  };
}
