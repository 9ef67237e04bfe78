import type { TokenCredential } from "@azure/identity";
import { CLOUDS } from "../graph/clouds";
import { ProviderSettings } from "./settings";

/**
 * MSAL validates unknown authorities through instance discovery at login.microsoftonline.com, which a local
 * emulator (or an air-gapped CI) cannot satisfy; for authority hosts outside the national clouds it is skipped.
 */
function isCustomAuthority(authorityHost: string): boolean {
  return !Object.values(CLOUDS).some((cloud) => cloud.authorityHost === authorityHost);
}

/**
 * A client secret (from stack config, AZURE_CLIENT_SECRET or ARM_CLIENT_SECRET) with tenant and client ids gives
 * a ClientSecretCredential; else a CI platform's OIDC token (ARM_OIDC_TOKEN) gives a ClientAssertionCredential
 * (workload identity federation, the token as the assertion). Anything else goes to DefaultAzureCredential, which covers certificates
 * (AZURE_CLIENT_CERTIFICATE_PATH), workload identity federation in CI (AZURE_FEDERATED_TOKEN_FILE), managed
 * identity and the Azure CLI. `@azure/identity` is required here, at call time, so nothing of it is
 * captured in a serialized provider.
 */
export function createCredential(settings: ProviderSettings): TokenCredential {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- at call time, so a serialized provider captures nothing of @azure/identity
  const identity = require("@azure/identity") as typeof import("@azure/identity");
  const { tenantId, clientId, clientSecret, authorityHost } = settings;
  const disableInstanceDiscovery = isCustomAuthority(authorityHost);
  if (tenantId && clientId && clientSecret) {
    return new identity.ClientSecretCredential(tenantId, clientId, clientSecret, { authorityHost, disableInstanceDiscovery });
  }
  const oidcToken = settings.oidcToken;
  if (tenantId && clientId && oidcToken) {
    return new identity.ClientAssertionCredential(tenantId, clientId, async () => oidcToken, { authorityHost, disableInstanceDiscovery });
  }
  return new identity.DefaultAzureCredential({
    tenantId,
    authorityHost,
    disableInstanceDiscovery,
    ...(clientId ? { managedIdentityClientId: clientId, workloadIdentityClientId: clientId } : {}),
  });
}

/** How the configured credential signs in, and how to name it to the person. */
export interface CredentialKind {
  kind: "application" | "user";
  what: string;
}

/**
 * Whether the configured credential signs in as an application or as a user, decided as DefaultAzureCredential
 * would choose (environment secret, certificate, then username/password; workload identity; managed identity;
 * then developer sign-ins such as `az login`). Application Proxy APIs accept delegated (user) tokens only, so
 * this lets `check` refuse at preview instead of failing with 403 mid-deployment.
 */
export function credentialKind(settings: ProviderSettings, env: NodeJS.ProcessEnv = process.env): CredentialKind {
  if (settings.tenantId && settings.clientId && settings.clientSecret) return { kind: "application", what: "a client secret" };
  if (settings.tenantId && settings.clientId && settings.oidcToken) return { kind: "application", what: "an OIDC token (ARM_OIDC_TOKEN)" };
  if (env.AZURE_CLIENT_CERTIFICATE_PATH) return { kind: "application", what: "a client certificate (AZURE_CLIENT_CERTIFICATE_PATH)" };
  if (env.AZURE_USERNAME && env.AZURE_PASSWORD) return { kind: "user", what: "a user's password (AZURE_USERNAME)" };
  if (env.AZURE_FEDERATED_TOKEN_FILE) return { kind: "application", what: "workload identity federation (AZURE_FEDERATED_TOKEN_FILE)" };
  if (env.IDENTITY_ENDPOINT || env.MSI_ENDPOINT) return { kind: "application", what: "a managed identity" };
  return { kind: "user", what: "a developer sign-in (Azure CLI, Azure Developer CLI or Azure PowerShell)" };
}
