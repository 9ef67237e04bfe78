/**
 * Every Graph call of an ExternalConnection: the connection and its schema, in the API version the desired
 * state needs. Each carries `Prefer: include-unknown-enum-members`: labels such as `iconUrl`, `tags` and the
 * `person*` labels, and the types `principal`/`principalCollection`, come after `unknownFutureValue` in their
 * enums, so without the preference Graph reads them back as `unknownFutureValue` (a refresh would see drift
 * and re-register the schema) and refuses writes that use them (model/enums.ts).
 */
import { GraphError, isGraphError } from "../../graph/errors";
import { GraphResponse, HttpMethod, RequestObserver } from "../../graph/request";
import { ApiVersion } from "../../../model/apiVersion";
import { connectionPath, connectionQuotaPath, CONNECTIONS_PATH } from "../../../model/connection";
import { INCLUDE_UNKNOWN_ENUM_MEMBERS } from "../../../model/enums";
import { canonicalSchema, ConnectionSchema, schemaApiVersion, schemaPath } from "../../../model/schema";
import { ProviderContext } from "../../context";
import { unlessNotFound, waitFor } from "../operations";

export const DEFAULT_SCHEMA_TIMEOUT_SECONDS = 1800;

export type GraphConnection = Record<string, unknown> & { state?: string };

function request(
  ctx: ProviderContext,
  method: HttpMethod,
  version: ApiVersion,
  path: string,
  body?: unknown,
  options: { prefer?: string[]; observer?: RequestObserver } = {},
): Promise<GraphResponse> {
  const prefer = [...(options.prefer ?? []), INCLUDE_UNKNOWN_ENUM_MEMBERS].join(", ");
  return ctx.graph.request(method, version, path, body, { headers: { prefer }, observer: options.observer });
}

export function createConnection(
  ctx: ProviderContext,
  version: ApiVersion,
  body: Record<string, unknown>,
  observer: RequestObserver,
): Promise<GraphResponse> {
  return request(ctx, "POST", version, CONNECTIONS_PATH, body, { observer });
}

export async function getConnection(
  ctx: ProviderContext,
  connectionId: string,
  version: ApiVersion = "v1.0",
): Promise<GraphConnection | undefined> {
  const response = await unlessNotFound(() => request(ctx, "GET", version, connectionPath(connectionId)));
  return response?.body as GraphConnection | undefined;
}

export async function patchConnection(
  ctx: ProviderContext,
  connectionId: string,
  version: ApiVersion,
  patch: Record<string, unknown>,
): Promise<void> {
  await request(ctx, "PATCH", version, connectionPath(connectionId), patch);
}

/**
 * Asks Graph to delete the connection: 202, and it goes away later. Only GET can tell whether the connection is
 * going, so the DELETE's answer decides little: undefined when Graph accepted it or answered 404 (gone, or a
 * repeat while it is still visible); any other refusal is returned, not thrown, unless it is about the caller's
 * sign-in or permissions (401, 403). A DELETE that meets a deletion already in progress is refused that way
 * ("this operation is already in progress", model/errors.ts OPERATION_IN_PROGRESS, its status undocumented).
 */
export async function deleteConnection(ctx: ProviderContext, connectionId: string): Promise<GraphError | undefined> {
  try {
    await request(ctx, "DELETE", "v1.0", connectionPath(connectionId));
    return undefined;
  } catch (error) {
    if (isGraphError(error, 404)) return undefined;
    if (isGraphError(error) && error.status !== 401 && error.status !== 403) return error;
    throw error;
  }
}

/** The registered (or provisioning) schema, or undefined when the connection has none. Read through `version`
 *  so beta-only fields (isExactMatchRequired, rankingHint) come back when the schema uses them. */
export async function readSchema(
  ctx: ProviderContext,
  connectionId: string,
  version: ApiVersion = "v1.0",
): Promise<ConnectionSchema | undefined> {
  const response = await unlessNotFound(() => request(ctx, "GET", version, schemaPath(connectionId)));
  return response ? canonicalSchema(response.body) : undefined;
}

/** How long Graph takes: "It can take between 5 and 15 minutes for the schema to be created" (externalconnection-patch-schema). */
const SCHEMA_TAKES = "Graph takes 5 to 15 minutes for a schema";

/**
 * Submits a schema (PATCH, 202 + Location) through the version it needs: the Location of the operation Graph
 * started, or undefined when there is nothing to wait for (registered at once, or `registeredMeanwhile`).
 * The canonical schema holds only the fields its version declares (property is a closed type).
 *
 * While another schema operation runs, Graph refuses the submission (409, model/errors.ts). That operation is
 * one whose Location this provider lost (a run killed while waiting, state from an earlier release), so the
 * submission is repeated until Graph takes it, unless `registeredMeanwhile` finds that the running operation
 * has registered this very schema: then it is not submitted a second time.
 */
