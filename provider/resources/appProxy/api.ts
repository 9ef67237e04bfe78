/** Graph calls of the Application Proxy resources (beta only). */
import {
  connectorGroupApplicationsPath,
  connectorGroupMembersPath,
  connectorGroupPath,
  CONNECTOR_GROUPS_PATH,
  connectorPath,
  CONNECTORS_PATH,
  memberOfRefPath,
} from "../../../model/appProxy";
import { ProviderContext } from "../../context";
import { unlessNotFound } from "../operations";

export type GraphObject = Record<string, unknown> & { id: string };

async function list(ctx: ProviderContext, path: string): Promise<GraphObject[]> {
  const response = await ctx.graph.request("GET", "beta", path);
  return (response.body as { value?: GraphObject[] } | undefined)?.value ?? [];
}

export const listConnectors = (ctx: ProviderContext) => list(ctx, CONNECTORS_PATH);
export const listConnectorGroups = (ctx: ProviderContext) => list(ctx, CONNECTOR_GROUPS_PATH);

export async function getConnector(ctx: ProviderContext, connectorId: string): Promise<GraphObject | undefined> {
  return (await unlessNotFound(() => ctx.graph.request("GET", "beta", connectorPath(connectorId))))?.body as GraphObject | undefined;
}

/** The group a connector is in: every connector is in exactly one. */
export async function connectorGroupOf(ctx: ProviderContext, connectorId: string): Promise<string | undefined> {
  return (await list(ctx, `${connectorPath(connectorId)}/memberOf`))[0]?.id;
}

/**
 * Moves a connector into a group (a connector belongs to one group, so this takes it out of its current one).
 * Graph's pages differ on the answer (201 with the group, or 204: model/appProxy.ts); any success will do.
 */
export async function moveConnector(ctx: ProviderContext, connectorId: string, groupId: string): Promise<void> {
  await ctx.graph.request("POST", "beta", memberOfRefPath(connectorId), {
    "@odata.id": ctx.graph.url("beta", connectorGroupPath(groupId)),
  });
}

export async function getConnectorGroup(ctx: ProviderContext, groupId: string): Promise<GraphObject | undefined> {
  return (await unlessNotFound(() => ctx.graph.request("GET", "beta", connectorGroupPath(groupId))))?.body as GraphObject | undefined;
}

/**
 * PATCHes a connector group and returns it as Graph now holds it: from the answer, which the update page
 * documents as 200 with the group, or read back when Graph answers without one.
 */
export async function updateConnectorGroup(
  ctx: ProviderContext,
  groupId: string,
  patch: Record<string, unknown>,
): Promise<GraphObject | undefined> {
  const response = await ctx.graph.request("PATCH", "beta", connectorGroupPath(groupId), patch);
  const body = response.body as GraphObject | undefined;
  return body && typeof body === "object" && body.id === groupId ? body : getConnectorGroup(ctx, groupId);
}

/** The connectors in a group and the applications assigned to it: what keeps Graph from deleting it. */
export async function connectorGroupContents(
  ctx: ProviderContext,
  groupId: string,
): Promise<{ connectors: GraphObject[]; applications: GraphObject[] }> {
  const [connectors, applications] = await Promise.all([
    list(ctx, connectorGroupMembersPath(groupId)),
    list(ctx, connectorGroupApplicationsPath(groupId)),
  ]);
  return { connectors, applications };
}
