/** Graph calls of the Application Proxy resources (beta only). */
import { connectorGroupPath, CONNECTOR_GROUPS_PATH, connectorPath, CONNECTORS_PATH, memberOfRefPath } from "../../../model/appProxy";
import { ProviderContext } from "../../runtime";
import { unlessNotFound } from "../operations";

export type GraphObject = Record<string, unknown> & { id: string };

async function list(ctx: ProviderContext, path: string): Promise<GraphObject[]> {
  const response = await ctx.graph.request("GET", "beta", path);
  return ((response.body as { value?: GraphObject[] } | undefined)?.value ?? []);
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

/** Moves a connector into a group (a connector belongs to one group, so this takes it out of its current one). */
export async function moveConnector(ctx: ProviderContext, connectorId: string, groupId: string): Promise<void> {
  await ctx.graph.request("POST", "beta", memberOfRefPath(connectorId), { "@odata.id": ctx.graph.url("beta", connectorGroupPath(groupId)) });
}

export async function getConnectorGroup(ctx: ProviderContext, groupId: string): Promise<GraphObject | undefined> {
  return (await unlessNotFound(() => ctx.graph.request("GET", "beta", connectorGroupPath(groupId))))?.body as GraphObject | undefined;
}
