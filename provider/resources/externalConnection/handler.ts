import { ApiVersion } from "../../../model/apiVersion";
import {
  BETA_ONLY_CONNECTION_FIELDS,
  connectionFields,
  CREATE_ONLY_CONNECTION_FIELDS,
  updatableConnectionFields,
} from "../../../model/connection";
import {
  breakingSchemaChanges,
  canonicalSchema,
  ConnectionSchema,
  REPLACE_LOSES_ITEMS,
  sameSchema,
  schemaApiVersion,
  withoutServerAddedAliases,
} from "../../../model/schema";
import { ProviderContext } from "../../context";
import { recordingPartialState, ResourceHandler } from "../contract";
import { createOrAdopt, fieldDifferences, waitFor } from "../operations";
import { containsUnknown, plainOutputs, sameValue } from "../values";
import { createConnection, deleteConnection, getConnection, GraphConnection, patchConnection, readSchema, readUsage } from "./api";
import { desiredSchema, holdsSchema, KnownConnection, registerDeclaredSchema, schemaVersion, stillRunning } from "./schemaRegistration";
import { checkExternalConnection } from "./check";
import { normalizeField, sameField } from "./normalize";
import { ExternalConnectionInputs, ExternalConnectionOutputs, MANAGED_FIELDS } from "./types";
import { GraphConnectorsError } from "../../errors";

const DEFAULT_DELETE_TIMEOUT_SECONDS = 600;
const SETTINGS = ["adoptExisting", "schemaTimeoutSeconds", "deleteTimeoutSeconds", "readiness", "strictReadiness", "reportUsage"] as const;

/**
 * With `reportUsage`, the outputs carry what beta reports of the connection's use: the ingested item count
 * and the items its quota still allows (two more GETs per create, update and refresh, hence opt-in).
 */
async function withUsage(
  ctx: ProviderContext,
  inputs: ExternalConnectionInputs,
  outs: ExternalConnectionOutputs,
): Promise<ExternalConnectionOutputs> {
  if (inputs.reportUsage !== true) return outs;
  return plainOutputs({ ...outs, ...(await readUsage(ctx, inputs.connectionId)) });
}

/** Beta-only fields exist only under /beta, so a connection that sets any is managed there. */
function apiVersion(inputs: Partial<ExternalConnectionInputs>): ApiVersion {
  return BETA_ONLY_CONNECTION_FIELDS.some((field) => (inputs as Record<string, unknown>)[field] !== undefined) ? "beta" : "v1.0";
}

const field = (inputs: Partial<ExternalConnectionInputs>, name: string) => (inputs as Record<string, unknown>)[name];

/** The PATCH body that turns `actual` into `desired`, for the fields the program manages and the version declares. */
function patchFor(desired: ExternalConnectionInputs, actual: Record<string, unknown>, version: ApiVersion): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const name of updatableConnectionFields(version)) {
    if (field(desired, name) !== undefined && !sameField(name, field(desired, name), actual[name])) patch[name] = field(desired, name);
  }
  return patch;
}

/**
 * Outputs: the inputs, with managed fields as Graph reports them, plus state, the registered schema and the
 * Location of a schema operation still running that no wait saw end (the next run waits for it).
 */
function outputsFrom(
  inputs: ExternalConnectionInputs,
  actual: GraphConnection,
  schema: ConnectionSchema | undefined,
  schemaOperation?: string,
): ExternalConnectionOutputs {
  const outs: ExternalConnectionOutputs = { ...inputs, state: String(actual.state ?? "unknown"), schema, schemaOperation };
  for (const name of MANAGED_FIELDS) {
    if (field(inputs, name) !== undefined) {
      (outs as unknown as Record<string, unknown>)[name] = sameField(name, field(inputs, name), actual[name])
        ? field(inputs, name)
        : normalizeField(name, actual[name]);
    }
  }
  if (inputs.schema === undefined) delete outs.schema;
  return plainOutputs(outs);
}

/** A schema as a person would declare it: false flags and empty lists left out (canonicalSchema restores them). */
function minimalSchema(schema: ConnectionSchema): ConnectionSchema {
  const properties = schema.properties.map(
    (property) =>
      Object.fromEntries(
        Object.entries(property).filter(([, value]) => value !== false && !(Array.isArray(value) && value.length === 0)),
      ) as typeof property,
  );
  return { baseType: schema.baseType, properties };
}

/** Outputs after a create or update: once reconciled, the schema is the desired one; only `state` is read. */
async function currentOutputs(ctx: ProviderContext, inputs: ExternalConnectionInputs): Promise<ExternalConnectionOutputs> {
  const actual = await getConnection(ctx, inputs.connectionId, apiVersion(inputs));
  if (!actual) throw new GraphConnectorsError(`connection '${inputs.connectionId}' disappeared while it was being configured`);
  return outputsFrom(inputs, actual, desiredSchema(inputs));
}

