/**
 * Where a live run goes: a tenant named by the variables the provider itself reads (resolveSettings: the
 * `AZURE_*`/`ARM_*` credentials, `MSGRAPH_ENVIRONMENT`, `MSGRAPH_ENDPOINT`), or the bundled emulator standing in
 * for one, with its built-in app, user and an installed connector. Same scenario either way; only the endpoint
 * and the credentials differ.
 */
import { TokenCredential, UsernamePasswordCredential } from "@azure/identity";
import { createCredential, credentialKind } from "../../provider/config/credential";
import { CLOUDS } from "../../provider/graph/clouds";
import { resolveSettings } from "../../provider/config/settings";
import { GraphConnectorsError } from "../../provider/errors";
import { EMULATOR_CLIENT_ID, EMULATOR_CLIENT_SECRET, EMULATOR_TENANT_ID, emulatorEnvironment, GraphEmulator } from "../../emulator";
import { EMULATOR_USER } from "../../emulator/defaults";
import { LiveTarget } from "./run";

/** What a tenant run needs, said when it is missing. */
export const SKIP_LINE =
  "test:live skipped: no tenant configured. Set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET " +
  "(or ARM_OIDC_TOKEN, AZURE_CLIENT_CERTIFICATE_PATH, AZURE_FEDERATED_TOKEN_FILE) to run it against a tenant, " +
  "or pass --emulator to run it against the bundled emulator (docs/live-contract.md).";

/** The machine name of the connector agent the emulator target installs (Graph itself cannot create one). */
export const EMULATOR_CONNECTOR = "pgclive-agent.contoso.example";

/** Tokens from Entra for a user of the app: the password grant, which the app registration must allow (public client flows). */
function userCredential(tenantId: string, clientId: string, username: string, password: string, authorityHost: string): TokenCredential {
  const custom = !Object.values(CLOUDS).some((cloud) => cloud.authorityHost === authorityHost);
  return new UsernamePasswordCredential(tenantId, clientId, username, password, { authorityHost, disableInstanceDiscovery: custom });
}

/**
 * The tenant the environment names, or undefined when it names none (the run is skipped). An environment that
 * names one wrongly (a bad MSGRAPH_ENVIRONMENT, a credential that signs in as a user) throws instead of running
 * as something else.
 */
export function tenantTarget(env: NodeJS.ProcessEnv): LiveTarget | undefined {
  const settings = resolveSettings(undefined, env);
  const hasCredential = settings.clientSecret || settings.oidcToken || env.AZURE_CLIENT_CERTIFICATE_PATH || env.AZURE_FEDERATED_TOKEN_FILE;
  if (!settings.tenantId || !settings.clientId || !hasCredential) return undefined;
  const kind = credentialKind(settings, env);
  if (kind.kind !== "application")
    throw new GraphConnectorsError(`the app's steps need an application credential; the environment gives ${kind.what}`);
  const username = env.AZURE_USERNAME?.trim();
  const password = env.AZURE_PASSWORD;
  return {
    source: "tenant",
    settings,
    application: createCredential(settings),
    user:
      username && password
        ? { username, credential: userCredential(settings.tenantId, settings.clientId, username, password, settings.authorityHost) }
        : undefined,
    connectorMachineName: env.LIVE_APP_PROXY_CONNECTOR?.trim() || undefined,
  };
}

/** The emulator as the tenant: its app (client secret), its user (password grant) and a connector agent installed in it. */
export function emulatorTarget(emulator: GraphEmulator): LiveTarget {
  const settings = resolveSettings(undefined, emulatorEnvironment(emulator.url));
  if (![...emulator.store.connectors.values()].some((connector) => connector.machineName === EMULATOR_CONNECTOR)) {
    emulator.installConnector({ machineName: EMULATOR_CONNECTOR });
  }
  return {
    source: "emulator",
    settings,
    application: createCredential({
      ...settings,
      clientId: EMULATOR_CLIENT_ID,
      clientSecret: EMULATOR_CLIENT_SECRET,
      tenantId: EMULATOR_TENANT_ID,
    }),
    user: {
      username: EMULATOR_USER.username,
      credential: userCredential(
        EMULATOR_TENANT_ID,
        EMULATOR_CLIENT_ID,
        EMULATOR_USER.username,
        EMULATOR_USER.password,
        settings.authorityHost,
      ),
    },
    connectorMachineName: EMULATOR_CONNECTOR,
  };
}
