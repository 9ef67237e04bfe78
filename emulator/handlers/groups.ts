import { withoutAnnotations } from "../../model/annotations";
import { GROUP_ID_PATTERN, memberProblem } from "../../model/group";
import { TYPE_NAMES } from "../../model/types";
import { EmulatorContext } from "../context";
import { errors } from "../graphErrors";
import { EmulatorRequest, EmulatorResponse, Route, route } from "../http";
import { GroupRecord } from "../store";
import { findConnection, isResponse } from "./connections";

function groupView(group: GroupRecord): Record<string, unknown> {
  return { id: group.id, displayName: group.displayName ?? null, description: group.description ?? null };
}

const GROUP = TYPE_NAMES.externalGroup;

export function groupRoutes(ctx: EmulatorContext): Route[] {
  const withGroup =
    (handler: (group: GroupRecord, request: EmulatorRequest, params: Record<string, string>) => EmulatorResponse) =>
    (request: EmulatorRequest, params: Record<string, string>): EmulatorResponse => {
      const found = findConnection(ctx, params.connectionId, request);
      if (isResponse(found)) return found;
      const group = found.groups.get(params.groupId);
      return group ? handler(group, request, params) : errors.notFound(`External group '${params.groupId}'`);
    };

  return [
    route(
      "POST",
      "/external/connections/{connectionId}/groups",
      (request, { connectionId }) => {
        const found = findConnection(ctx, connectionId, request);
        if (isResponse(found)) return found;
        const body = (request.body ?? {}) as Record<string, unknown>;
        if (typeof body.id !== "string" || !GROUP_ID_PATTERN.test(body.id))
          return errors.invalidRequest("Group id must be 1-128 letters and digits.");
        if (found.groups.has(body.id)) return errors.conflict(`An external group with id '${body.id}' already exists.`);
        const group: GroupRecord = {
          id: body.id,
          displayName: typeof body.displayName === "string" ? body.displayName : undefined,
          description: typeof body.description === "string" ? body.description : undefined,
          members: new Map(),
        };
        found.groups.set(group.id, group);
        return { status: 201, body: groupView(group) };
      },
      { body: GROUP, response: GROUP },
    ),
    route(
      "GET",
      "/external/connections/{connectionId}/groups",
      (request, { connectionId }) => {
        const found = findConnection(ctx, connectionId, request);
        return isResponse(found) ? found : { status: 200, body: { value: [...found.groups.values()].map(groupView) } };
      },
      { response: `Collection(${GROUP})` },
    ),
    route(
      "GET",
      "/external/connections/{connectionId}/groups/{groupId}",
      withGroup((group) => ({ status: 200, body: groupView(group) })),
      { response: GROUP },
    ),
    route(
      "PATCH",
      "/external/connections/{connectionId}/groups/{groupId}",
      withGroup((group, request) => {
        // Annotations such as `@odata.type` are accepted and ignored (model/annotations.ts).
        const body = withoutAnnotations((request.body ?? {}) as Record<string, unknown>);
        const refused = Object.keys(body).find((field) => field !== "displayName" && field !== "description");
        if (refused) return errors.invalidRequest(`Property '${refused}' cannot be updated.`);
        if ("displayName" in body) group.displayName = body.displayName === null ? undefined : String(body.displayName);
        if ("description" in body) group.description = body.description === null ? undefined : String(body.description);
        return { status: 204 };
      }),
      { body: GROUP },
    ),
    route("DELETE", "/external/connections/{connectionId}/groups/{groupId}", (request, { connectionId, groupId }) => {
      const found = findConnection(ctx, connectionId, request);
      if (isResponse(found)) return found;
      return found.groups.delete(groupId) ? { status: 204 } : errors.notFound(`External group '${groupId}'`);
    }),
    route(
      "POST",
      "/external/connections/{connectionId}/groups/{groupId}/members",
      withGroup((group, request) => {
        const body = (request.body ?? {}) as Record<string, unknown>;
        const problem = memberProblem(body.id, body.type);
        if (problem) return errors.invalidRequest(`Member ${problem.field} ${problem.reason}.`);
        const id = body.id as string;
        if (group.members.has(id)) return errors.conflict(`'${id}' is already a member of '${group.id}'.`);
        const member = { id, type: String(body.type) };
        group.members.set(id, member);
        return { status: 201, body: member };
      }),
      { body: TYPE_NAMES.identity, response: TYPE_NAMES.identity },
    ),
    // Graph documents no way to list members, only to add and remove them.
    route("GET", "/external/connections/{connectionId}/groups/{groupId}/members", () => errors.methodNotAllowed()),
    route(
      "DELETE",
      "/external/connections/{connectionId}/groups/{groupId}/members/{memberId}",
      withGroup((group, _request, { memberId }) =>
        group.members.delete(memberId) ? { status: 204 } : errors.notFound(`Member '${memberId}'`),
      ),
    ),
  ];
}
