import { credentialKind } from "../../config/credential";
import { ConfigurationError } from "../../config/settings";
import { APP_PROXY_ROOT, missingPermissionAdvice } from "../../../model/permissions";
import { currentSettings } from "../../runtime";

/**
 * Application Proxy APIs accept delegated permissions only (model/permissions.ts). Called from `check`, so a
 * stack whose credential is an application fails at preview, before any request, instead of with 403 later.
 * Settings errors (a bad environment or endpoint) surface here too.
 */
export function requireDelegatedCredential(resource: string): void {
  const { kind, what } = credentialKind(currentSettings());
  if (kind === "user") return;
  throw new ConfigurationError(`${resource}: the configured credential is ${what}, an application credential. ` +
    `${missingPermissionAdvice("POST", APP_PROXY_ROOT)}. Manage Application Proxy resources in a stack that signs in as a user ` +
    "(no AZURE_CLIENT_SECRET or msgraph:clientSecret; e.g. `az login`, or AZURE_USERNAME/AZURE_PASSWORD).");
}
