import { PEOPLE_CONTENT_CATEGORY, peopleSchemaProblems } from "../../model/people";
import { breakingSchemaChanges, canonicalSchema, schemaProblems } from "../../model/schema";
import { TYPE_NAMES } from "../../model/types";
import { connectionPath } from "../../model/connection";
import { EmulatorContext } from "../context";
import { errors } from "../graphErrors";
import { EmulatorRequest, EmulatorResponse, Route, route } from "../http";
import { findConnection, isResponse } from "./connections";

/**
 * Schema registration as Graph does it: PATCH (or the older POST) answers 202 with the operation's Location,
 * the operation stays `inprogress` for the provisioning time, then the connection becomes `ready`.
 * The older POST without `Prefer: respond-async` registers synchronously and answers 201.
 */
export function schemaRoutes(ctx: EmulatorContext): Route[] {
  const register = (request: EmulatorRequest, { connectionId }: Record<string, string>): EmulatorResponse => {
    const found = findConnection(ctx, connectionId, request);
    if (isResponse(found)) return found;
    if (found.deletingUntil !== undefined) return errors.operationInProgress("The connection is being deleted.");
    const state = found.entity.state;
    if (state === "obsolete") return errors.invalidRequest("An obsolete connection can only be deleted.");
    // A people connector's schema follows the people-data page (model/people.ts): its own example labels
    // properties without isRetrievable.
    const people = found.entity.contentCategory === PEOPLE_CONTENT_CATEGORY;
    const problem = [
      ...schemaProblems(request.body, "schema", { people }),
      ...(people ? peopleSchemaProblems(canonicalSchema(request.body).properties) : []),
    ][0];
    if (problem) return errors.invalidRequest(`${problem.path} ${problem.reason}.`);
    // Undocumented: how Graph answers a schema submitted while one provisions (model/errors.ts, OPERATION_IN_PROGRESS).
    if (ctx.store.runningOperation(connectionId)) {
      return errors.operationInProgress("A schema operation is already running for this connection.");
    }
    const schema = canonicalSchema(request.body);
    if (found.schema) {
      const breaking = breakingSchemaChanges(found.schema, schema);
      if (breaking.length > 0) return errors.invalidRequest(`This schema update is not supported: ${breaking.join("; ")}.`);
    }
    // The older v1.0 page (externalconnectors-schema-create.md): "Without the Prefer: respond-async header … 201
    // Created" with the schema. The beta page of the same POST (externalconnectors-externalconnection-post-schema.md)
    // answers 202 whether or not the header is sent; its example sends none.
    const synchronous = request.method === "POST" && request.version === "v1.0" && !/respond-async/i.test(request.headers.prefer ?? "");
    if (synchronous) {
      found.schema = schema;
      found.entity.state = "ready";
      return { status: 201, body: schema };
    }
    const operation = ctx.store.startSchemaOperation(connectionId, schema);
    return {
      status: 202,
      headers: { location: `${ctx.baseUrl()}/${request.version}${connectionPath(connectionId)}/operations/${operation.id}` },
    };
  };

  return [
    route("PATCH", "/external/connections/{connectionId}/schema", register, { body: TYPE_NAMES.schema }),
    // POST is not valid for this API (msgraph-metadata#438), but older docs and clients use it; kept for them.
    route("POST", "/external/connections/{connectionId}/schema", register, { body: TYPE_NAMES.schema }),
    route(
      "GET",
      "/external/connections/{connectionId}/schema",
      (request, { connectionId }) => {
        const found = findConnection(ctx, connectionId, request);
        if (isResponse(found)) return found;
        // GET schema answers while an operation is still running (msgraph-metadata#438): it shows the pending one.
        const schema = ctx.store.runningOperation(connectionId)?.schema ?? found.schema;
        return schema ? { status: 200, body: schema } : errors.notFound(`Schema of connection '${connectionId}'`);
        // "This method does not support OData query parameters" (externalconnectors-schema-get.md): $select is ignored.
      },
      { response: TYPE_NAMES.schema, select: false },
    ),
    route("DELETE", "/external/connections/{connectionId}/schema", (_request, { connectionId }) =>
      errors.notFound(`Schema of connection '${connectionId}'`),
    ),
    route(
      "GET",
      "/external/connections/{connectionId}/operations/{operationId}",
      (_request, { connectionId, operationId }) => {
        const operation = ctx.store.operation(operationId);
        if (!operation || operation.connectionId !== connectionId) return errors.notFound(`Operation '${operationId}'`);
        const body: Record<string, unknown> = { id: operation.id, status: operation.status };
        if (operation.status === "failed") body.error = { code: "SchemaProvisioningFailed", message: operation.failureMessage };
        return { status: 200, body };
      },
      { response: TYPE_NAMES.connectionOperation },
    ),
  ];
}
