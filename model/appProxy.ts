/**
 * Entra Application Proxy objects (beta, namespace microsoft.graph): connectors and connector groups.
 * A connector cannot be created through Graph: the agent is installed on a server and registers itself; Graph
 * offers List/Get of connectors, their `memberOf`, and adding one to a connector group. Every connector is always
 * in exactly one connector group, the default one unless assigned ("If you don't create connector groups, all
 * your connectors will be part of the default group"). `externalIp`, `status` and `version` are read-only.
 * Delegated Directory.ReadWrite.All only. No page documents that a group's `name` is unique, so a name may
 * find several groups, another team's among them: a group is known by its id.
 * Sources: metadata `microsoft.graph.connector`, `.connectorGroup`, enums `connectorStatus`, `connectorGroupRegion`;
 * docs beta resources/connector.md, connectorgroup.md, api/connector-post-memberof.md, connectorgroup-post-members.md,
 * connectorgroup-post.md, connectorgroup-update.md, connectorgroup-delete.md, connectorgroup-list-members.md,
 * connectorgroup-list-applications.md.
 */
import { settableMembers } from "./enums";
import { ENUMS } from "./enumRegistry";
import { APP_PROXY_ROOT } from "./permissions";

export const CONNECTORS_PATH = `${APP_PROXY_ROOT}/connectors`;
export const CONNECTOR_GROUPS_PATH = `${APP_PROXY_ROOT}/connectorGroups`;

export const CONNECTOR_GROUP_REGIONS = settableMembers(ENUMS["microsoft.graph.connectorGroupRegion"].members);
/** A connector group's `connectorGroupType`: the one member of the metadata's `microsoft.graph.connectorGroupType` (beta). */
export const CONNECTOR_GROUP_TYPE = ENUMS["microsoft.graph.connectorGroupType"].members[0] as "applicationProxy";

export function connectorPath(connectorId: string): string {
  return `${CONNECTORS_PATH}/${encodeURIComponent(connectorId)}`;
}

export function connectorGroupPath(groupId: string): string {
  return `${CONNECTOR_GROUPS_PATH}/${encodeURIComponent(groupId)}`;
}

/**
 * `POST {connector}/memberOf/$ref` with `{ "@odata.id": <connector group URL> }` moves a connector into a group.
 * connector-post-memberof.md: "If successful, this method returns `201 Created` response code and
 * connectorGroup object in the response body"; its twin connectorgroup-post-members.md (the same move from the
 * group's side) shows `HTTP/1.1 204 No Content`. A client takes either as success.
 */
export function memberOfRefPath(connectorId: string): string {
  return `${connectorPath(connectorId)}/memberOf/$ref`;
}

/** What the emulator answers to `memberOf/$ref`: the page of that route. */
export const MEMBER_OF_REF_STATUS = 201;

/** What the emulator answers to the group's `members/$ref`: connectorgroup-post-members.md's example, `204 No Content`. */
export const GROUP_MEMBERS_REF_STATUS = 204;

/**
 * connectorgroup-update.md: "If successful, this method returns a `200 OK` response code and updated
 * connectorGroup object in the response body." (The people settings' PATCH answers the same way.)
 */
export const CONNECTOR_GROUP_UPDATE_STATUS = 200;

/** The connectors in a group (connectorgroup-list-members.md). */
export function connectorGroupMembersPath(groupId: string): string {
  return `${connectorGroupPath(groupId)}/members`;
}

/** The applications assigned to a group (connectorgroup-list-applications.md: "all applications assigned to the specific connector group"). */
export function connectorGroupApplicationsPath(groupId: string): string {
  return `${connectorGroupPath(groupId)}/applications`;
}

/** What is assigned to a connector group, as far as the rules below care. */
export interface ConnectorGroupHoldings {
  connectors: number;
  applications: number;
}

const holds = ({ connectors, applications }: ConnectorGroupHoldings) => connectors > 0 || applications > 0;

/**
 * Why Graph refuses to delete a connector group, or undefined. connectorgroup-delete.md: "All connectors and
 * applications must be removed from the connector group before a connector group can be deleted."; the
 * default group is the system's ("this is pre-set by the system", connectorgroup.md). The status Graph
 * answers with is not documented.
 */
export function connectorGroupDeleteProblem(group: { isDefault?: boolean }, holdings: ConnectorGroupHoldings): string | undefined {
  if (group.isDefault === true) return "the default connector group is the system's and cannot be deleted";
  if (holds(holdings)) return "all connectors and applications must be removed from the connector group before it can be deleted";
  return undefined;
}

/**
 * Why Graph refuses to change a group's region, or undefined. connectorgroup.md, `region`: "This region can
 * only be set if **no connectors or applications** are assigned to the connectorGroup."
 */
export function regionChangeProblem(holdings: ConnectorGroupHoldings): string | undefined {
  return holds(holdings) ? "the region can only be set while no connectors or applications are assigned to the connector group" : undefined;
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
