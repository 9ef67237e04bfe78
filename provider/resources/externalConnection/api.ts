/**
 * Every Graph call of an ExternalConnection: the connection and its schema, in the API version the desired
 * state needs. Each carries `Prefer: include-unknown-enum-members`: labels such as `iconUrl`, `tags` and the
 * `person*` labels, and the types `principal`/`principalCollection`, come after `unknownFutureValue` in their
 * enums, so without the preference Graph reads them back as `unknownFutureValue` (a refresh would see drift
 * and re-register the schema) and refuses writes that use them (model/enums.ts).
 */
import { isGraphError } from "../../graph/errors";
import { GraphResponse, HttpMethod, RequestObserver } from "../../graph/request";
import { ApiVersion } from "../../../model/apiVersion";
import { connectionPath, connectionQuotaPath, CONNECTIONS_PATH } from "../../../model/connection";
import { INCLUDE_UNKNOWN_ENUM_MEMBERS } from "../../../model/enums";
import { canonicalSchema, ConnectionSchema, schemaApiVersion, schemaPath } from "../../../model/schema";
import { ProviderContext } from "../../runtime";
import { unlessNotFound, waitFor } from "../operations";
import { GraphConnectorsError } from "../../errors";

export const DEFAULT_SCHEMA_TIMEOUT_SECONDS = 1800;

export type GraphConnection = Record<string, unknown> & { state?: string };

function request(ctx: ProviderContext, method: HttpMethod, version: ApiVersion, path: string, body?: unknown,
  options: { prefer?: string[]; observer?: RequestObserver } = {}): Promise<GraphResponse> {
  const prefer = [...(options.prefer ?? []), INCLUDE_UNKNOWN_ENUM_MEMBERS].join(", ");
  return ctx.graph.request(method, version, path, body, { headers: { prefer }, observer: options.observer });
}

export function createConnection(ctx: ProviderContext, version: ApiVersion, body: Record<string, unknown>, observer: RequestObserver): Promise<GraphResponse> {
  return request(ctx, "POST", version, CONNECTIONS_PATH, body, { observer });
}

export async function getConnection(ctx: ProviderContext, connectionId: string, version: ApiVersion = "v1.0"): Promise<GraphConnection | undefined> {
  const response = await unlessNotFound(() => request(ctx, "GET", version, connectionPath(connectionId)));
  return response?.body as GraphConnection | undefined;
}

export async function patchConnection(ctx: ProviderContext, connectionId: string, version: ApiVersion, patch: Record<string, unknown>): Promise<void> {
  await request(ctx, "PATCH", version, connectionPath(connectionId), patch);
}

/** DELETE answers 202 (asynchronous); undefined when the connection was already gone. */
export function deleteConnection(ctx: ProviderContext, connectionId: string): Promise<GraphResponse | undefined> {
  return unlessNotFound(() => request(ctx, "DELETE", "v1.0", connectionPath(connectionId)));
}

/** The registered (or provisioning) schema, or undefined when the connection has none. Read through `version`
 *  so beta-only fields (isExactMatchRequired, rankingHint) come back when the schema uses them. */
export async function readSchema(ctx: ProviderContext, connectionId: string, version: ApiVersion = "v1.0"): Promise<ConnectionSchema | undefined> {
  const response = await unlessNotFound(() => request(ctx, "GET", version, schemaPath(connectionId)));
  return response ? canonicalSchema(response.body) : undefined;
}

/**
 * Registers a schema (PATCH, 202 + Location) through the version it needs and waits for its operation to
 * finish, logging progress; the real service takes 5-15 minutes. A failed operation throws with the service's
 * error message. The canonical schema holds only the fields its version declares (property is a closed type).
 */
export async function registerSchema(ctx: ProviderContext, connectionId: string, schema: ConnectionSchema, timeoutSeconds = DEFAULT_SCHEMA_TIMEOUT_SECONDS): Promise<void> {
  const version = schemaApiVersion(schema);
  const submit = () => request(ctx, "PATCH", version, schemaPath(connectionId), schema, { prefer: ["respond-async"] });
  // A 409 means an earlier schema operation is still running (e.g. a CI job was cancelled while waiting);
  // its Location is lost, so re-submit until Graph accepts ours.
  const response = await waitFor(ctx, `the running schema operation of connection '${connectionId}' to finish`, async (): Promise<GraphResponse | undefined> => {
    try {
      return await submit();
    } catch (error) {
      if (isGraphError(error, 409)) return undefined;
      throw error;
    }
  }, { timeoutMs: timeoutSeconds * 1000 });
  const location = response.headers.location;
  if (response.status !== 202 || !location) return; // registered synchronously
  ctx.progress(`connection '${connectionId}': schema of ${schema.properties.length} properties submitted; waiting for the operation`);
  const operationUrl = ctx.graph.followUrl(location);
  // "It can take between 5 and 15 minutes for the schema to be created" (externalconnection-patch-schema):
  // asking at once would only spend a request.
  await waitFor(ctx, `the schema of connection '${connectionId}'`, async () => {
    const operation = await ctx.graph.requestUrl("GET", operationUrl);
    const body = (operation.body ?? {}) as { status?: string; error?: { code?: string; message?: string } };
    if (body.status === "completed") return true;
    if (body.status === "failed") {
      throw new GraphConnectorsError(`the schema operation of connection '${connectionId}' failed: ${body.error?.message ?? body.error?.code ?? "no reason given"}`);
    }
    return undefined;
  }, { timeoutMs: timeoutSeconds * 1000, probeAtOnce: false });
  ctx.progress(`connection '${connectionId}': schema registered`);
}

export interface ConnectionUsage {
  /** Beta `ingestedItemsCount`; undefined while Graph reports none. */
  ingestedItemsCount?: number;
  /** Beta `quota.itemsRemaining`. */
  itemsRemaining?: number;
}

/** What beta reports of a connection's use: two GETs, each undefined where Graph answers 404. */
export async function readUsage(ctx: ProviderContext, connectionId: string): Promise<ConnectionUsage> {
  const connection = (await unlessNotFound(() => request(ctx, "GET", "beta", connectionPath(connectionId))))?.body as { ingestedItemsCount?: number | null } | undefined;
  const quota = (await unlessNotFound(() => request(ctx, "GET", "beta", connectionQuotaPath(connectionId))))?.body as { itemsRemaining?: number } | undefined;
  return { ingestedItemsCount: connection?.ingestedItemsCount ?? undefined, itemsRemaining: quota?.itemsRemaining };
}