export async function submitSchema(
  ctx: ProviderContext,
  connectionId: string,
  schema: ConnectionSchema,
  options: { timeoutSeconds: number; registeredMeanwhile?: () => Promise<boolean> },
): Promise<string | undefined> {
  const version = schemaApiVersion(schema);
  const submit = () => request(ctx, "PATCH", version, schemaPath(connectionId), schema, { prefer: ["respond-async"] });
  let refused = false;
  const response = await waitFor(
    ctx,
    `the running schema operation of connection '${connectionId}' to finish`,
    async (): Promise<GraphResponse | "registered" | undefined> => {
      // Looked at before submitting again: once the running operation ends, Graph would take a second one.
      if (refused && (await options.registeredMeanwhile?.())) return "registered";
      try {
        return await submit();
      } catch (error) {
        if (!isGraphError(error, 409)) throw error;
        refused = true;
        return undefined;
      }
    },
    {
      timeoutMs: options.timeoutSeconds * 1000,
      afterTimeout:
        `Graph is running a schema operation this provider did not start or lost track of, and refuses another one meanwhile; ${SCHEMA_TAKES}. ` +
        "The next `pulumi up` waits for it again, and submits the program's schema only if it is not the one that operation registered",
    },
  );
  if (response === "registered") {
    ctx.log(`connection '${connectionId}': the schema operation that was running registered the declared schema; nothing to submit`);
    return undefined;
  }
  const location = response.headers.location;
  if (response.status !== 202 || !location) return undefined; // registered synchronously
  ctx.progress(`connection '${connectionId}': schema of ${schema.properties.length} properties submitted; waiting for the operation`);
  return location;
}

/** How a schema operation ended (connectionoperation-get); `unknown` when Graph no longer knows it (404). */
export type SchemaOperationOutcome = { status: "completed" } | { status: "failed"; reason: string } | { status: "unknown" };

/** A schema operation as Graph reports it now: `inprogress` (or another status while it runs) or how it ended. */
export async function schemaOperationStatus(
  ctx: ProviderContext,
  operationUrl: string,
): Promise<SchemaOperationOutcome | { status: "running" }> {
  const response = await unlessNotFound(() => ctx.graph.requestUrl("GET", ctx.graph.followUrl(operationUrl)));
  if (!response) return { status: "unknown" };
  const body = (response.body ?? {}) as { status?: string; error?: { code?: string; message?: string } };
  if (body.status === "completed") return { status: "completed" };
  if (body.status === "failed") return { status: "failed", reason: body.error?.message ?? body.error?.code ?? "no reason given" };
  return { status: "running" };
}

/**
 * Waits for the schema operation at `operationUrl` (its Location) to end, logging progress, and says how it
 * ended. After `timeoutSeconds` it throws, saying what the next run does: the caller records the operation in
 * the state, and the next `pulumi up` waits for that same operation instead of submitting the schema again.
 */
export async function waitForSchemaOperation(
  ctx: ProviderContext,
  connectionId: string,
  operationUrl: string,
  timeoutSeconds: number,
  options: { probeAtOnce: boolean },
): Promise<SchemaOperationOutcome> {
  return waitFor(
    ctx,
    `the schema of connection '${connectionId}'`,
    async () => {
      const outcome = await schemaOperationStatus(ctx, operationUrl);
      return outcome.status === "running" ? undefined : outcome;
    },
    {
      timeoutMs: timeoutSeconds * 1000,
      // A fresh operation takes minutes: asking at once would only spend a request.
      probeAtOnce: options.probeAtOnce,
      afterTimeout:
        `Graph is still provisioning it (operation ${operationUrl}, recorded in the state). The next \`pulumi up\` waits for this operation ` +
        `instead of submitting the schema again, and submits the program's schema only if it differs from what the operation registered. ${SCHEMA_TAKES}: ` +
        `schemaTimeoutSeconds (now ${timeoutSeconds}) should allow for that`,
    },
  );
}

export interface ConnectionUsage {
  /** Beta `ingestedItemsCount`; undefined while Graph reports none. */
  ingestedItemsCount?: number;
  /** Beta `quota.itemsRemaining`. */
  itemsRemaining?: number;
}

/** What beta reports of a connection's use: two GETs, each undefined where Graph answers 404. */
export async function readUsage(ctx: ProviderContext, connectionId: string): Promise<ConnectionUsage> {
  const connection = (await unlessNotFound(() => request(ctx, "GET", "beta", connectionPath(connectionId))))?.body as
    { ingestedItemsCount?: number | null } | undefined;
  const quota = (await unlessNotFound(() => request(ctx, "GET", "beta", connectionQuotaPath(connectionId))))?.body as
    { itemsRemaining?: number } | undefined;
  return { ingestedItemsCount: connection?.ingestedItemsCount ?? undefined, itemsRemaining: quota?.itemsRemaining };
}
