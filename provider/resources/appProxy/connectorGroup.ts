import type { dynamic } from "@pulumi/pulumi";
import { CONNECTOR_GROUPS_PATH, connectorGroupPath, connectorGroupProblem } from "../../../model/appProxy";
import { GraphConnectorsError } from "../../errors";
import { failure, ResourceHandler } from "../contract";
import { mayHaveApplied, unlessNotFound } from "../operations";
import { ProviderContext } from "../../runtime";
import { containsUnknown, plainOutputs, sameValue, withoutProviderKey } from "../values";
import { getConnectorGroup, GraphObject, listConnectorGroups } from "./api";
import { requireDelegatedCredential } from "./delegated";
import { inputShapeFailures } from "../inputShape";
import { ConnectorGroupInputs, ConnectorGroupOutputs } from "./types";

const FIELDS = ["name", "region"] as const;

function outputsFrom(inputs: ConnectorGroupInputs, group: GraphObject): ConnectorGroupOutputs {
  return plainOutputs({
    ...inputs,
    name: String(group.name ?? inputs.name),
    ...(inputs.region !== undefined ? { region: group.region as string | undefined } : {}),
    connectorGroupId: group.id,
    connectorGroupType: group.connectorGroupType as string | undefined,
    isDefault: group.isDefault as boolean | undefined,
  });
}

/** Non-default connector groups with the program's name (and its region, when it declares one). */
async function namesakes(ctx: ProviderContext, inputs: ConnectorGroupInputs): Promise<GraphObject[]> {
  return (await listConnectorGroups(ctx)).filter((group) =>
    group.name === inputs.name && group.isDefault !== true && (inputs.region === undefined || group.region === inputs.region));
}

/** An Application Proxy connector group (beta): created, renamed, re-homed and deleted through Graph. */
export const connectorGroupHandler: ResourceHandler<ConnectorGroupInputs, ConnectorGroupOutputs> = {
  check(_olds, news): dynamic.CheckResult<ConnectorGroupInputs> {
    const inputs = withoutProviderKey(news);
    requireDelegatedCredential("ConnectorGroup");
    const shape = inputShapeFailures(inputs, { name: "string", region: "string" });
    if (shape.length > 0) return { failures: shape };
    const known = Object.fromEntries(Object.entries(inputs).filter(([, value]) => !containsUnknown(value)));
    const problem = connectorGroupProblem(known, !containsUnknown(inputs.name));
    return problem ? { failures: [failure(problem.path, `${problem.path} ${problem.reason}`)] } : { inputs: inputs as unknown as ConnectorGroupInputs };
  },

  diff(_id, olds, news) {
    return { changes: FIELDS.some((field) => !sameValue(olds[field], news[field])), replaces: [] };
  },

  async create(ctx, inputs) {
    const body: Record<string, unknown> = { name: inputs.name };
    if (inputs.region !== undefined) body.region = inputs.region;
    // The id is server-assigned, so a create interrupted after Graph made the group (a killed run, a lost
    // answer) would make a second copy. A group with this name and region is that group: take it over.
    const existing = await namesakes(ctx, inputs);
    if (existing.length > 1) {
      throw new GraphConnectorsError(`${existing.length} connector groups are named '${inputs.name}' (${existing.map((group) => group.id).join(", ")}); ` +
        "give this one a unique name so the program can tell which is its own");
    }
    if (existing.length === 1) {
      ctx.log(`connector group '${inputs.name}' already exists with the declared region (as an interrupted run leaves it); managing it`);
      return { id: existing[0].id, outs: outputsFrom(inputs, existing[0]) };
    }
    let group: GraphObject | undefined;
    try {
      group = (await ctx.graph.request("POST", "beta", CONNECTOR_GROUPS_PATH, body)).body as GraphObject;
    } catch (error) {
      // After an ambiguous failure, a group with our name is the one we made.
      const made = mayHaveApplied(error) ? await namesakes(ctx, inputs) : [];
      if (made.length !== 1) throw error;
      ctx.log(`connector group '${inputs.name}' exists although its create failed (${(error as Error).message}); adopting it`);
      group = made[0];
    }
    return { id: group.id, outs: outputsFrom(inputs, group) };
  },

  async read(ctx, id, props) {
    const group = await getConnectorGroup(ctx, id);
    return group ? { id, props: outputsFrom(props, group) } : { id: undefined };
  },

  async update(ctx, id, olds, news) {
    const patch: Record<string, unknown> = {};
    for (const field of FIELDS) if (news[field] !== undefined && !sameValue(olds[field], news[field])) patch[field] = news[field];
    if (Object.keys(patch).length > 0) await ctx.graph.request("PATCH", "beta", connectorGroupPath(id), patch);
    const group = await getConnectorGroup(ctx, id);
    if (!group) throw new GraphConnectorsError(`connector group '${news.name}' (${id}) no longer exists; run \`pulumi refresh\``);
    return { outs: outputsFrom(news, group) };
  },

  async importInputs(ctx, id) {
    const group = await getConnectorGroup(ctx, id);
    if (!group) return undefined;
    return { name: String(group.name), ...(typeof group.region === "string" ? { region: group.region } : {}) };
  },

  async delete(ctx, id) {
    await unlessNotFound(() => ctx.graph.request("DELETE", "beta", connectorGroupPath(id)));
  },
};
