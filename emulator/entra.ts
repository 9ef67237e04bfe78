import { randomBytes, randomUUID } from "node:crypto";
import { AppRegistration, OWNED_BY_ROLES } from "./defaults";
import { EmulatorResponse } from "./http";

/** Seconds a token lives, as Entra's client-credentials tokens do. */
const TOKEN_LIFETIME_SECONDS = 3599;

export interface IssuedToken {
  appId: string;
  roles: string[];
  tenantId: string;
  audience: string;
  expiresAt: number;
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** AADSTS-style error answers, the shape MSAL parses. */
function entraError(status: number, error: string, code: number, description: string): EmulatorResponse {
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${randomUUID()} Correlation ID: ${randomUUID()} Timestamp: ${new Date().toISOString()}`,
      error_codes: [code],
      timestamp: new Date().toISOString(),
      trace_id: randomUUID(),
      correlation_id: randomUUID(),
    },
  };
}

function looksLikeJwt(value: string | null): boolean {
  return !!value && /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(value);
}

/**
 * An Entra ID (v2.0) token endpoint with the OIDC metadata and instance discovery MSAL asks for, enough for
 * `@azure/identity`'s ClientSecretCredential, ClientAssertionCredential and WorkloadIdentityCredential.
 */
export class EntraEmulator {
  private readonly tokens = new Map<string, IssuedToken>();
  /** How each token was obtained, for tests: which app, and with a secret or a client assertion. */
  readonly grants: Array<{ clientId: string; proof: "secret" | "assertion" }> = [];

  constructor(
    private readonly tenantId: string,
    private readonly apps: AppRegistration[],
    private readonly now: () => number,
    private readonly baseUrl: () => string,
  ) {}

  /** The token behind an `Authorization` header, if this emulator issued it and it has not expired. */
  validate(authorization: string | undefined): IssuedToken | undefined {
    const token = /^Bearer\s+(.+)$/i.exec(authorization ?? "")?.[1];
    const issued = token ? this.tokens.get(token) : undefined;
    return issued && issued.expiresAt > this.now() ? issued : undefined;
  }

  /** Answers Entra paths, or returns undefined for anything else. */
  handle(method: string, path: string, query: URLSearchParams, form: string): EmulatorResponse | undefined {
    const base = this.baseUrl();
    if (method === "GET" && /^\/[^/]+\/discovery\/instance$/.test(path)) {
      const host = new URL(base).host;
      return {
        status: 200,
        body: {
          tenant_discovery_endpoint: `${base}/{tenant}/v2.0/.well-known/openid-configuration`,
          "api-version": "1.1",
          metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
        },
      };
    }
    const metadata = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(path);
    if (method === "GET" && metadata) {
      const tenant = this.resolveTenant(metadata[1]);
      if (!tenant) return entraError(400, "invalid_tenant", 90002, `Tenant '${metadata[1]}' not found.`);
      return {
        status: 200,
        body: {
          issuer: `${base}/${tenant}/v2.0`,
          token_endpoint: `${base}/${tenant}/oauth2/v2.0/token`,
          authorization_endpoint: `${base}/${tenant}/oauth2/v2.0/authorize`,
          device_authorization_endpoint: `${base}/${tenant}/oauth2/v2.0/devicecode`,
          end_session_endpoint: `${base}/${tenant}/oauth2/v2.0/logout`,
          jwks_uri: `${base}/${tenant}/discovery/v2.0/keys`,
          response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
          token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
          tenant_region_scope: "EU",
          cloud_instance_name: "microsoftonline.com",
        },
      };
    }
    if (method === "GET" && /^\/[^/]+\/discovery\/v2\.0\/keys$/.test(path)) return { status: 200, body: { keys: [] } };
    const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
    if (method === "POST" && token) return this.issue(token[1], new URLSearchParams(form));
    void query;
    return undefined;
  }

  private resolveTenant(requested: string): string | undefined {
    return [this.tenantId, "organizations", "common"].includes(requested) ? this.tenantId : undefined;
  }

  private issue(requestedTenant: string, form: URLSearchParams): EmulatorResponse {
    const tenant = this.resolveTenant(requestedTenant);
    if (!tenant) return entraError(400, "invalid_tenant", 90002, `Tenant '${requestedTenant}' not found.`);
    if (form.get("grant_type") !== "client_credentials") {
      return entraError(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.");
    }
    const app = this.apps.find((candidate) => candidate.clientId === form.get("client_id"));
    if (!app) return entraError(400, "unauthorized_client", 700016, `Application with identifier '${form.get("client_id")}' was not found in the directory.`);
    const secret = form.get("client_secret");
    const assertion = form.get("client_assertion");
    const secretOk = secret !== null && app.clientSecret !== undefined && secret === app.clientSecret;
    const assertionOk = !!app.acceptsAssertions && looksLikeJwt(assertion)
      && form.get("client_assertion_type") === "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    if (!secretOk && !assertionOk) return entraError(401, "invalid_client", 7000215, "Invalid client secret provided.");
    const scope = form.get("scope") ?? "";
    if (!scope.endsWith("/.default")) return entraError(400, "invalid_scope", 1002012, "The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.");
    const audience = scope.split(" ")[0].slice(0, -"/.default".length);
    const issuedAt = Math.floor(this.now() / 1000);
    const roles = app.roles ?? OWNED_BY_ROLES;
    const accessToken = [
      base64url({ typ: "JWT", alg: "none" }),
      base64url({ aud: audience, iss: `${this.baseUrl()}/${tenant}/v2.0`, tid: tenant, appid: app.clientId, iat: issuedAt, exp: issuedAt + TOKEN_LIFETIME_SECONDS, roles }),
      randomBytes(24).toString("base64url"),
    ].join(".");
    this.tokens.set(accessToken, { appId: app.clientId, roles, tenantId: tenant, audience, expiresAt: this.now() + TOKEN_LIFETIME_SECONDS * 1000 });
    this.grants.push({ clientId: app.clientId, proof: secretOk ? "secret" : "assertion" });
    return { status: 200, body: { token_type: "Bearer", expires_in: TOKEN_LIFETIME_SECONDS, ext_expires_in: TOKEN_LIFETIME_SECONDS, access_token: accessToken } };
  }
}
