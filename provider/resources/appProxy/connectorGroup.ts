import { connectorGroupDeleteProblem, CONNECTOR_GROUPS_PATH, connectorGroupPath, connectorGroupProblem } from "../../../model/appProxy";
import { GraphConnectorsError } from "../../errors";
import { isGraphError } from "../../graph/errors";
import { ResourceHandler } from "../contract";
import { mayHaveApplied, unlessNotFound } from "../operations";
import { ProviderContext } from "../../context";
import { containsUnknown, plainOutputs, sameValue } from "../values";
import { connectorGroupContents, getConnectorGroup, GraphObject, listConnectorGroups, updateConnectorGroup } from "./api";
import type { Shape } from "../inputShape";
import { ConnectorGroupInputs, ConnectorGroupOutputs } from "./types";

const FIELDS = ["name", "region"] as const;

/** Every input of a connector group and its JSON type. */
export const CONNECTOR_GROUP_INPUT_SHAPE: Record<string, Shape> = { name: "string", region: "string", adoptExisting: "boolean" };
const IMPORT_TOKEN = "graph-connectors:index:ConnectorGroup";

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

/**
 * The non-default connector groups named `name`. Graph documents no uniqueness of names, so these may be
 * this stack's, left by an interrupted run, or anyone else's: only an id tells them apart.
 */
async function namesakes(ctx: ProviderContext, name: string): Promise<GraphObject[]> {
  return (await listConnectorGroups(ctx)).filter((group) => group.name === name && group.isDefault !== true);
}

/** Why a group that existed before this create is not taken over, and how to take it over. */
function existingGroupsError(name: string, existing: GraphObject[]): GraphConnectorsError {
  const ids = existing.map((group) => group.id);
  const which =
    existing.length === 1
      ? `a connector group named '${name}' already exists (id ${ids[0]})`
      : `${existing.length} connector groups named '${name}' already exist (ids ${ids.join(", ")})`;
  return new GraphConnectorsError(
    `${which}. Graph does not keep names unique, so it may be another team's, and a group this stack takes over ` +
      "is deleted by `pulumi destroy`: it is taken over only when you say so. If it is this stack's own (an earlier run was interrupted while " +
      `creating it) or you mean to manage it here, set adoptExisting: true on the resource, or with the native provider run \`pulumi import ${IMPORT_TOKEN} <resource name> ${ids[0]}\`. ` +
      "Otherwise give this group another name.",
  );
}

/**
 * POSTs the group, never twice for one group. The id is Graph's, so a POST whose answer was lost or was a 5xx
 * may have made a group or not: the groups named `name` are listed again, and one that was not among `before`
 * is the one this POST made. Only when none appeared is the POST sent again, after the client's back-off.
 */
async function postOnce(ctx: ProviderContext, body: Record<string, unknown>, before: ReadonlySet<string>): Promise<GraphObject> {
  const name = body.name as string;
  for (let attempt = 0; ; attempt++) {
    let failed: unknown;
    try {
      return (await ctx.graph.request("POST", "beta", CONNECTOR_GROUPS_PATH, body, { notRepeatable: true })).body as GraphObject;
    } catch (error) {
      if (!mayHaveApplied(error)) throw error;
      failed = error;
    }
    const delayMs = ctx.graph.retryDelayAfter(failed, attempt);
    // The wait comes before the look, so a directory that shows a new group late has time to (open: the docs
    // do not say how soon a created group is listed; the emulator lists it at once).
    if (delayMs !== undefined) await ctx.sleep(delayMs);
    const made = (await namesakesAfter(ctx, name, failed)).filter((group) => !before.has(group.id));
    if (made.length === 1) {
      ctx.log(
        `connector group '${name}' (${made[0].id}) was created although the request failed (${(failed as Error).message}); it is this stack's`,
      );
      return made[0];
    }
    if (made.length > 1) {
      throw new GraphConnectorsError(
        `creating connector group '${name}' failed (${(failed as Error).message}) and ${made.length} groups of that name appeared meanwhile ` +
          `(ids ${made.map((group) => group.id).join(", ")}): someone else created one at the same time, so which is this stack's cannot be told. ` +
          `Take over the right one (adoptExisting: true after deleting the others, or \`pulumi import ${IMPORT_TOKEN} <resource name> <id>\`).`,
        { cause: failed },
      );
    }
    if (delayMs === undefined) throw failed;
    ctx.log(
      `creating connector group '${name}' failed (${(failed as Error).message}) and Graph holds no new group of that name: sending it again`,
    );
  }
}

/** The groups named `name` after a create failed with `failed`; when Graph cannot say, an error saying what that means. */
async function namesakesAfter(ctx: ProviderContext, name: string, failed: unknown): Promise<GraphObject[]> {
  try {
    return await namesakes(ctx, name);
  } catch (error) {
    throw new GraphConnectorsError(
      `creating connector group '${name}' failed (${(failed as Error).message}), and whether Graph made it could not be ` +
        `read (${(error as Error).message}). If it did, the next run finds a group of that name and asks whether it is this stack's.`,
      { cause: error },
    );
  }
}

