import { ControlError } from "./controlError";
import { graphError } from "./graphErrors";
import { EmulatorResponse } from "./http";
import type { GraphEmulator } from "./server";

/**
 * The emulator's test-control API under `/_emulator/`, for tests and tools in another process (e.g. a Pulumi
 * program's provider plugin): each route calls the emulator's control method of the same name (server.ts), as
 * tests in the emulator's own process do. Faults, the request log, request and operation counts, schema
 * failures, timings, the clock, latency, state, installing Application Proxy connector agents (which Graph itself
 * cannot create) and changes they report, publishing applications through a connector group (the emulator models
 * no applications), and what Graph changes of a connection on its own.
 * Open on loopback; bound to any other address it requires the emulator's admin bearer token (server.ts).
 * A malformed body or an invalid rule is refused with 400, so a mistake never turns into later 500s.
 */
export function adminRequest(emulator: GraphEmulator, method: string, path: string, text: string): EmulatorResponse {
  let body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- a control request's JSON body; each route reads the fields it takes
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    return graphError(400, "invalidRequest", "The request body is not valid JSON.");
  }
  try {
    return route(emulator, method, path, body);
  } catch (error) {
    if (error instanceof ControlError) return graphError(400, "invalidRequest", error.message);
    throw error;
  }
}

const NO_CONTENT: EmulatorResponse = { status: 204 };

/** `/_emulator/<collection>/<id>`: the id, decoded. */
function idIn(path: string, collection: string): string | undefined {
  const match = new RegExp(`^/_emulator/${collection}/([^/]+)$`).exec(path);
  return match ? decodeURIComponent(match[1]) : undefined;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the parsed JSON body; each case reads the fields it takes
function route(emulator: GraphEmulator, method: string, path: string, body: any): EmulatorResponse {
  switch (`${method} ${path}`) {
    case "GET /_emulator/requests":
      return { status: 200, body: emulator.requests() };
    case "DELETE /_emulator/requests":
      emulator.clearRequests();
      return NO_CONTENT;
    case "GET /_emulator/stats":
      return { status: 200, body: emulator.stats() };
    case "DELETE /_emulator/stats":
      emulator.resetStats();
      return NO_CONTENT;
    case "POST /_emulator/faults":
      emulator.addFaults(...(Array.isArray(body) ? body : [body]));
      return NO_CONTENT;
    case "DELETE /_emulator/faults":
      emulator.clearFaults();
      return NO_CONTENT;
    case "POST /_emulator/schema-failures":
      emulator.failSchemaOperations(body?.times ?? 1, body?.message);
      return NO_CONTENT;
    case "POST /_emulator/timings":
      emulator.setTimings({ schemaProvisioningMs: numberOr(body?.schemaProvisioningMs), deletionMs: numberOr(body?.deletionMs) });
      return NO_CONTENT;
    case "POST /_emulator/clock":
      emulator.advanceClock(Number(body?.advanceMs ?? 0));
      return NO_CONTENT;
    case "POST /_emulator/latency":
      emulator.setLatency(Number(body?.latencyMs ?? 0));
      return NO_CONTENT;
    case "GET /_emulator/state":
      return { status: 200, body: emulator.state() };
    case "POST /_emulator/reset":
      emulator.reset();
      return NO_CONTENT;
    case "POST /_emulator/connectors": {
      if (typeof body?.machineName !== "string" || body.machineName === "")
        return graphError(400, "invalidRequest", "machineName is required.");
      return { status: 201, body: emulator.installConnector(body) };
    }
    case "POST /_emulator/applications": {
      if (typeof body?.displayName !== "string" || body.displayName === "")
        return graphError(400, "invalidRequest", "displayName is required.");
      if (!emulator.store.connectorGroups.has(body?.connectorGroupId))
        return graphError(400, "invalidRequest", "connectorGroupId must name an existing connector group.");
      return { status: 201, body: emulator.publishApplication({ displayName: body.displayName, connectorGroupId: body.connectorGroupId }) };
    }
  }
  const connector = idIn(path, "connectors");
  if (method === "PATCH" && connector)
    return { status: 200, body: emulator.changeConnector(connector, { status: body?.status, groupId: body?.groupId }) };
  const application = idIn(path, "applications");
  if (method === "DELETE" && application) {
    emulator.unpublishApplication(application);
    return NO_CONTENT;
  }
  const connection = idIn(path, "connections");
  if (method === "PATCH" && connection) {
    emulator.changeConnection(connection, body ?? {});
    return NO_CONTENT;
  }
  return graphError(404, "notFound", `No admin route ${method} ${path}.`);
}

/** A timing given in the body, or none (kept as it is). */
function numberOr(value: unknown): number | undefined {
  return typeof value === "number" && value >= 0 ? value : undefined;
}
