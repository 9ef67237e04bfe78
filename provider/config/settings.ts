import { CLOUDS, CloudName, graphScope, isCloudName, UNSUPPORTED_CLOUDS } from "../graph/clouds";
import { GraphConnectorsError } from "../errors";

/** Stack config as the dynamic provider's `configure` sees it (`pulumi.dynamic.Config`). */
export interface ConfigSource {
  get(key: string): string | undefined;
  /** The name the value of `key` is known by where it came from, for errors (e.g. another namespace's key). @default key */
  nameOf?(key: string): string;
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
  constructor(
    message: string,
    readonly key = "msgraph",
  ) {
    super(message);
  }
}

const EMPTY_CONFIG: ConfigSource = { get: () => undefined };

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/** A setting's value and the name of the place it came from (a stack config key or an environment variable). */
interface Found {
  value: string;
  origin: string;
}

/** The first of the stack config key, then the environment variables in order, that holds a value. */
function lookup(config: ConfigSource, key: string, env: NodeJS.ProcessEnv, variables: string[]): Found | undefined {
  const configured = nonEmpty(config.get(key));
  if (configured !== undefined) return { value: configured, origin: config.nameOf?.(key) ?? key };
  for (const variable of variables) {
    const value = nonEmpty(env[variable]);
    if (value !== undefined) return { value, origin: variable };
  }
  return undefined;
}

/**
 * `found` as a URL without a trailing slash; refused, naming where it came from (`MSGRAPH_ENDPOINT must use
 * https`), when it is no https URL. `key` is the setting's config key, the property a preview failure names.
 */
function httpsUrl(found: Found, key: string, allowInsecure: boolean): string {
  let url: URL;
  try {
    url = new URL(found.value);
  } catch {
    throw new ConfigurationError(`${found.origin} '${found.value}' is not a URL`, key);
  }
  if (url.protocol !== "https:" && !(allowInsecure && url.protocol === "http:")) {
    throw new ConfigurationError(`${found.origin} must use https (got ${url.protocol}//${url.host})`, key);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/**
 * Stack config first, then the environment: `AZURE_TENANT_ID`/`AZURE_CLIENT_ID`/`AZURE_CLIENT_SECRET` as
 * `@azure/identity` reads them, then the `ARM_*` variables Pulumi ESC's azure-login and Pulumi Deployments'
 * OIDC export (`ARM_TENANT_ID`, `ARM_CLIENT_ID`, `ARM_CLIENT_SECRET`, `ARM_OIDC_TOKEN`), field by field;
 * `MSGRAPH_ENDPOINT`/`MSGRAPH_AUTHORITY_HOST` (then `AZURE_AUTHORITY_HOST`) for the endpoints, and finally the
 * national cloud's defaults. A value that cannot work is refused naming where it came from: the config key, or
 * the environment variable when it came from one.
 */
export function resolveSettings(
  config: ConfigSource = EMPTY_CONFIG,
  env: NodeJS.ProcessEnv = process.env,
  keys: ConfigKeys = CONFIG_KEYS,
): ProviderSettings {
  const environment = lookup(config, keys.environment, env, ["MSGRAPH_ENVIRONMENT"]) ?? { value: "global", origin: keys.environment };
  const environmentName = environment.value;
  if (UNSUPPORTED_CLOUDS[environmentName])
    throw new ConfigurationError(`${environment.origin}: ${UNSUPPORTED_CLOUDS[environmentName]}`, keys.environment);
  if (!isCloudName(environmentName)) {
    throw new ConfigurationError(
      `${environment.origin} '${environmentName}' is not one of ${Object.keys(CLOUDS).join(", ")}`,
      keys.environment,
    );
  }
  const cloud = CLOUDS[environmentName];
  const allowInsecureConnection = env.MSGRAPH_ALLOW_INSECURE_CONNECTION === "true";
  const endpoint = httpsUrl(
    lookup(config, keys.endpoint, env, ["MSGRAPH_ENDPOINT"]) ?? { value: cloud.graphEndpoint, origin: keys.endpoint },
    keys.endpoint,
    allowInsecureConnection,
  );
  const authorityHost = httpsUrl(
    lookup(config, keys.authorityHost, env, ["MSGRAPH_AUTHORITY_HOST", "AZURE_AUTHORITY_HOST"]) ?? {
      value: cloud.authorityHost,
      origin: keys.authorityHost,
    },
    keys.authorityHost,
    false,
  );
  const clientSecret = lookup(config, keys.clientSecret, env, ["AZURE_CLIENT_SECRET", "ARM_CLIENT_SECRET"])?.value;
  const oidcToken = nonEmpty(env.ARM_OIDC_TOKEN);
  return {
    environment: environmentName,
    endpoint,
    authorityHost,
    // Graph accepts only tokens issued for Graph, whatever host the requests travel through (an endpoint may be a
    // proxy or the emulator): the cloud's Graph scope, as every Graph SDK asks for it (model/clouds.ts).
    scope: graphScope(environmentName),
    tenantId: lookup(config, keys.tenantId, env, ["AZURE_TENANT_ID", "ARM_TENANT_ID"])?.value,
    clientId: lookup(config, keys.clientId, env, ["AZURE_CLIENT_ID", "ARM_CLIENT_ID"])?.value,
    clientSecret,
    ...(oidcToken ? { oidcToken } : {}),
    allowInsecureConnection,
  };
}
