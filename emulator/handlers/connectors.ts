import { randomUUID } from "node:crypto";
import { CONNECTOR_FIELDS, connectorProblems } from "../../provider/model/connector";
import { EmulatorContext } from "../context";
import { errors } from "../graphErrors";
import { EmulatorRequest, EmulatorResponse, Route, route } from "../http";
import { ConnectorRecord } from "../store";

const BASE = "/onPremisesPublishingProfiles/applicationProxy/connectors";

function connectorProblem(body: Record<string, unknown>, creating: boolean): string | undefined {
  const refused = Object.keys(body).find((field) => !CONNECTOR_FIELDS.includes(field as never));
  if (refused) return `Property '${refused}' cannot be set.`;
  const problem = connectorProblems(body, creating)[0];
  return problem ? `${problem.reason}.` : undefined;
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
