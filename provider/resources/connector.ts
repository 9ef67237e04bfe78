import type { dynamic } from "@pulumi/pulumi";
import { isGraphError } from "../graph/errors";
import { CONNECTOR_FIELDS, connectorProblems } from "../model/connector";
import { ResourceHandler, failure } from "./contract";
import { unlessNotFound } from "./operations";
import { containsUnknown, plainOutputs, sameValue, withoutProviderKey } from "./values";

export interface ConnectorInputs {
  /** The machine the connector agent runs on. */
  machineName: string;
  /** The public IP the agent is seen from. */
  externalIp?: string;
  /** @default "active" */
  status?: "active" | "inactive";
}

export interface ConnectorOutputs extends ConnectorInputs {
  /** The agent version Graph reports. */
  version?: string;
}

const PATH = "/onPremisesPublishingProfiles/applicationProxy/connectors";

function explain(error: unknown): never {
  // Real tenants install connectors on-premises; Graph documents no create, so say so instead of a bare 400.
  if (isGraphError(error) && [400, 404, 405].includes(error.status)) {
    throw new Error(`${error.message}. The beta connector API registers Application Proxy agents; Microsoft Graph only lets you create them ` +
      "through the documented stub (the emulator serves it). On a real tenant install the connector agent on-premises instead.");
  }
  throw error;
}

/** The beta `connector` object (Entra Application Proxy connector), under /beta/onPremisesPublishingProfiles. */
export const connectorHandler: ResourceHandler<ConnectorInputs, ConnectorOutputs> = {
  check(_olds, news): dynamic.CheckResult<ConnectorInputs> {
    const inputs = withoutProviderKey(news);
    const known = Object.fromEntries(Object.entries(inputs).filter(([, value]) => !containsUnknown(value)));
    const failures = connectorProblems(known, !containsUnknown(inputs.machineName)).map((problem) => failure(problem.path, problem.reason));
    return failures.length > 0 ? { failures } : { inputs: inputs as unknown as ConnectorInputs };
  },

  diff(_id, olds, news) {
    const changed = CONNECTOR_FIELDS.some((field) => !sameValue(olds[field], news[field]));
    return { changes: changed, replaces: [] };
  },

  async create(ctx, inputs) {
    const body: Record<string, unknown> = {};
    for (const field of CONNECTOR_FIELDS) if (inputs[field] !== undefined) body[field] = inputs[field];
    const response = await ctx.graph.request("POST", "beta", PATH, body).catch(explain);
    const created = response.body as { id: string; version?: string; status?: string };
    return { id: created.id, outs: plainOutputs({ ...inputs, version: created.version }) };
  },

  async read(ctx, id, props) {
    const response = await unlessNotFound(() => ctx.graph.request("GET", "beta", `${PATH}/${encodeURIComponent(id)}`));
    if (!response) return { id: undefined };
    const actual = response.body as Record<string, unknown>;
    const outs: ConnectorOutputs = { ...props, version: actual.version as string | undefined };
    for (const field of CONNECTOR_FIELDS) if (props[field] !== undefined) (outs as unknown as Record<string, unknown>)[field] = actual[field] ?? undefined;
    return { id, props: plainOutputs(outs) };
  },

  async update(ctx, id, olds, news) {
    const patch: Record<string, unknown> = {};
    for (const field of CONNECTOR_FIELDS) if (news[field] !== undefined && !sameValue(olds[field], news[field])) patch[field] = news[field];
    if (Object.keys(patch).length > 0) await ctx.graph.request("PATCH", "beta", `${PATH}/${encodeURIComponent(id)}`, patch).catch(explain);
    return { outs: plainOutputs({ ...news, version: olds.version }) };
  },

  async delete(ctx, id) {
    await unlessNotFound(() => ctx.graph.request("DELETE", "beta", `${PATH}/${encodeURIComponent(id)}`));
  },
};
