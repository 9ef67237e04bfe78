import { isGraphError } from "../../graph/errors";
import { GraphResponse } from "../../graph/request";
import { canonicalSchema, ConnectionSchema } from "../../model/schema";
import { ProviderContext } from "../../runtime";
import { unlessNotFound, waitFor } from "../operations";

const DEFAULT_SCHEMA_TIMEOUT_SECONDS = 1800;

function connectionPath(connectionId: string): string {
  return `/external/connections/${encodeURIComponent(connectionId)}`;
}

/** The registered (or provisioning) schema, or undefined when the connection has none. */
export async function readSchema(ctx: ProviderContext, connectionId: string): Promise<ConnectionSchema | undefined> {
  const response = await unlessNotFound(() => ctx.graph.request("GET", "v1.0", `${connectionPath(connectionId)}/schema`));
  return response ? canonicalSchema(response.body) : undefined;
}

/**
 * Registers a schema (PATCH, 202 + Location) and waits for its operation to finish, logging progress; the
 * real service takes 5-15 minutes. A failed operation throws with the service's error message.
 */
export async function registerSchema(ctx: ProviderContext, connectionId: string, schema: ConnectionSchema, timeoutSeconds = DEFAULT_SCHEMA_TIMEOUT_SECONDS): Promise<void> {
  const submit = () => ctx.graph.request("PATCH", "v1.0", `${connectionPath(connectionId)}/schema`, schema, { headers: { prefer: "respond-async" } });
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
  ctx.log(`connection '${connectionId}': schema of ${schema.properties.length} properties submitted; waiting for the operation`);
  const operationUrl = ctx.graph.followUrl(location);
  await waitFor(ctx, `the schema of connection '${connectionId}'`, async () => {
    const operation = await ctx.graph.requestUrl("GET", operationUrl);
    const body = (operation.body ?? {}) as { status?: string; error?: { code?: string; message?: string } };
    if (body.status === "completed") return true;
    if (body.status === "failed") {
      throw new Error(`the schema operation of connection '${connectionId}' failed: ${body.error?.message ?? body.error?.code ?? "no reason given"}`);
    }
    return undefined;
  }, { timeoutMs: timeoutSeconds * 1000 });
  ctx.log(`connection '${connectionId}': schema registered`);
}
