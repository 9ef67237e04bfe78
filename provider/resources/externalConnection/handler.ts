import type { dynamic } from "@pulumi/pulumi";
import { breakingSchemaChanges, canonicalSchema, ConnectionSchema, sameSchema, withoutServerAddedAliases } from "../../model/schema";
import { ApiVersion } from "../../graph/client";
import { BETA_CONNECTION_FIELDS } from "../../model/connection";
import { ProviderContext } from "../../runtime";
import { ResourceHandler, ResourceInitError } from "../contract";
import { createOrAdopt, unlessNotFound, waitFor } from "../operations";
import { containsUnknown, plainOutputs, sameValue } from "../values";
import { checkExternalConnection } from "./check";
import { normalizeField, sameField } from "./normalize";
import { readSchema, registerSchema } from "./schemaOperations";
import { ExternalConnectionInputs, ExternalConnectionOutputs, MANAGED_FIELDS, UPDATABLE_FIELDS } from "./types";

const DEFAULT_DELETE_TIMEOUT_SECONDS = 600;

type GraphConnection = Record<string, unknown> & { state?: string };

function path(connectionId: string): string {
  return `/external/connections/${encodeURIComponent(connectionId)}`;
}

/** Beta-only fields exist only under /beta, so a connection that sets any is managed there. */
function apiVersion(inputs: Partial<ExternalConnectionInputs>): ApiVersion {
  return BETA_CONNECTION_FIELDS.some((field) => inputs[field] !== undefined) ? "beta" : "v1.0";
}

function desiredSchema(inputs: ExternalConnectionInputs): ConnectionSchema | undefined {
  return inputs.schema === undefined ? undefined : canonicalSchema(inputs.schema);
}

/** The PATCH body that turns `actual` into `desired`, for the fields the program manages. */
function patchFor(desired: ExternalConnectionInputs, actual: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const field of UPDATABLE_FIELDS) {
    if (desired[field] !== undefined && !sameField(field, desired[field], actual[field])) patch[field] = desired[field];
  }
  return patch;
}

async function getConnection(ctx: ProviderContext, connectionId: string, version: ApiVersion = "v1.0"): Promise<GraphConnection | undefined> {
  const response = await unlessNotFound(() => ctx.graph.request("GET", version, path(connectionId)));
  return response?.body as GraphConnection | undefined;
}

/**
 * Applies the schema input to a connection that has `current` registered (or none). A `draft` connection
 * gets the schema submitted and waited for even when GET already shows it: that is a pending operation of
 * an interrupted run, and the connection is not ready for ingestion until an operation completes.
 */
async function reconcileSchema(ctx: ProviderContext, inputs: ExternalConnectionInputs, current: ConnectionSchema | undefined, state: unknown): Promise<void> {
  const schema = desiredSchema(inputs);
  if (!schema || (state !== "draft" && sameSchema(schema, current))) return;
  if (current) {
    const breaking = breakingSchemaChanges(current, schema);
    if (breaking.length > 0) {
      throw new Error(`connection '${inputs.connectionId}' has a registered schema that cannot be changed in place (${breaking.join("; ")}); ` +
        "Graph needs a new connection for this, so delete the existing one or keep its schema compatible");
    }
  }
  await registerSchema(ctx, inputs.connectionId, schema, inputs.schemaTimeoutSeconds);
}

/** Outputs: the inputs, with managed fields as Graph reports them, plus state and the registered schema. */
function outputsFrom(inputs: ExternalConnectionInputs, actual: GraphConnection, schema: ConnectionSchema | undefined): ExternalConnectionOutputs {
  const outs: ExternalConnectionOutputs = { ...inputs, state: String(actual.state ?? "unknown"), schema };
  for (const field of MANAGED_FIELDS) {
    if (inputs[field] !== undefined) (outs as unknown as Record<string, unknown>)[field] = sameField(field, inputs[field], actual[field]) ? inputs[field] : normalizeField(field, actual[field]);
  }
  if (inputs.schema === undefined) delete outs.schema;
  return plainOutputs(outs);
}

/** Outputs after a create or update: once reconciled, the schema is the desired one; only `state` is read. */
async function currentOutputs(ctx: ProviderContext, inputs: ExternalConnectionInputs): Promise<ExternalConnectionOutputs> {
  const actual = await getConnection(ctx, inputs.connectionId, apiVersion(inputs));
  if (!actual) throw new Error(`connection '${inputs.connectionId}' disappeared while it was being configured`);
  return outputsFrom(inputs, actual, desiredSchema(inputs));
}

