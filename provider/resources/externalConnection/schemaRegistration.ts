/**
 * Bringing a connection's schema to the declared one across runs. Graph takes 5-15 minutes for a schema
 * (externalconnection-patch-schema), often longer than a run waits (`schemaTimeoutSeconds`). A run that stops
 * waiting records the operation's Location in the state (`schemaOperation`), and the next run waits for that
 * operation instead of submitting the schema again, which would start an operation as long as the first.
 * Only a schema that differs from what Graph then holds is submitted.
 */
import { ApiVersion } from "../../../model/apiVersion";
import {
  breakingSchemaChanges,
  canonicalSchema,
  ConnectionSchema,
  sameSchema,
  schemaApiVersion,
  withoutServerAddedAliases,
} from "../../../model/schema";
import { GraphConnectorsError } from "../../errors";
import { ProviderContext } from "../../context";
import {
  DEFAULT_SCHEMA_TIMEOUT_SECONDS,
  getConnection,
  GraphConnection,
  readSchema,
  schemaOperationStatus,
  submitSchema,
  waitForSchemaOperation,
} from "./api";
import { ExternalConnectionInputs } from "./types";

/**
 * What Graph is known to hold while a create or update runs: the connection's fields and state, the
 * registered schema (undefined once a submission went out and has not been seen to finish), and the Location
 * of a schema operation still running that no wait has seen end.
 */
export interface KnownConnection {
  actual: GraphConnection;
  schema: ConnectionSchema | undefined;
  operation?: string;
}

export function desiredSchema(inputs: Partial<ExternalConnectionInputs>): ConnectionSchema | undefined {
  return inputs.schema === undefined ? undefined : canonicalSchema(inputs.schema);
}

/** The version a connection's schema is registered and read through. */
export function schemaVersion(inputs: Partial<ExternalConnectionInputs>): ApiVersion {
  const schema = desiredSchema(inputs);
  return schema ? schemaApiVersion(schema) : "v1.0";
}

/** Whether Graph holds `schema` as registered (aliases Graph added on its own aside). */
export function holdsSchema(registered: ConnectionSchema | undefined, schema: ConnectionSchema): boolean {
  return registered !== undefined && sameSchema(schema, withoutServerAddedAliases(registered, schema));
}

/**
 * The schema to submit to a connection that has `current` registered (or none), if any. A `draft` connection
 * gets the schema submitted and waited for even when GET already shows it: GET shows a schema while its
 * operation still runs (msgraph-metadata#438), and the connection is not ready for ingestion until an
 * operation completes. So does one whose state lost track of its schema (`unsettled`: a submission whose
 * answer or wait was lost, with no operation recorded).
 */
function schemaToRegister(
  inputs: ExternalConnectionInputs,
  current: ConnectionSchema | undefined,
  state: unknown,
  unsettled: boolean,
): ConnectionSchema | undefined {
  const schema = desiredSchema(inputs);
  if (!schema || (state !== "draft" && !unsettled && sameSchema(schema, current))) return undefined;
  if (current) {
    const breaking = breakingSchemaChanges(current, schema);
    if (breaking.length > 0) {
      throw new GraphConnectorsError(
        `connection '${inputs.connectionId}' has a registered schema that cannot be changed in place (${breaking.join("; ")}); ` +
          "Graph needs a new connection for this, so delete the existing one or keep its schema compatible",
      );
    }
  }
  return schema;
}

/**
 * Waits for the schema operation an earlier run stopped waiting for, then reads what Graph holds into `known`.
 * Returns false when Graph no longer knows the operation: what GET shows may then be a schema still provisioning.
 */
async function awaitRecordedOperation(
  ctx: ProviderContext,
  inputs: ExternalConnectionInputs,
  known: KnownConnection,
  timeoutSeconds: number,
): Promise<boolean> {
  const id = inputs.connectionId;
  ctx.log(
    `connection '${id}': waiting for the schema operation an earlier run left running (${known.operation}) instead of submitting the schema again`,
  );
  const outcome = await waitForSchemaOperation(ctx, id, known.operation!, timeoutSeconds, { probeAtOnce: true });
  if (outcome.status === "failed")
    ctx.log(`connection '${id}': that schema operation failed (${outcome.reason}); submitting the schema again`);
  if (outcome.status === "unknown") ctx.log(`connection '${id}': Graph no longer knows that schema operation; reading the schema it holds`);
  known.operation = undefined;
  known.actual = (await getConnection(ctx, id)) ?? known.actual;
  known.schema = await readSchema(ctx, id, schemaVersion(inputs));
  return outcome.status !== "unknown";
}

/**
 * Brings Graph's schema to the declared one, waiting for each operation to end; `known` says what Graph holds
 * at every point, so a failure records the truth. An operation recorded by an earlier run is waited for first.
 * `unsettled`: the state lost track of the schema, so it is read rather than trusted.
 */
export async function registerDeclaredSchema(
  ctx: ProviderContext,
  inputs: ExternalConnectionInputs,
  known: KnownConnection,
  unsettled: boolean,
): Promise<void> {
  const declared = desiredSchema(inputs);
  if (!declared) return;
  const id = inputs.connectionId;
  const timeoutSeconds = inputs.schemaTimeoutSeconds ?? DEFAULT_SCHEMA_TIMEOUT_SECONDS;
  let lostTrack = unsettled;
  if (known.operation) lostTrack = !(await awaitRecordedOperation(ctx, inputs, known, timeoutSeconds));
  else if (unsettled) known.schema = await readSchema(ctx, id, schemaVersion(inputs));
  const schema = schemaToRegister(inputs, known.schema, known.actual.state, lostTrack);
  if (!schema) return;
  known.schema = undefined;
  // Only a draft connection shows, by turning ready, that an operation this provider lost track of has ended.
  const registeredMeanwhile =
    known.actual.state === "draft"
      ? async () =>
          (await getConnection(ctx, id))?.state === "ready" && holdsSchema(await readSchema(ctx, id, schemaApiVersion(schema)), schema)
      : undefined;
  known.operation = await submitSchema(ctx, id, schema, { timeoutSeconds, registeredMeanwhile });
  if (!known.operation) return;
  const outcome = await waitForSchemaOperation(ctx, id, known.operation, timeoutSeconds, { probeAtOnce: false });
  known.operation = undefined;
  if (outcome.status === "failed") throw new GraphConnectorsError(`the schema operation of connection '${id}' failed: ${outcome.reason}`);
  if (outcome.status === "unknown")
    throw new GraphConnectorsError(
      `the schema operation of connection '${id}' is no longer known to Graph; run \`pulumi up\` again to read the schema Graph holds`,
    );
  ctx.progress(`connection '${id}': schema registered`);
}

/**
 * For a refresh of a record that holds a schema operation: the operation's Location while it still runs, so the
 * next `pulumi up` waits for it; undefined once it ended (the schema Graph holds then says the rest).
 */
export async function stillRunning(ctx: ProviderContext, operation: string | undefined): Promise<string | undefined> {
  return operation && (await schemaOperationStatus(ctx, operation)).status === "running" ? operation : undefined;
}
