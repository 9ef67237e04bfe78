/**
 * The native provider's configuration: `graph-connectors:*` stack config for the default provider, or an
 * explicit `new Provider(...)`'s arguments (one provider per tenant). The same settings as the dynamic
 * resources' `msgraph:*`, resolved by the same code with the same environment fallbacks.
 */
import { ConfigKeys, ConfigSource, ConfigurationError, resolveSettings } from "../config/settings";
import { PACKAGE_NAME } from "../engine/registry";
import { UNKNOWN } from "../resources/values";
import type { Props } from "./properties";

export const NATIVE_CONFIG_KEYS: ConfigKeys = {
  tenantId: `${PACKAGE_NAME}:tenantId`,
  clientId: `${PACKAGE_NAME}:clientId`,
  clientSecret: `${PACKAGE_NAME}:clientSecret`,
  environment: `${PACKAGE_NAME}:environment`,
  endpoint: `${PACKAGE_NAME}:endpoint`,
  authorityHost: `${PACKAGE_NAME}:authorityHost`,
};

/** The provider's arguments (`tenantId`, …) as a source keyed like stack config (`graph-connectors:tenantId`). */
export function configSource(args: Props): ConfigSource {
  return {
    get(key: string) {
      const value = args[key.startsWith(`${PACKAGE_NAME}:`) ? key.slice(PACKAGE_NAME.length + 1) : key];
      return typeof value === "string" && value !== UNKNOWN ? value : undefined;
    },
  };
}

/** CheckConfig's verdict: a bad environment, endpoint or authority fails the preview naming the property. */
export function configFailures(args: Props): Array<{ property: string; reason: string }> {
  const failures: Array<{ property: string; reason: string }> = [];
  for (const [key, value] of Object.entries(args)) {
    if (key !== "version" && value !== undefined && value !== null && typeof value !== "string") {
      failures.push({ property: key, reason: `${PACKAGE_NAME}:${key} must be a string` });
    }
  }
  try {
    resolveSettings(configSource(args), process.env, NATIVE_CONFIG_KEYS);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    failures.push({ property: error.key.replace(`${PACKAGE_NAME}:`, ""), reason: error.message });
  }
  return failures;
}