/** Takes over an existing group the program asked for (adoptExisting), setting it to the declared region. */
async function adopt(ctx: ProviderContext, group: GraphObject, inputs: ConnectorGroupInputs): Promise<GraphObject> {
  ctx.log(`connector group '${inputs.name}' (${group.id}) already exists; taking it over because adoptExisting is set`);
  if (inputs.region === undefined || inputs.region === group.region) return group;
  const updated = await updateConnectorGroup(ctx, group.id, { region: inputs.region });
  if (!updated)
    throw new GraphConnectorsError(
      `connector group '${inputs.name}' (${group.id}) disappeared while being taken over; run \`pulumi up\` again`,
    );
  return updated;
}

/** The error of a DELETE Graph refused, explained when the group still holds connectors or applications. */
async function refusedDelete(ctx: ProviderContext, id: string, name: unknown, error: unknown): Promise<unknown> {
  const { connectors, applications } = await connectorGroupContents(ctx, id);
  const rule = connectorGroupDeleteProblem({}, { connectors: connectors.length, applications: applications.length });
  if (!rule) return error;
  const listed = (what: string, items: GraphObject[], label: (item: GraphObject) => unknown) =>
    items.length === 0
      ? []
      : [
          `${items.length} ${what}${items.length === 1 ? "" : "s"} (${items.map((item) => `${String(label(item) ?? item.id)} ${item.id}`).join(", ")})`,
        ];
  const held = [
    ...listed("connector", connectors, (connector) => connector.machineName),
    ...listed("application", applications, (app) => app.displayName),
  ];
  return new GraphConnectorsError(
    `connector group '${String(name)}' (${id}) still holds ${held.join(" and ")}: ${rule} (connectorgroup-delete). ` +
      "Move the connectors to another group (destroying a Connector resource returns its connector to the default group) and assign the " +
      "applications to another connector group, then destroy again.",
    { cause: error },
  );
}

/**
 * An Application Proxy connector group (beta): created, renamed, re-homed and deleted through Graph. It is
 * known by its id only: a group that already carries the declared name is someone's, and is taken over only
 * when the program says so (`adoptExisting`) or an import puts its id in the state.
 */
export const connectorGroupHandler: ResourceHandler<ConnectorGroupInputs, ConnectorGroupOutputs> = {
  check(_olds, inputs) {
    const known = Object.fromEntries(Object.entries(inputs).filter(([key, value]) => key !== "adoptExisting" && !containsUnknown(value)));
    const problem = connectorGroupProblem(known, !containsUnknown(inputs.name));
    return problem ? { problems: [problem] } : { inputs: inputs as unknown as ConnectorGroupInputs };
  },

  diff(_id, olds, news) {
    // adoptExisting matters only to a create; a change of it alone touches nothing in Graph.
    return { changes: [...FIELDS, "adoptExisting" as const].some((field) => !sameValue(olds[field], news[field])), replaces: [] };
  },

  async create(ctx, inputs) {
    const body: Record<string, unknown> = { name: inputs.name };
    if (inputs.region !== undefined) body.region = inputs.region;
    const before = await namesakes(ctx, inputs.name);
    if (before.length > 0 && inputs.adoptExisting !== true) throw existingGroupsError(inputs.name, before);
    if (before.length > 1) {
      throw new GraphConnectorsError(
        `adoptExisting cannot tell which of ${before.length} connector groups named '${inputs.name}' to take over ` +
          `(ids ${before.map((group) => group.id).join(", ")}): import the one you mean (\`pulumi import ${IMPORT_TOKEN} <resource name> <id>\`, native provider) or rename the others`,
      );
    }
    const group =
      before.length === 1 ? await adopt(ctx, before[0], inputs) : await postOnce(ctx, body, new Set(before.map((group) => group.id)));
    return { id: group.id, outs: outputsFrom(inputs, group) };
  },

  async read(ctx, id, props) {
    const group = await getConnectorGroup(ctx, id);
    return group ? { id, props: outputsFrom(props, group) } : { id: undefined };
  },

  async update(ctx, id, olds, news) {
    const patch: Record<string, unknown> = {};
    for (const field of FIELDS) if (news[field] !== undefined && !sameValue(olds[field], news[field])) patch[field] = news[field];
    const group = Object.keys(patch).length > 0 ? await updateConnectorGroup(ctx, id, patch) : await getConnectorGroup(ctx, id);
    if (!group) throw new GraphConnectorsError(`connector group '${news.name}' (${id}) no longer exists; run \`pulumi refresh\``);
    return { outs: outputsFrom(news, group) };
  },

  async importInputs(ctx, id) {
    const group = await getConnectorGroup(ctx, id);
    if (!group) return undefined;
    return { name: String(group.name), ...(typeof group.region === "string" ? { region: group.region } : {}) };
  },

  /** Deletes the group whose id this stack's state holds: one it created, adopted or imported, never a namesake. */
  async delete(ctx, id, props) {
    try {
      await unlessNotFound(() => ctx.graph.request("DELETE", "beta", connectorGroupPath(id)));
    } catch (error) {
      // The status of Graph's refusal is not documented: any refusal (a 4xx but throttling) is looked into.
      if (!isGraphError(error) || error.status >= 500 || error.status === 429) throw error;
      throw await refusedDelete(ctx, id, props.name, error);
    }
  },
};
