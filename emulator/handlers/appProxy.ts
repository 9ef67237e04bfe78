import { randomUUID } from "node:crypto";
import {
  CONNECTOR_GROUP_TYPE,
  CONNECTOR_GROUP_UPDATE_STATUS,
  CONNECTOR_GROUPS_PATH,
  CONNECTORS_PATH,
  connectorGroupDeleteProblem,
  connectorGroupPath,
  connectorGroupProblem,
  GROUP_MEMBERS_REF_STATUS,
  MEMBER_OF_REF_STATUS,
  regionChangeProblem,
} from "../../model/appProxy";
import { TYPE_NAMES } from "../../model/types";
import { EmulatorContext } from "../context";
import { errors } from "../graphErrors";
import { EmulatorRequest, EmulatorResponse, Route, route } from "../http";
import { ConnectorGroupRecord, ConnectorRecord, PublishedApplicationRecord } from "../store";

const BETA = { versions: ["beta" as const] };

function connectorView(connector: ConnectorRecord): Record<string, unknown> {
  const { groupId: _groupId, ...view } = connector;
  return view;
}

function groupView(group: ConnectorGroupRecord): Record<string, unknown> {
  return { ...group };
}

function applicationView(app: PublishedApplicationRecord): Record<string, unknown> {
  const { connectorGroupId: _groupId, ...view } = app;
  return view;
}

/**
 * Application Proxy connectors and connector groups (beta). Connectors cannot be written: agents install
 * themselves (here: the test-control API), so POST/PATCH/DELETE on /connectors answer 405; a connector moves
 * between groups through `memberOf/$ref` (or the group's `members/$ref`). Connector groups are created, updated and deleted; a group holding
 * connectors or applications keeps its region and cannot be deleted (model/appProxy.ts). Applications are
 * assigned to groups only through the test-control API (the emulator models no applications), and listed here.
 * Application tokens are refused before any of this (model/permissions.ts), as Graph supports delegated only.
 */
