import { randomUUID } from "node:crypto";
import { isIP } from "node:net";
import { EmulatorContext } from "../context";
import { errors } from "../graphErrors";
import { EmulatorRequest, EmulatorResponse, Route, route } from "../http";
import { ConnectorRecord } from "../store";

const BASE = "/onPremisesPublishingProfiles/applicationProxy/connectors";
const STATUSES = ["active", "inactive"];

function connectorProblem(body: Record<string, unknown>, creating: boolean): string | undefined {
  const refused = Object.keys(body).find((field) => !["machineName", "externalIp", "status"].includes(field));
  if (refused) return `Property '${refused}' cannot be set.`;
  if ((creating || "machineName" in body) && (typeof body.machineName !== "string" || body.machineName.trim() === "" || body.machineName.length > 255)) {
    return "machineName must be 1-255 characters.";
  }
  if (body.externalIp !== undefined && body.externalIp !== null && (typeof body.externalIp !== "string" || isIP(body.externalIp) === 0)) {
    return "externalIp must be an IPv4 or IPv6 address.";
  }
  if (body.status !== undefined && !STATUSES.includes(body.status as string)) return "status must be active or inactive.";
  return undefined;
}

/**
 * The beta `connector` (an Application Proxy connector agent). Real Graph only lists and reads them, as they
 * are installed on-premises; create/update/delete here follow the TODO doc stub (graph-api.md section 5).
 */
export function connectorRoutes(ctx: EmulatorContext): Route[] {
  const beta: Array<"beta"> = ["beta"];
  const withConnector = (handler: (connector: ConnectorRecord, request: EmulatorRequest) => EmulatorResponse) =>
    (request: EmulatorRequest, { connectorId }: Record<string, string>): EmulatorResponse => {
      const connector = ctx.store.connectors.get(connectorId);
      return connector ? handler(connector, request) : errors.notFound(`Connector '${connectorId}'`);
    };
  return [
    route("POST", BASE, (request) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const problem = connectorProblem(body, true);
      if (problem) return errors.invalidRequest(problem);
      const connector: ConnectorRecord = {
        id: randomUUID(),
        machineName: body.machineName as string,
        externalIp: (body.externalIp as string | undefined) ?? undefined,
        status: (body.status as ConnectorRecord["status"] | undefined) ?? "active",
        version: "1.5.3437.0",
      };
      ctx.store.connectors.set(connector.id, connector);
      return { status: 201, body: connector };
    }, beta),
    route("GET", BASE, () => ({ status: 200, body: { value: [...ctx.store.connectors.values()] } }), beta),
    route("GET", `${BASE}/{connectorId}`, withConnector((connector) => ({ status: 200, body: connector })), beta),
    route("PATCH", `${BASE}/{connectorId}`, withConnector((connector, request) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const problem = connectorProblem(body, false);
      if (problem) return errors.invalidRequest(problem);
      Object.assign(connector, body);
      return { status: 204 };
    }), beta),
    route("DELETE", `${BASE}/{connectorId}`, (_request, { connectorId }) =>
      ctx.store.connectors.delete(connectorId) ? { status: 204 } : errors.notFound(`Connector '${connectorId}'`), beta),
  ];
}
