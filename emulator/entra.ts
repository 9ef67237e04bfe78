import { createHash, randomBytes, randomUUID } from "node:crypto";
import { AppRegistration, DEFAULT_APP_ROLES, UserAccount } from "./defaults";
import { CallerIdentity, EmulatorResponse } from "./http";

/** Seconds a token lives, as Entra's tokens do. */
const TOKEN_LIFETIME_SECONDS = 3599;

/** What the emulator knows of a token it issued; its claims are what Entra puts in a Graph access token. */
export interface IssuedToken extends CallerIdentity {
  tenantId: string;
  /** `aud`: the resource the token is for (the Graph root it was requested for). */
  audience: string;
  /** `oid`: the user, or the app's service principal. */
  objectId: string;
  expiresAt: number;
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** A stable object id for an app's service principal, so tokens of one app always carry the same `oid`. */
function servicePrincipalId(clientId: string): string {
  const hex = createHash("sha256").update(`sp:${clientId}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
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

/** Why a bearer token is refused (401), or the caller it identifies. */
export type TokenCheck = { token: IssuedToken } | { refused: string };

/**
 * An Entra ID (v2.0) token endpoint with the OIDC metadata and instance discovery MSAL asks for: client
 * credentials (secret or assertion: ClientSecretCredential, ClientAssertionCredential, WorkloadIdentityCredential)
 * give app-only tokens with `roles`; the password grant (UsernamePasswordCredential) gives delegated tokens with
 * `scp`. Access tokens carry Entra's claims (aud, iss, tid, oid, sub, appid, idtyp, roles or scp).
 */
export class EntraEmulator {
  private readonly tokens = new Map<string, IssuedToken>();
  /** How each token was obtained, for tests: which app, and with a secret, an assertion or a user's password. */
  readonly grants: Array<{ clientId: string; proof: "secret" | "assertion" | "password" }> = [];

  constructor(
    private readonly tenantId: string,
    private readonly apps: AppRegistration[],
    private readonly users: UserAccount[],
    private readonly now: () => number,
    private readonly baseUrl: () => string,
    /** The `aud` values Graph accepts (model/clouds.ts graphAudiences) of the clouds the emulator stands in for. */
    private readonly graphAudiences: readonly string[],
  ) {}

  /** The caller behind an `Authorization` header: a token this emulator issued, unexpired, for Microsoft Graph. */
  validate(authorization: string | undefined): TokenCheck {
    const raw = /^Bearer\s+(.+)$/i.exec(authorization ?? "")?.[1];
    if (!raw) return { refused: "Access token is empty." };
    const issued = this.tokens.get(raw);
    if (!issued) return { refused: "Access token validation failure. Invalid audience or signature." };
    if (issued.expiresAt <= this.now()) return { refused: "Lifetime validation failed, the token is expired." };
    // Graph accepts only tokens issued for Graph, whatever host the request came through: a token for the
    // emulator's own URL, ARM or a proxy is another resource's token (graph-api.md, Corrections 2026-12-06).
    if (!this.graphAudiences.includes(issued.audience))
      return { refused: `Access token validation failure. Invalid audience '${issued.audience}'.` };
    return { token: issued };
  }

  /** Answers Entra paths, or returns undefined for anything else. */
  handle(method: string, path: string, form: string): EmulatorResponse | undefined {
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
    return undefined;
  }

  private resolveTenant(requested: string): string | undefined {
    return [this.tenantId, "organizations", "common"].includes(requested) ? this.tenantId : undefined;
  }

  private issue(requestedTenant: string, form: URLSearchParams): EmulatorResponse {
    const tenant = this.resolveTenant(requestedTenant);
    if (!tenant) return entraError(400, "invalid_tenant", 90002, `Tenant '${requestedTenant}' not found.`);
    const grantType = form.get("grant_type");
    if (grantType !== "client_credentials" && grantType !== "password") {
      return entraError(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.");
    }
    const app = this.apps.find((candidate) => candidate.clientId === form.get("client_id"));
    if (!app)
      return entraError(
        400,
        "unauthorized_client",
        700016,
        `Application with identifier '${form.get("client_id")}' was not found in the directory.`,
      );
    // The resource is the first scope naming one (`<resource>/.default` or `<resource>/<permission>`); OIDC scopes aside.
    const resourceScope = (form.get("scope") ?? "").split(" ").find((scope) => scope.includes("/"));
    if (!resourceScope) return entraError(400, "invalid_scope", 1002012, "The provided value for scope is not valid.");
    const audience = resourceScope.slice(0, resourceScope.lastIndexOf("/"));
    return grantType === "password"
      ? this.issueDelegated(tenant, app, form, audience)
      : this.issueAppOnly(tenant, app, form, audience, resourceScope);
  }

  private issueAppOnly(tenant: string, app: AppRegistration, form: URLSearchParams, audience: string, scope: string): EmulatorResponse {
    const secret = form.get("client_secret");
    const assertion = form.get("client_assertion");
    const secretOk = secret !== null && app.clientSecret !== undefined && secret === app.clientSecret;
    const assertionOk =
      !!app.acceptsAssertions &&
      looksLikeJwt(assertion) &&
      form.get("client_assertion_type") === "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    if (!secretOk && !assertionOk) return entraError(401, "invalid_client", 7000215, "Invalid client secret provided.");
    if (!scope.endsWith("/.default")) {
      return entraError(
        400,
        "invalid_scope",
        1002012,
        "The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.",
      );
    }
    this.grants.push({ clientId: app.clientId, proof: secretOk ? "secret" : "assertion" });
    const objectId = app.objectId ?? servicePrincipalId(app.clientId);
    return this.mint(
      { appId: app.clientId, kind: "app", roles: app.roles ?? DEFAULT_APP_ROLES, scopes: [], tenantId: tenant, audience, objectId },
      {},
    );
  }

  private issueDelegated(tenant: string, app: AppRegistration, form: URLSearchParams, audience: string): EmulatorResponse {
    const user = this.users.find((candidate) => candidate.username.toLowerCase() === (form.get("username") ?? "").toLowerCase());
    if (!user || user.password !== form.get("password"))
      return entraError(400, "invalid_grant", 50126, "Error validating credentials due to invalid username or password.");
    this.grants.push({ clientId: app.clientId, proof: "password" });
    const idToken = [
      base64url({ typ: "JWT", alg: "none" }),
      base64url({
        aud: app.clientId,
        iss: `${this.baseUrl()}/${tenant}/v2.0`,
        tid: tenant,
        oid: user.objectId,
        sub: user.objectId,
        preferred_username: user.username,
        name: user.username,
        iat: Math.floor(this.now() / 1000),
        exp: Math.floor(this.now() / 1000) + TOKEN_LIFETIME_SECONDS,
      }),
      "",
    ].join(".");
    return this.mint(
      { appId: app.clientId, kind: "user", roles: [], scopes: user.scopes, tenantId: tenant, audience, objectId: user.objectId },
      {
        id_token: idToken,
        client_info: base64url({ uid: user.objectId, utid: tenant }),
        scope: user.scopes.map((scope) => `${audience}/${scope}`).join(" "),
        refresh_token: randomBytes(24).toString("base64url"),
      },
    );
  }

  private mint(claims: Omit<IssuedToken, "expiresAt">, extra: Record<string, string>): EmulatorResponse {
    const issuedAt = Math.floor(this.now() / 1000);
    const payload = {
      aud: claims.audience,
      iss: `${this.baseUrl()}/${claims.tenantId}/v2.0`,
      iat: issuedAt,
      nbf: issuedAt,
      exp: issuedAt + TOKEN_LIFETIME_SECONDS,
      tid: claims.tenantId,
      oid: claims.objectId,
      sub: claims.objectId,
      appid: claims.appId,
      idtyp: claims.kind,
      ...(claims.kind === "app" ? { roles: claims.roles } : { scp: claims.scopes.join(" ") }),
    };
    const accessToken = [base64url({ typ: "JWT", alg: "none" }), base64url(payload), randomBytes(24).toString("base64url")].join(".");
    this.tokens.set(accessToken, { ...claims, expiresAt: this.now() + TOKEN_LIFETIME_SECONDS * 1000 });
    return {
      status: 200,
      body: {
        token_type: "Bearer",
        expires_in: TOKEN_LIFETIME_SECONDS,
        ext_expires_in: TOKEN_LIFETIME_SECONDS,
        access_token: accessToken,
        ...extra,
      },
    };
  }
}