export function appProxyRoutes(ctx: EmulatorContext): Route[] {
  const { store } = ctx;
  const withConnector =
    (handler: (connector: ConnectorRecord, request: EmulatorRequest) => EmulatorResponse) =>
    (request: EmulatorRequest, { connectorId }: Record<string, string>): EmulatorResponse => {
      const connector = store.connectors.get(connectorId);
      return connector ? handler(connector, request) : errors.notFound(`Connector '${connectorId}'`);
    };
  const withGroup =
    (handler: (group: ConnectorGroupRecord, request: EmulatorRequest) => EmulatorResponse) =>
    (request: EmulatorRequest, { groupId }: Record<string, string>): EmulatorResponse => {
      const group = store.connectorGroups.get(groupId);
      return group ? handler(group, request) : errors.notFound(`Connector group '${groupId}'`);
    };
  /** The id a `{ "@odata.id": ".../<collection>/{id}" }` reference names in that collection. */
  const referencedId = (body: unknown, collection: string): string | undefined => {
    const target = (body as { "@odata.id"?: unknown } | undefined)?.["@odata.id"];
    const id = typeof target === "string" ? new RegExp(`/${collection}/([^/?]+)$`).exec(target)?.[1] : undefined;
    return id === undefined ? undefined : decodeURIComponent(id);
  };
  const referencedGroup = (body: unknown) => {
    const id = referencedId(body, "connectorGroups");
    return id === undefined ? undefined : store.connectorGroups.get(id);
  };
  const referencedConnector = (body: unknown) => {
    const id = referencedId(body, "connectors");
    return id === undefined ? undefined : store.connectors.get(id);
  };
  const holdings = (group: ConnectorGroupRecord) => {
    const { connectors, applications } = store.groupContents(group.id);
    return { connectors: connectors.length, applications: applications.length };
  };
  const noWrites = () =>
    errors.methodNotAllowed(
      "Connectors register themselves when the agent is installed; they cannot be created, updated or deleted through Microsoft Graph.",
    );
  return [
    route("GET", CONNECTORS_PATH, () => ({ status: 200, body: { value: [...store.connectors.values()].map(connectorView) } }), {
      ...BETA,
      response: `Collection(${TYPE_NAMES.connector})`,
    }),
    route("POST", CONNECTORS_PATH, noWrites, BETA),
    route(
      "GET",
      `${CONNECTORS_PATH}/{connectorId}`,
      withConnector((connector) => ({ status: 200, body: connectorView(connector) })),
      { ...BETA, response: TYPE_NAMES.connector },
    ),
    route("PATCH", `${CONNECTORS_PATH}/{connectorId}`, noWrites, BETA),
    route("DELETE", `${CONNECTORS_PATH}/{connectorId}`, noWrites, BETA),
    route(
      "GET",
      `${CONNECTORS_PATH}/{connectorId}/memberOf`,
      withConnector((connector) => ({ status: 200, body: { value: [groupView(store.connectorGroups.get(connector.groupId)!)] } })),
      { ...BETA, response: `Collection(${TYPE_NAMES.connectorGroup})` },
    ),
    route(
      "POST",
      `${CONNECTORS_PATH}/{connectorId}/memberOf/$ref`,
      withConnector((connector, request) => {
        const group = referencedGroup(request.body);
        if (!group) return errors.invalidRequest("'@odata.id' must reference an existing connector group.");
        connector.groupId = group.id; // a connector is in exactly one group: adding it moves it
        return { status: MEMBER_OF_REF_STATUS, body: groupView(group) };
      }),
      { ...BETA, response: TYPE_NAMES.connectorGroup },
    ),
    route("GET", CONNECTOR_GROUPS_PATH, () => ({ status: 200, body: { value: [...store.connectorGroups.values()].map(groupView) } }), {
      ...BETA,
      response: `Collection(${TYPE_NAMES.connectorGroup})`,
    }),
    route(
      "POST",
      CONNECTOR_GROUPS_PATH,
      (request) => {
        const body = (request.body ?? {}) as Record<string, unknown>;
        const problem = connectorGroupProblem(body, true);
        if (problem) return errors.invalidRequest(`${problem.path} ${problem.reason}.`);
        const group: ConnectorGroupRecord = {
          id: randomUUID(),
          name: body.name as string,
          connectorGroupType: CONNECTOR_GROUP_TYPE,
          isDefault: false,
          region: (body.region as string | undefined) ?? "nam",
        };
        store.connectorGroups.set(group.id, group);
        return { status: 201, headers: { location: `${ctx.baseUrl()}/beta${connectorGroupPath(group.id)}` }, body: groupView(group) };
      },
      { ...BETA, body: TYPE_NAMES.connectorGroup, response: TYPE_NAMES.connectorGroup },
    ),
    route(
      "GET",
      `${CONNECTOR_GROUPS_PATH}/{groupId}`,
      withGroup((group) => ({ status: 200, body: groupView(group) })),
      { ...BETA, response: TYPE_NAMES.connectorGroup },
    ),
    route(
      "PATCH",
      `${CONNECTOR_GROUPS_PATH}/{groupId}`,
      withGroup((group, request) => {
        const body = (request.body ?? {}) as Record<string, unknown>;
        const problem = connectorGroupProblem(body, false);
        if (problem) return errors.invalidRequest(`${problem.path} ${problem.reason}.`);
        const regionRefused = body.region !== undefined && body.region !== group.region ? regionChangeProblem(holdings(group)) : undefined;
        if (regionRefused) return errors.invalidRequest(`Cannot change the region: ${regionRefused}.`);
        if (typeof body.name === "string") group.name = body.name;
        if (typeof body.region === "string") group.region = body.region;
        return { status: CONNECTOR_GROUP_UPDATE_STATUS, body: groupView(group) };
      }),
      { ...BETA, body: TYPE_NAMES.connectorGroup, response: TYPE_NAMES.connectorGroup },
    ),
    route(
      "DELETE",
      `${CONNECTOR_GROUPS_PATH}/{groupId}`,
      withGroup((group) => {
        const refused = connectorGroupDeleteProblem(group, holdings(group));
        if (refused) return errors.invalidRequest(`Cannot delete the connector group: ${refused}.`);
        store.connectorGroups.delete(group.id);
        return { status: 204 };
      }),
      BETA,
    ),
    route(
      "POST",
      `${CONNECTOR_GROUPS_PATH}/{groupId}/members/$ref`,
      withGroup((group, request) => {
        const connector = referencedConnector(request.body);
        if (!connector) return errors.invalidRequest("'@odata.id' must reference an existing connector.");
        connector.groupId = group.id; // the same move as the connector's memberOf/$ref, from the group's side
        return { status: GROUP_MEMBERS_REF_STATUS };
      }),
      BETA,
    ),
    route(
      "GET",
      `${CONNECTOR_GROUPS_PATH}/{groupId}/members`,
      withGroup((group) => ({ status: 200, body: { value: store.groupContents(group.id).connectors.map(connectorView) } })),
      { ...BETA, response: `Collection(${TYPE_NAMES.connector})` },
    ),
    // The emulator models no application type, so the answer is not shaped against one.
    route(
      "GET",
      `${CONNECTOR_GROUPS_PATH}/{groupId}/applications`,
      withGroup((group) => ({ status: 200, body: { value: store.groupContents(group.id).applications.map(applicationView) } })),
      BETA,
    ),
  ];
}
