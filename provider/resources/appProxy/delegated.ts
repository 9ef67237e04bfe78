import type { CredentialKind } from "../../config/credential";
import { ConfigurationError } from "../../config/settings";
import { APP_PROXY_ROOT, missingPermissionAdvice } from "../../../model/permissions";

/**
 * Application Proxy APIs accept delegated permissions only (model/permissions.ts). The engine calls this from
 * `check` for the types its registry marks `delegatedOnly`, so a stack whose credential is an application
 * fails at preview, before any request, instead of with 403 later. `resource` names the type in the message.
 */
export function requireDelegatedCredential(resource: string, credential: CredentialKind): void {
  if (credential.kind === "user") return;
  throw new ConfigurationError(
    `${resource}: the configured credential is ${credential.what}, an application credential. ` +
      `${missingPermissionAdvice("POST", APP_PROXY_ROOT)}. Manage Application Proxy resources in a stack that signs in as a user ` +
      "(no AZURE_CLIENT_SECRET or msgraph:clientSecret; e.g. `az login`, or AZURE_USERNAME/AZURE_PASSWORD).",
  );
}