export const externalConnectionHandler: ResourceHandler<ExternalConnectionInputs, ExternalConnectionOutputs> = {
  check: (_olds, news) => checkExternalConnection(news),

  diff(_id, olds, news): dynamic.DiffResult {
    const replaces: string[] = [];
    if (containsUnknown(news.connectionId) || olds.connectionId !== news.connectionId) replaces.push("connectionId");
    if (containsUnknown(news.connectorId) || !sameValue(olds.connectorId, news.connectorId)) replaces.push("connectorId");
    let schemaChanged = false;
    const next = news.schema === undefined || containsUnknown(news.schema) ? undefined : canonicalSchema(news.schema);
    if (containsUnknown(news.schema)) {
      schemaChanged = true;
    } else if (olds.schema && !next) {
      replaces.push("schema"); // Graph cannot delete a schema
    } else if (next && !sameSchema(olds.schema, next)) {
      schemaChanged = true;
      if (olds.schema && breakingSchemaChanges(olds.schema, next).length > 0) replaces.push("schema");
    }
    const changed = [...UPDATABLE_FIELDS, "adoptExisting", "schemaTimeoutSeconds", "deleteTimeoutSeconds"].some((field) =>
      !sameField(field, (olds as unknown as Record<string, unknown>)[field], (news as unknown as Record<string, unknown>)[field]));
    return {
      changes: replaces.length > 0 || schemaChanged || changed,
      replaces,
      // The id stays the same, so the old connection must be gone before the new one can be created.
      deleteBeforeReplace: replaces.length > 0 && olds.connectionId === news.connectionId,
    };
  },

  async create(ctx, inputs) {
    const id = inputs.connectionId;
    const body: Record<string, unknown> = { id };
    for (const field of MANAGED_FIELDS) if (inputs[field] !== undefined) body[field] = inputs[field];
    const outcome = await createOrAdopt(ctx, `connection '${id}'`, {
      create: (observer) => ctx.graph.request("POST", apiVersion(inputs), "/external/connections", body, { observer }),
      exists: async () => (await getConnection(ctx, id)) !== undefined,
      adoptExisting: inputs.adoptExisting === true,
      conflictHint: "Set adoptExisting: true to manage the existing connection, or choose another connectionId (dynamic providers cannot `pulumi import`).",
    });
    try {
      let state: unknown = "draft";
      if (outcome.adopted) {
        const actual = await getConnection(ctx, id, apiVersion(inputs));
        if (!actual) throw new Error(`connection '${id}' answered 409 but cannot be read`);
        state = actual.state;
        if (inputs.connectorId !== undefined && !sameValue(inputs.connectorId, actual.connectorId)) {
          throw new Error(`connection '${id}' exists with connectorId '${String(actual.connectorId)}', which Graph cannot change to '${inputs.connectorId}'`);
        }
        const patch = patchFor(inputs, actual);
        if (Object.keys(patch).length > 0) {
          ctx.log(`connection '${id}': reconciling ${Object.keys(patch).join(", ")} to the desired state`);
          await ctx.graph.request("PATCH", apiVersion(inputs), path(id), patch);
        }
      }
      await reconcileSchema(ctx, inputs, outcome.adopted && inputs.schema ? await readSchema(ctx, id) : undefined, state);
      // Without a schema nothing changed since the POST answered, so its body is the current state.
      const outs = inputs.schema === undefined && !outcome.adopted && outcome.body
        ? outputsFrom(inputs, outcome.body as GraphConnection, undefined)
        : await currentOutputs(ctx, inputs);
      return { id, outs };
    } catch (error) {
      // Recorded as a partially created resource: the next `pulumi up` updates it instead of orphaning it.
      throw new ResourceInitError(id, plainOutputs({ ...inputs, state: "draft", schema: undefined }), error as Error);
    }
  },

  async read(ctx, id, props) {
    const actual = await getConnection(ctx, id, apiVersion(props));
    if (!actual) return { id: undefined };
    const registered = props.schema === undefined ? undefined : await readSchema(ctx, id);
    // Graph adds aliases of its own (for refinable properties) that the program never declared.
    const schema = registered && withoutServerAddedAliases(registered, props.schema);
    // A schema missing from Graph drops out of the outputs, so the next `pulumi up` registers it again.
    return { id, props: outputsFrom({ ...props, connectionId: id }, actual, schema) };
  },

  async update(ctx, id, olds, news) {
    const version = apiVersion(news);
    const actual = await getConnection(ctx, id, version);
    if (!actual) throw new Error(`connection '${id}' no longer exists; run \`pulumi refresh\` to recreate it`);
    const patch = patchFor(news, actual);
    if (Object.keys(patch).length > 0) await ctx.graph.request("PATCH", version, path(id), patch);
    const current = news.schema === undefined ? undefined : (olds.schema ?? await readSchema(ctx, id));
    await reconcileSchema(ctx, news, current, actual.state);
    return { outs: await currentOutputs(ctx, news) };
  },

  async delete(ctx, id, props) {
    const accepted = await unlessNotFound(() => ctx.graph.request("DELETE", "v1.0", path(id)));
    if (!accepted) return;
    // DELETE answers 202: the connection goes away later, and its id cannot be reused until then.
    await waitFor(ctx, `connection '${id}' to be deleted`, async () => ((await getConnection(ctx, id)) ? undefined : true),
      { timeoutMs: (props.deleteTimeoutSeconds ?? DEFAULT_DELETE_TIMEOUT_SECONDS) * 1000, firstIntervalMs: 500 });
  },
};