/**
 * How an existing connection differs from the program: each declared field, and the schema. A schema still
 * missing is no difference (a run killed before submitting it leaves the connection so); a different one is.
 */
async function connectionDifferences(ctx: ProviderContext, inputs: ExternalConnectionInputs, version: ApiVersion): Promise<string[]> {
  const actual = await getConnection(ctx, inputs.connectionId, version);
  if (!actual) return ["it answered 409 but cannot be read"];
  const differences = fieldDifferences(inputs as unknown as Record<string, unknown>, actual, connectionFields(version), sameField);
  const declared = desiredSchema(inputs);
  const registered = await readSchema(ctx, inputs.connectionId, declared ? schemaApiVersion(declared) : "v1.0");
  if (registered && !declared) differences.push(`it has a schema of ${registered.properties.length} properties, the program declares none`);
  if (registered && declared && !holdsSchema(registered, declared)) {
    const names = (schema: ConnectionSchema) => schema.properties.map((property) => property.name).join(", ");
    differences.push(
      `its schema differs (Graph: ${names(registered)}; the program: ${names(declared)}, with their types, flags, labels and aliases)`,
    );
  }
  return differences;
}

/** Why the connection must be replaced, key by key: Graph cannot change these in place. */
function replacements(olds: ExternalConnectionOutputs, news: ExternalConnectionInputs): Array<{ key: string; why: string }> {
  const reasons: Array<{ key: string; why: string }> = [];
  if (containsUnknown(news.connectionId) || olds.connectionId !== news.connectionId)
    reasons.push({ key: "connectionId", why: "the connection id changes" });
  for (const name of CREATE_ONLY_CONNECTION_FIELDS) {
    if (containsUnknown(field(news, name)) || !sameValue(field(olds, name), field(news, name)))
      reasons.push({ key: name, why: `${name} cannot be updated` });
  }
  if (containsUnknown(news.schema)) return reasons;
  const next = desiredSchema(news);
  if (olds.schema && !next) reasons.push({ key: "schema", why: "Graph cannot delete a registered schema" });
  else if (olds.schema && next) {
    const breaking = breakingSchemaChanges(canonicalSchema(olds.schema), next);
    if (breaking.length > 0) reasons.push({ key: "schema", why: breaking.join("; ") });
  }
  return reasons;
}

