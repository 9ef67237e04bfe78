/**
 * Entra Application Proxy objects (beta, namespace microsoft.graph): connectors and connector groups.
 * A connector cannot be created through Graph: the agent is installed on a server and registers itself; Graph
 * offers List/Get of connectors, their `memberOf`, and adding one to a connector group. Every connector is always
 * in exactly one connector group, the default one unless assigned ("If you don't create connector groups, all
 * your connectors will be part of the default group"); a group can be deleted only when no connector is in it.
 * `externalIp`, `status` and `version` are read-only. Delegated Directory.ReadWrite.All only.
 * Sources: metadata `microsoft.graph.connector`, `.connectorGroup`, enums `connectorStatus`, `connectorGroupRegion`;
 * docs beta resources/connector.md, connectorgroup.md, api/connector-post-memberof.md, connectorgroup-post-members.md,
 * connectorgroup-post.md, connectorgroup-update.md, connectorgroup-delete.md.
 */
import { settableMembers } from "./enums";
import { ENUMS } from "./enumRegistry";
import { APP_PROXY_ROOT } from "./permissions";

export const CONNECTORS_PATH = `${APP_PROXY_ROOT}/connectors`;
export const CONNECTOR_GROUPS_PATH = `${APP_PROXY_ROOT}/connectorGroups`;

export const CONNECTOR_STATUSES = ENUMS["microsoft.graph.connectorStatus"].members;
export const CONNECTOR_GROUP_REGIONS = settableMembers(ENUMS["microsoft.graph.connectorGroupRegion"].members);
export const CONNECTOR_GROUP_TYPE = "applicationProxy";

export function connectorPath(connectorId: string): string {
  return `${CONNECTORS_PATH}/${encodeURIComponent(connectorId)}`;
}

export function connectorGroupPath(groupId: string): string {
  return `${CONNECTOR_GROUPS_PATH}/${encodeURIComponent(groupId)}`;
}

/** `POST {connector}/memberOf/$ref` with `{ "@odata.id": <connector group URL> }` moves a connector into a group (201). */
export function memberOfRefPath(connectorId: string): string {
  return `${connectorPath(connectorId)}/memberOf/$ref`;
}

/** Why a connector group body is refused, or undefined. `requireName` for creates. */
export function connectorGroupProblem(body: Record<string, unknown>, requireName: boolean): { path: string; reason: string } | undefined {
  if (body.name !== undefined || requireName) {
    // `name` is required on create (connectorgroup-post.md); no length limit is documented.
    if (typeof body.name !== "string" || body.name.trim() === "") return { path: "name", reason: "is required" };
  }
  if (body.region !== undefined && body.region !== null && !CONNECTOR_GROUP_REGIONS.includes(body.region as string)) {
    return { path: "region", reason: `must be one of ${CONNECTOR_GROUP_REGIONS.join(", ")}` };
  }
  return undefined;
}

/** How a connector is found: by the machine name its agent registered with (compared case-insensitively, as host names are). */
export function sameMachineName(a: unknown, b: unknown): boolean {
  return typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase();
}
