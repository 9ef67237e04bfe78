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
 * A client secret (from stack config or AZURE_CLIENT_SECRET) with tenant and client ids gives a
 * ClientSecretCredential. Anything else goes to DefaultAzureCredential, which covers certificates
 * (AZURE_CLIENT_CERTIFICATE_PATH), workload identity federation in CI (AZURE_FEDERATED_TOKEN_FILE), managed
 * identity and the Azure CLI. `@azure/identity` is required here, at call time, so nothing of it is
 * captured in a serialized provider.
 */
export function createCredential(settings: ProviderSettings): TokenCredential {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const identity = require("@azure/identity") as typeof import("@azure/identity");
  const { tenantId, clientId, clientSecret, authorityHost } = settings;
  const disableInstanceDiscovery = isCustomAuthority(authorityHost);
  if (tenantId && clientId && clientSecret) {
    return new identity.ClientSecretCredential(tenantId, clientId, clientSecret, { authorityHost, disableInstanceDiscovery });
  }
  return new identity.DefaultAzureCredential({
    tenantId,
    authorityHost,
    disableInstanceDiscovery,
    ...(clientId ? { managedIdentityClientId: clientId, workloadIdentityClientId: clientId } : {}),
  });
}
