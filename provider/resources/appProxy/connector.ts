import { sameMachineName } from "../../../model/appProxy";
import type { Problem } from "../../../model/problem";
import { GraphConnectorsError } from "../../errors";
import { ProviderContext } from "../../context";
import { ResourceHandler } from "../contract";
import type { Shape } from "../inputShape";
import { containsUnknown, plainOutputs } from "../values";
import { connectorGroupOf, getConnector, GraphObject, listConnectorGroups, listConnectors, moveConnector } from "./api";
import { ConnectorInputs, ConnectorOutputs } from "./types";

/** Every input of a connector and its JSON type. */
export const CONNECTOR_INPUT_SHAPE: Record<string, Shape> = { machineName: "string", connectorGroupId: "string" };

/** The one installed connector registered under a machine name; Graph cannot create one. */
async function findInstalled(ctx: ProviderContext, machineName: string): Promise<GraphObject> {
  const matches = (await listConnectors(ctx)).filter((connector) => sameMachineName(connector.machineName, machineName));
  if (matches.length === 0) {
    throw new GraphConnectorsError(
      `no Application Proxy connector is registered for machine '${machineName}'. Microsoft Graph cannot create connectors: ` +
        "install the connector agent on that server (it registers itself), then run `pulumi up` again",
    );
  }
  if (matches.length > 1) {
    throw new GraphConnectorsError(
      `${matches.length} connectors are registered for machine '${machineName}' (${matches.map((connector) => connector.id).join(", ")}); ` +
        "remove the stale registrations in the Entra admin center first",
    );
  }
  return matches[0];
}

function outputsFrom(inputs: ConnectorInputs, connector: GraphObject, groupId: string | undefined): ConnectorOutputs {
  return plainOutputs({
    ...inputs,
    machineName: sameMachineName(connector.machineName, inputs.machineName) ? inputs.machineName : String(connector.machineName),
    connectorGroupId: groupId ?? inputs.connectorGroupId,
    connectorId: connector.id,
    externalIp: connector.externalIp as string | undefined,
    status: connector.status as string | undefined,
    version: connector.version as string | undefined,
  });
}

/**
 * An installed Application Proxy connector, found by machine name and kept in a connector group. Create places
 * it in `connectorGroupId`; read refreshes `externalIp`, `status` and `version`; delete returns it to the
 * tenant's default group (a connector is always in one group, and the agent itself stays installed).
 */
export const connectorHandler: ResourceHandler<ConnectorInputs, ConnectorOutputs> = {
  check(_olds, inputs) {
    const problems: Problem[] = [];
    for (const field of ["machineName", "connectorGroupId"] as const) {
      const value = inputs[field];
      if (!containsUnknown(value) && (typeof value !== "string" || value.trim() === ""))
        problems.push({ path: field, reason: "must be a non-empty string" });
    }
    return problems.length > 0 ? { problems } : { inputs: inputs as unknown as ConnectorInputs };
  },

  diff(_id, olds, news) {
    // Another machine name is another connector.
    const replaces = containsUnknown(news.machineName) || !sameMachineName(olds.machineName, news.machineName) ? ["machineName"] : [];
    const moved = containsUnknown(news.connectorGroupId) || olds.connectorGroupId !== news.connectorGroupId;
    return { changes: replaces.length > 0 || moved, replaces };
  },

  async create(ctx, inputs) {
    const connector = await findInstalled(ctx, inputs.machineName);
    if ((await connectorGroupOf(ctx, connector.id)) !== inputs.connectorGroupId)
      await moveConnector(ctx, connector.id, inputs.connectorGroupId);
    ctx.log(`connector '${inputs.machineName}' (${connector.id}) is in connector group ${inputs.connectorGroupId}`);
    return { id: connector.id, outs: outputsFrom(inputs, connector, inputs.connectorGroupId) };
  },

  async read(ctx, id, props) {
    const connector = await getConnector(ctx, id);
    if (!connector) return { id: undefined };
    return { id, props: outputsFrom(props, connector, await connectorGroupOf(ctx, id)) };
  },

  async update(ctx, id, _olds, news) {
    const connector = await getConnector(ctx, id);
    if (!connector)
      throw new GraphConnectorsError(`connector ${id} ('${news.machineName}') is no longer registered; run \`pulumi refresh\``);
    if ((await connectorGroupOf(ctx, id)) !== news.connectorGroupId) await moveConnector(ctx, id, news.connectorGroupId);
    return { outs: outputsFrom(news, connector, news.connectorGroupId) };
  },

  async importInputs(ctx, id) {
    const connector = await getConnector(ctx, id);
    const groupId = connector && (await connectorGroupOf(ctx, id));
    if (!connector || !groupId) return undefined;
    return { machineName: String(connector.machineName), connectorGroupId: groupId };
  },

  async delete(ctx, id, props) {
    if (!(await getConnector(ctx, id))) return;
    if ((await connectorGroupOf(ctx, id)) !== props.connectorGroupId) return; // someone else moved it: leave it there
    const defaultGroup = (await listConnectorGroups(ctx)).find((group) => group.isDefault === true);
    if (!defaultGroup) throw new GraphConnectorsError("the tenant has no default connector group to return the connector to");
    await moveConnector(ctx, id, defaultGroup.id);
  },
};
