import { withoutAnnotations } from "../../model/annotations";
import { ITEMS_PER_CONNECTION } from "../../model/limits";
import {
  connectionFields,
  connectionIdProblem,
  connectionPath,
  connectionProblems,
  updatableConnectionFields,
} from "../../model/connection";
import { isTenantWide } from "../../model/permissions";
import { propertiesOf, TYPE_NAMES } from "../../model/types";
import { EmulatorContext } from "../context";
import { errors } from "../graphErrors";
import { EmulatorRequest, EmulatorResponse, Route, route } from "../http";
import { ConnectionRecord } from "../store";

const CONNECTION = TYPE_NAMES.externalConnection;

/** The connection as the requested API version shows it: only the properties that version declares. */
export function connectionView(record: ConnectionRecord, version: EmulatorRequest["version"]): Record<string, unknown> {
  const declared = propertiesOf(CONNECTION, version);
  return Object.fromEntries(Object.entries(structuredClone(record.entity)).filter(([field]) => field in declared));
}

/**
 * Whether the caller may use a connection: `.All` permissions reach every connection; the least-privileged
 * `ExternalConnection.ReadWrite.OwnedBy` / `ExternalItem.ReadWrite.OwnedBy` only those the app created or
 * is listed in `configuration.authorizedAppIds` of (graph-api.md section 7).
 */
export function mayUse(record: ConnectionRecord, request: EmulatorRequest): boolean {
  if ([...request.roles, ...request.scopes].some(isTenantWide)) return true;
  const authorized = ((record.entity.configuration as { authorizedAppIds?: string[] } | undefined)?.authorizedAppIds ?? []).map((id) =>
    id.toLowerCase(),
  );
  return record.createdBy === request.appId || authorized.includes(request.appId.toLowerCase());
}

/** Looks a live connection up the caller may use, or answers 404/403 the way Graph does. */
export function findConnection(ctx: EmulatorContext, id: string, request: EmulatorRequest): ConnectionRecord | EmulatorResponse {
  const record = ctx.store.connection(id);
  if (!record) return errors.notFound(`Connection '${id}'`);
  return mayUse(record, request) ? record : errors.accessDenied();
}

export function isResponse(value: unknown): value is EmulatorResponse {
  return typeof value === "object" && value !== null && "status" in value;
}

function firstProblem(body: Record<string, unknown>, requireName: boolean): { response?: EmulatorResponse; brokenCard: boolean } {
  const problems = connectionProblems(body, requireName);
  const hard = problems.find((problem) => !problem.brokenCard);
  if (hard) return { response: errors.invalidRequest(`${hard.path} ${hard.reason}.`), brokenCard: false };
  return { brokenCard: problems.length > 0 };
}

export function connectionRoutes(ctx: EmulatorContext): Route[] {
  const create = (request: EmulatorRequest): EmulatorResponse => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const id = typeof body.id === "string" ? body.id : "";
    const idProblem = connectionIdProblem(id);
    if (idProblem) return errors.invalidRequest(`Connection id ${idProblem}.`);
    const { response, brokenCard } = firstProblem(body, true);
    if (response) return response;
    if (ctx.store.connection(id)) return errors.conflict("A connection with the same name already exists.");
    const entity: Record<string, unknown> = {
      id,
      name: body.name,
      description: body.description ?? null,
      state: "draft",
      // Not nullable in the metadata; "uncategorized" is the documented default.
      contentCategory: "uncategorized",
      // The service adds the calling app when the request names none (create sample in graph-api.md 1.2).
      configuration: {
        authorizedAppIds: (body.configuration as { authorizedAppIds?: string[] } | undefined)?.authorizedAppIds ?? [request.appId],
      },
      ingestedItemsCount: null,
    };
    for (const field of connectionFields(request.version)) {
      if (field === "name" || field === "description" || field === "configuration") continue;
      if (body[field] !== undefined) entity[field] = structuredClone(body[field]);
    }
    if (brokenCard) {
      // Documented known issue: the connection is created without the broken template, yet the caller gets 503.
      entity.searchSettings = { searchResultTemplates: [] };
      ctx.store.addConnection({ entity, createdBy: request.appId, groups: new Map() });
      return errors.serviceUnavailable("The service is temporarily unavailable.");
    }
    const record: ConnectionRecord = { entity, createdBy: request.appId, groups: new Map() };
    ctx.store.addConnection(record);
    return {
      status: 201,
      headers: { location: `${ctx.baseUrl()}/${request.version}${connectionPath(id)}` },
      body: connectionView(record, request.version),
    };
  };

  const update = (request: EmulatorRequest, { connectionId }: Record<string, string>): EmulatorResponse => {
    const found = findConnection(ctx, connectionId, request);
    if (isResponse(found)) return found;
    if (found.deletingUntil !== undefined) return errors.operationInProgress("The connection is being deleted.");
    if (found.entity.state === "obsolete") return errors.invalidRequest("An obsolete connection can only be deleted.");
    // Annotations such as `@odata.type` are accepted and never stored (model/annotations.ts).
    const body = withoutAnnotations((request.body ?? {}) as Record<string, unknown>);
    const allowed = updatableConnectionFields(request.version);
    const refused = Object.keys(body).find((field) => !allowed.includes(field));
    if (refused) return errors.invalidRequest(`Property '${refused}' cannot be updated.`);
    const { response, brokenCard } = firstProblem(body, false);
    if (response) return response;
    if (brokenCard) return errors.invalidRequest("searchSettings holds an Adaptive Card that cannot be registered.");
    for (const [field, value] of Object.entries(body)) found.entity[field] = structuredClone(value);
    return { status: 204 };
  };

  return [
    route("POST", "/external/connections", create, { body: CONNECTION, response: CONNECTION }),
    route(
      "GET",
      "/external/connections",
      (request) => {
        const visible = ctx.store.connections().filter((record) => mayUse(record, request));
        return { status: 200, body: { value: visible.map((record) => connectionView(record, request.version)) } };
      },
      { response: `Collection(${CONNECTION})` },
    ),
    route(
      "GET",
      "/external/connections/{connectionId}",
      (request, { connectionId }) => {
        const found = findConnection(ctx, connectionId, request);
        return isResponse(found) ? found : { status: 200, body: connectionView(found, request.version) };
      },
      { response: CONNECTION },
    ),
    route("PATCH", "/external/connections/{connectionId}", update, { body: CONNECTION }),
    // Beta only: what the connection may still hold (connectionQuota); the emulator ingests no items, so the
    // count is the entity's ingestedItemsCount, which tests may set.
    route(
      "GET",
      "/external/connections/{connectionId}/quota",
      (request, { connectionId }) => {
        if (request.version !== "beta") return errors.notFound("Resource 'quota'");
        const found = findConnection(ctx, connectionId, request);
        if (isResponse(found)) return found;
        return {
          status: 200,
          body: { id: connectionId, itemsRemaining: ITEMS_PER_CONNECTION - Number(found.entity.ingestedItemsCount ?? 0) },
        };
      },
      { response: TYPE_NAMES.connectionQuota },
    ),
    // 202, then the connection goes away after the deletion time; a DELETE while that runs is refused
    // (model/errors.ts, OPERATION_IN_PROGRESS: "this operation is already in progress").
    route("DELETE", "/external/connections/{connectionId}", (request, { connectionId }) => {
      const found = findConnection(ctx, connectionId, request);
      if (isResponse(found)) return found;
      if (found.deletingUntil !== undefined) return errors.operationInProgress("The delete of this connection is already in progress.");
      ctx.store.startDeletion(found);
      return { status: 202 };
    }),
  ];
}