export const externalConnectionHandler: ResourceHandler<ExternalConnectionInputs, ExternalConnectionOutputs> = {
  check: (_olds, news) => checkExternalConnection(news),

  diff(_id, olds, news) {
    const replacing = replacements(olds, news);
    const schemaChanged = containsUnknown(news.schema) || !sameSchema(olds.schema, desiredSchema(news));
    const changed = [...MANAGED_FIELDS, ...SETTINGS].some((name) => !sameField(name, field(olds, name), field(news, name)));
    const replaces = [...new Set(replacing.map((reason) => reason.key))];
    const warnings =
      replacing.length === 0
        ? []
        : [
            `connection '${olds.connectionId}' will be replaced (${replacing.map((reason) => reason.why).join("; ")}): ${REPLACE_LOSES_ITEMS}`,
          ];
    return {
      changes: replaces.length > 0 || schemaChanged || changed,
      replaces,
      // The id stays the same, so the old connection must be gone before the new one can be created.
      deleteBeforeReplace: replaces.length > 0 && olds.connectionId === news.connectionId,
      ...(warnings.length > 0 ? { warnings } : {}),
    };
  },

  async create(ctx, inputs) {
    const id = inputs.connectionId;
    const version = apiVersion(inputs);
    const body: Record<string, unknown> = { id };
    for (const name of connectionFields(version)) if (field(inputs, name) !== undefined) body[name] = field(inputs, name);
    const outcome = await createOrAdopt(ctx, `connection '${id}'`, {
      create: (observer) => createConnection(ctx, version, body, observer),
      exists: async () => (await getConnection(ctx, id)) !== undefined,
      adoptExisting: inputs.adoptExisting === true,
      conflictHint:
        "Set adoptExisting: true to manage the existing connection, or choose another connectionId (dynamic providers cannot `pulumi import`).",
      differences: () => connectionDifferences(ctx, inputs, version),
    });
    // Recorded as a partially created resource if a later step fails: the next `pulumi up` updates it
    // instead of orphaning it. Until adoption reads the connection, what the POST sent is what it holds.
    const known: KnownConnection = {
      actual: (outcome.body as GraphConnection | undefined) ?? { ...body, state: "draft" },
      schema: undefined,
    };
    const outs = await recordingPartialState(
      id,
      async () => {
        if (outcome.adopted) {
          const actual = await getConnection(ctx, id, version);
          if (!actual) throw new GraphConnectorsError(`connection '${id}' answered 409 but cannot be read`);
          known.actual = actual;
          if (inputs.connectorId !== undefined && !sameValue(inputs.connectorId, actual.connectorId)) {
            throw new GraphConnectorsError(
              `connection '${id}' exists with connectorId '${String(actual.connectorId)}', which Graph cannot change to '${inputs.connectorId}'`,
            );
          }
          const patch = patchFor(inputs, actual, version);
          if (Object.keys(patch).length > 0) {
            ctx.log(`connection '${id}': reconciling ${Object.keys(patch).join(", ")} to the desired state`);
            await patchConnection(ctx, id, version, patch);
            known.actual = { ...actual, ...patch };
          }
          if (inputs.schema !== undefined) known.schema = await readSchema(ctx, id, schemaVersion(inputs));
        }
        await registerDeclaredSchema(ctx, inputs, known, false);
        // Without a schema nothing changed since the POST answered, so its body is the current state.
        return inputs.schema === undefined && !outcome.adopted && outcome.body
          ? outputsFrom(inputs, outcome.body as GraphConnection, undefined)
          : await currentOutputs(ctx, inputs);
      },
      () => outputsFrom(inputs, known.actual, known.schema, known.operation),
    );
    return { id, outs: await withUsage(ctx, inputs, outs) };
  },

  async read(ctx, id, props) {
    const actual = await getConnection(ctx, id, apiVersion(props));
    if (!actual) return { id: undefined };
    const declared = desiredSchema(props);
    // While a recorded schema operation runs, GET shows the schema it provisions (msgraph-metadata#438): the
    // schema stays unknown and the operation recorded, so the next `pulumi up` waits for it.
    const operation = await stillRunning(ctx, props.schemaOperation);
    const registered = declared === undefined || operation ? undefined : await readSchema(ctx, id, schemaVersion(props));
    // Graph adds aliases of its own (for refinable properties) that the program never declared.
    const schema = registered && withoutServerAddedAliases(registered, declared);
    // A schema missing from Graph drops out of the outputs, so the next `pulumi up` registers it again.
    const inputs = { ...props, connectionId: id };
    return { id, props: await withUsage(ctx, inputs, outputsFrom(inputs, actual, schema, operation)) };
  },

  async update(ctx, id, olds, news) {
    const version = apiVersion(news);
    const actual = await getConnection(ctx, id, version);
    if (!actual) throw new GraphConnectorsError(`connection '${id}' no longer exists; run \`pulumi refresh\` to recreate it`);
    // The recorded schema is what Graph holds unless an earlier run lost track of it (then it is read), or left
    // its operation running (then that operation is waited for).
    const known: KnownConnection = {
      actual,
      schema: olds.schema ? canonicalSchema(olds.schema) : undefined,
      operation: olds.schemaOperation,
    };
    const outs = await recordingPartialState(
      id,
      async () => {
        const patch = patchFor(news, actual, version);
        if (Object.keys(patch).length > 0) {
          await patchConnection(ctx, id, version, patch);
          known.actual = { ...actual, ...patch };
        }
        await registerDeclaredSchema(ctx, news, known, !olds.schema);
        return currentOutputs(ctx, news);
      },
      () => outputsFrom(news, known.actual, known.schema, known.operation),
    );
    return { outs: await withUsage(ctx, news, outs) };
  },

  // Read through v1.0: beta-only settings (complianceSettings, enabledContentExperiences) are not imported.
  async importInputs(ctx, id) {
    const actual = await getConnection(ctx, id);
    if (!actual) return undefined;
    const inputs: Record<string, unknown> = { connectionId: id };
    for (const name of connectionFields("v1.0")) {
      const value = normalizeField(name, actual[name]);
      if (value !== undefined) inputs[name] = name === "configuration" ? actual[name] : value;
    }
    const schema = await readSchema(ctx, id);
    if (schema) inputs.schema = minimalSchema(schema);
    return plainOutputs(inputs) as unknown as ExternalConnectionInputs;
  },

  async delete(ctx, id, props) {
    // DELETE answers 202: the connection goes away later, and its id cannot be reused until then. A run
    // killed while waiting leaves the deletion running, and its repeat is refused (or answered 404) while the
    // connection is still visible, so the wait depends on GET, not on the DELETE's answer.
    const refusal = await deleteConnection(ctx, id);
    if (refusal) {
      ctx.log(
        `connection '${id}': Graph refused its DELETE (${refusal.message}), as it does while a deletion is already in progress ` +
          "(an interrupted destroy or replace leaves one); waiting until Graph no longer shows the connection",
      );
    }
    await waitFor(ctx, `connection '${id}' to be deleted`, async () => ((await getConnection(ctx, id)) ? undefined : true), {
      timeoutMs: (props.deleteTimeoutSeconds ?? DEFAULT_DELETE_TIMEOUT_SECONDS) * 1000,
      firstIntervalMs: 500,
      afterTimeout: refusal
        ? `Graph still shows it and refused its DELETE (${refusal.message}); run \`pulumi destroy\` (or \`up\`) again once Graph's deletion has finished, or raise deleteTimeoutSeconds`
        : "Graph still shows it; raise deleteTimeoutSeconds, or run the command again: the connection is still being deleted, and the next run waits for it",
    });
  },
};
