/**
 * Which Microsoft Graph permissions each operation accepts, least privileged first (the permission tables of
 * the docs pages named below; graph-api.md section 7, and 5 for App Proxy). The emulator enforces them from a
 * token's `roles` (application) or `scp` (delegated); the provider names them when Graph answers 403.
 */

export interface PermissionRule {
  /** What the operation touches, for messages. */
  area: "connections" | "groups and members" | "Application Proxy" | "people settings";
  /** Application permissions (token `roles`), or "notSupported". */
  application: readonly string[] | "notSupported";
  /** Delegated permissions (token `scp`). */
  delegated: readonly string[];
  /** `*.OwnedBy` reaches only connections the app created or is listed in `configuration.authorizedAppIds` of. */
  ownedByScoped: boolean;
}

import { PEOPLE_ADMIN_PATH } from "./people";

const CONNECTION_WRITE = ["ExternalConnection.ReadWrite.OwnedBy", "ExternalConnection.ReadWrite.All"];
const CONNECTION_READ = [...CONNECTION_WRITE, "ExternalConnection.Read.All"];
const ITEM_WRITE = ["ExternalItem.ReadWrite.OwnedBy", "ExternalItem.ReadWrite.All"];
const ITEM_READ = [...ITEM_WRITE, "ExternalItem.Read.All"];
/** App Proxy connectors and connector groups: delegated Directory.ReadWrite.All only (connector.md, connectorgroup.md permission tables). */
const APP_PROXY = ["Directory.ReadWrite.All"];

/** Profile sources and profile property settings (profilesource-post, profilepropertysetting-update permission tables). */
const PEOPLE_WRITE = ["PeopleSettings.ReadWrite.All"];
const PEOPLE_READ = ["PeopleSettings.Read.All", ...PEOPLE_WRITE];

/** Paths (relative to a version root) of App Proxy objects. */
export const APP_PROXY_ROOT = "/onPremisesPublishingProfiles/applicationProxy";

/** The permission rule of a request, or undefined for paths outside the connector surface. */
export function permissionRule(method: string, path: string): PermissionRule | undefined {
  const read = method.toUpperCase() === "GET";
  if (path.startsWith(APP_PROXY_ROOT))
    return { area: "Application Proxy", application: "notSupported", delegated: APP_PROXY, ownedByScoped: false };
  if (path.startsWith(PEOPLE_ADMIN_PATH)) {
    const accepted = read ? PEOPLE_READ : PEOPLE_WRITE;
    return { area: "people settings", application: accepted, delegated: accepted, ownedByScoped: false };
  }
  // Groups and their members are governed by the ExternalItem permissions (post-groups, post-members pages).
  if (/^\/external\/connections\/[^/]+\/groups(\/|$)/.test(path)) {
    const accepted = read ? ITEM_READ : ITEM_WRITE;
    return { area: "groups and members", application: accepted, delegated: accepted, ownedByScoped: true };
  }
  if (/^\/external\/connections(\/|$)/.test(path)) {
    const accepted = read ? CONNECTION_READ : CONNECTION_WRITE;
    return { area: "connections", application: accepted, delegated: accepted, ownedByScoped: true };
  }
  return undefined;
}

/**
 * Whether a permission reaches every connection rather than only owned ones: the `.All` connector
 * permissions. Other `.All` permissions (PeopleSettings, Directory) say nothing about connections.
 */
export function isTenantWide(permission: string): boolean {
  return /^(ExternalConnection|ExternalItem)\.\w+\.All$/.test(permission);
}

/** What to tell a person whose request got 403: which permission the operation needs. */
export function missingPermissionAdvice(method: string, path: string): string | undefined {
  const rule = permissionRule(method, path);
  if (!rule) return undefined;
  if (rule.application === "notSupported") {
    return (
      `${rule.area} APIs accept only delegated permission ${rule.delegated.join(" or ")} (application permissions are not supported): ` +
      "sign in as a user, e.g. `az login` with DefaultAzureCredential, instead of an app credential"
    );
  }
  const least = rule.application[0];
  return (
    `${method} on ${rule.area} needs the Microsoft Graph permission ${least} (or ${rule.application.slice(1).join(" / ")}), granted with admin consent` +
    (rule.ownedByScoped ? `; ${least} reaches only connections this app created or is listed in configuration.authorizedAppIds of` : "")
  );
}
