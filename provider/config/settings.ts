import { CLOUDS, CloudName, graphScope, isCloudName, UNSUPPORTED_CLOUDS } from "../graph/clouds";
import { GraphConnectorsError } from "../errors";
import { registerSecret } from "../graph/redact";

/** Stack config as the dynamic provider's `configure` sees it (`pulumi.dynamic.Config`). */
export interface ConfigSource {
  get(key: string): string | undefined;
}

/** Where and as whom the provider talks to Graph. Lives in memory only, never in state. */
export interface ProviderSettings {
  environment: CloudName;
  /** Graph root without version. */
  endpoint: string;
  authorityHost: string;
  /** The cloud's Graph scope (`https://graph.microsoft.com/.default`), never one built from `endpoint`. */
  scope: string;
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  /** A federated OIDC token handed out by a CI platform (ARM_OIDC_TOKEN), used as the client assertion. */
  oidcToken?: string;
  allowInsecureConnection: boolean;
}

/** Stack config keys, namespaced `msgraph:` so one stack can configure every program that uses the package. */
export const CONFIG_KEYS = {
  tenantId: "msgraph:tenantId",
  clientId: "msgraph:clientId",
  clientSecret: "msgraph:clientSecret",
  environment: "msgraph:environment",
  endpoint: "msgraph:endpoint",
  authorityHost: "msgraph:authorityHost",
} as const;

/** The names settings are read under: `msgraph:*` stack config for the dynamic resources, `graph-connectors:*` for the native provider. */
export type ConfigKeys = { readonly [K in keyof typeof CONFIG_KEYS]: string };

export class ConfigurationError extends GraphConnectorsError {
  override readonly name = "ConfigurationError" as const;

  /** `key`: the setting at fault (a stack config key such as `msgraph:endpoint`), for preview's failure list. */
  constructor(message: string, readonly key = "msgraph") {
    super(message);
  }
}

const EMPTY_CONFIG: ConfigSource = { get: () => undefined };

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function httpsUrl(value: string, what: string, allowInsecure: boolean): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError(`${what} '${value}' is not a URL`, what);
  }
  if (url.protocol !== "https:" && !(allowInsecure && url.protocol === "http:")) {
    throw new ConfigurationError(`${what} must use https (got ${url.protocol}//${url.host})`, what);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/**
 * Stack config first, then the environment: `AZURE_TENANT_ID`/`AZURE_CLIENT_ID`/`AZURE_CLIENT_SECRET` as
 * `@azure/identity` reads them, then the `ARM_*` variables Pulumi ESC's azure-login and Pulumi Deployments'
 * OIDC export (`ARM_TENANT_ID`, `ARM_CLIENT_ID`, `ARM_CLIENT_SECRET`, `ARM_OIDC_TOKEN`), field by field;
 * `MSGRAPH_ENDPOINT`/`MSGRAPH_AUTHORITY_HOST` (then `AZURE_AUTHORITY_HOST`) for the endpoints, and finally the
 * national cloud's defaults.
 */
export function resolveSettings(config: ConfigSource = EMPTY_CONFIG, env: NodeJS.ProcessEnv = process.env, keys: ConfigKeys = CONFIG_KEYS): ProviderSettings {
  const environmentName = nonEmpty(config.get(keys.environment)) ?? nonEmpty(env.MSGRAPH_ENVIRONMENT) ?? "global";
  if (UNSUPPORTED_CLOUDS[environmentName]) throw new ConfigurationError(UNSUPPORTED_CLOUDS[environmentName], keys.environment);
  if (!isCloudName(environmentName)) {
    throw new ConfigurationError(`${keys.environment} '${environmentName}' is not one of ${Object.keys(CLOUDS).join(", ")}`, keys.environment);
  }
  const cloud = CLOUDS[environmentName];
  const allowInsecureConnection = env.MSGRAPH_ALLOW_INSECURE_CONNECTION === "true";
  const endpoint = httpsUrl(
    nonEmpty(config.get(keys.endpoint)) ?? nonEmpty(env.MSGRAPH_ENDPOINT) ?? cloud.graphEndpoint, keys.endpoint, allowInsecureConnection);
  const authorityHost = httpsUrl(
    nonEmpty(config.get(keys.authorityHost)) ?? nonEmpty(env.MSGRAPH_AUTHORITY_HOST) ?? nonEmpty(env.AZURE_AUTHORITY_HOST) ?? cloud.authorityHost,
    keys.authorityHost, false);
  const clientSecret = nonEmpty(config.get(keys.clientSecret)) ?? nonEmpty(env.AZURE_CLIENT_SECRET) ?? nonEmpty(env.ARM_CLIENT_SECRET);
  const oidcToken = nonEmpty(env.ARM_OIDC_TOKEN);
  registerSecret(clientSecret);
  registerSecret(oidcToken);
  return {
    environment: environmentName,
    endpoint,
    authorityHost,
    // Graph accepts only tokens issued for Graph, whatever host the requests travel through (an endpoint may be a
    // proxy or the emulator): the cloud's Graph scope, as every Graph SDK asks for it (model/clouds.ts).
    scope: graphScope(environmentName),
    tenantId: nonEmpty(config.get(keys.tenantId)) ?? nonEmpty(env.AZURE_TENANT_ID) ?? nonEmpty(env.ARM_TENANT_ID),
    clientId: nonEmpty(config.get(keys.clientId)) ?? nonEmpty(env.AZURE_CLIENT_ID) ?? nonEmpty(env.ARM_CLIENT_ID),
    clientSecret,
    ...(oidcToken ? { oidcToken } : {}),
    allowInsecureConnection,
  };
}
