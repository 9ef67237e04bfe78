import { FaultRuleError } from "./faults";
import { graphError } from "./graphErrors";
import { EmulatorResponse } from "./http";
import type { GraphEmulator } from "./server";

/**
 * The emulator's test-control API under `/_emulator/`, for tests and tools in another process (e.g. a
 * Pulumi program's provider plugin): faults, the request log, request and operation counts, schema failures, the clock, latency, state,
 * installing Application Proxy connector agents (which Graph itself cannot create) and publishing applications
 * through a connector group (the emulator models no applications).
 * Open on loopback; bound to any other address it requires the emulator's admin bearer token (server.ts).
 * A malformed body or an invalid fault rule is refused with 400, so a mistake never turns into later 500s.
 */
export function adminRequest(emulator: GraphEmulator, method: string, path: string, text: string): EmulatorResponse {
  let body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    return graphError(400, "invalidRequest", "The request body is not valid JSON.");
  }
  try {
    return route(emulator, method, path, body);
  } catch (error) {
    if (error instanceof FaultRuleError) return graphError(400, "invalidRequest", error.message);
    throw error;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function route(emulator: GraphEmulator, method: string, path: string, body: any): EmulatorResponse {
  switch (`${method} ${path}`) {
    case "GET /_emulator/requests": return { status: 200, body: emulator.requests };
    case "GET /_emulator/stats": return { status: 200, body: emulator.costs.stats };
    case "DELETE /_emulator/stats": emulator.costs.reset(); return { status: 204 };
    case "DELETE /_emulator/requests": emulator.requests.length = 0; return { status: 204 };
    case "POST /_emulator/faults": emulator.faults.add(...(Array.isArray(body) ? body : [body])); return { status: 204 };
    case "DELETE /_emulator/faults": emulator.faults.clear(); return { status: 204 };
    case "POST /_emulator/schema-failures":
      for (let i = 0; i < (body?.times ?? 1); i++) emulator.store.schemaFailures.push(body?.message ?? "Server error, something went wrong");
      return { status: 204 };
    case "POST /_emulator/clock": emulator.clock.advance(Number(body?.advanceMs ?? 0)); return { status: 204 };
    case "POST /_emulator/latency": emulator.latencyMs = Number(body?.latencyMs ?? 0); return { status: 204 };
    case "GET /_emulator/state": emulator.store.settle(emulator.clock.now()); return { status: 200, body: emulator.store.snapshot() };
    case "POST /_emulator/reset": emulator.reset(); return { status: 204 };
    case "POST /_emulator/connectors": {
      if (typeof body?.machineName !== "string" || body.machineName === "") return graphError(400, "invalidRequest", "machineName is required.");
      return { status: 201, body: emulator.store.installConnector(body) };
    }
    case "POST /_emulator/applications": {
      if (typeof body?.displayName !== "string" || body.displayName === "") return graphError(400, "invalidRequest", "displayName is required.");
      if (!emulator.store.connectorGroups.has(body?.connectorGroupId)) return graphError(400, "invalidRequest", "connectorGroupId must name an existing connector group.");
      return { status: 201, body: emulator.store.publishApplication({ displayName: body.displayName, connectorGroupId: body.connectorGroupId }) };
    }
    default: return graphError(404, "notFound", `No admin route ${method} ${path}.`);
  }
}
