/**
 * What every Graph request goes through once routed, in this order: permission (from the token's roles or
 * scopes, model/permissions.ts) → body type (closed types, nullability, enums and evolvable enum members,
 * model/types.ts) → `$select` names (model/odata.ts) → handler → response shaping (evolvable members masked unless
 * asked for, `$select` applied, `@odata.context`, `Preference-Applied`). Shared by top-level and `$batch` inner requests.
 */
import { INCLUDE_UNKNOWN_ENUM_MEMBERS } from "../model/enums";
import { permissionRule } from "../model/permissions";
import { applySelect, parseSelect, selectProblem } from "../model/odata";
import { maskEvolvableMembers, typeProblem } from "../model/types";
import { errors, graphError } from "./graphErrors";
import { EmulatorRequest, EmulatorResponse, Route } from "./http";

function permissionRefusal(request: EmulatorRequest): EmulatorResponse | undefined {
  const rule = permissionRule(request.method, request.path);
  if (!rule) return undefined;
  if (request.kind === "app") {
    if (rule.application === "notSupported") {
      return errors.accessDenied(
        `Application permissions are not supported for ${rule.area} APIs; they need delegated ${rule.delegated.join(" or ")}.`,
      );
    }
    const accepted = rule.application;
    if (!request.roles.some((role) => accepted.includes(role))) {
      return errors.accessDenied(`Insufficient privileges to complete the operation. Requires one of: ${accepted.join(", ")}.`);
    }
    return undefined;
  }
  if (!request.scopes.some((scope) => rule.delegated.includes(scope))) {
    return errors.accessDenied(
      `Insufficient privileges to complete the operation. Requires one of the delegated permissions: ${rule.delegated.join(", ")}.`,
    );
  }
  return undefined;
}

const COLLECTIONS = new Set(["connections", "groups", "members", "operations", "connectors", "connectorGroups", "memberOf"]);

/**
 * OData's context path of a resource: `external/connections('hr')/groups/$entity` for
 * `/external/connections/hr/groups/sales`, `external/connections` for the collection.
 */
function contextPath(path: string, isEntity: boolean): string {
  const parts: string[] = [];
  let expectKey = false;
  let endsWithKey = false;
  for (const segment of path.split("/").filter(Boolean)) {
    if (expectKey) {
      parts[parts.length - 1] += `('${decodeURIComponent(segment)}')`;
      expectKey = false;
      endsWithKey = true;
    } else {
      parts.push(segment);
      expectKey = COLLECTIONS.has(segment);
      endsWithKey = false;
    }
  }
  if (isEntity && endsWithKey) parts[parts.length - 1] = parts[parts.length - 1].replace(/\('[^']*'\)$/, "");
  return `${parts.join("/")}${isEntity ? "/$entity" : ""}`;
}

/** OData's context URL names a `$select`: `external/connections(name,state)/$entity` (OData JSON Format 4.01, 10). */
function withSelectList(context: string, select?: readonly string[]): string {
  if (!select) return context;
  const list = `(${select.join(",")})`;
  return context.endsWith("/$entity") ? `${context.slice(0, -"/$entity".length)}${list}/$entity` : `${context}${list}`;
}

/**
 * A 2xx answer as Graph shapes it: evolvable enum members masked unless asked for, only the `$select`ed
 * properties, `@odata.context` (from `context`, worked out when the request arrived), `Preference-Applied`.
 */
function shapeResponse(
  route: Route,
  request: EmulatorRequest,
  response: EmulatorResponse,
  context: string,
  select?: readonly string[],
): EmulatorResponse {
  if (response.status >= 300 || !route.response || response.body === undefined) return response;
  const collection = /^Collection\((.+)\)$/.exec(route.response)?.[1];
  const selected = (value: unknown) =>
    select && value && typeof value === "object" ? applySelect(value as Record<string, unknown>, select) : value;
  const mask = (value: unknown, type: string) =>
    selected(request.includeUnknownEnumMembers ? value : maskEvolvableMembers(value, type, request.version));
  const body = collection
    ? {
        "@odata.context": context,
        ...(response.body as object),
        value: ((response.body as { value?: unknown[] }).value ?? []).map((item) => mask(item, collection)),
      }
    : { "@odata.context": context, ...(mask(response.body, route.response) as object) };
  const headers = {
    ...response.headers,
    ...(request.includeUnknownEnumMembers ? { "preference-applied": INCLUDE_UNKNOWN_ENUM_MEMBERS } : {}),
  };
  return { ...response, headers, body };
}

/** A request checked on arrival, to run when its service time ends: its handler, or the refusal it gets. */
export type PreparedRequest = () => Promise<EmulatorResponse>;

/**
 * Routes a Graph request and checks what depends only on the request (permission, body type), as it arrives:
 * the work a request's answer does not depend on is done inside its service time, not after it (the cost
 * model holds the answer until then), so the emulator adds none of its own time to what the model charges.
 * The handler (the only step that reads or changes the tenant) runs when the returned function is called.
 */
export function prepare(routes: Route[], request: EmulatorRequest, baseUrl: string): PreparedRequest {
  let pathMatched = false;
  for (const candidate of routes) {
    const match = candidate.pattern.exec(request.path);
    if (!match || (candidate.versions && !candidate.versions.includes(request.version))) continue;
    pathMatched = true;
    if (candidate.method !== request.method) continue;
    const refusal = permissionRefusal(request);
    if (refusal) return async () => refusal;
    if (candidate.body) {
      const problem = typeProblem(request.body ?? {}, candidate.body, {
        version: request.version,
        includeUnknownEnumMembers: request.includeUnknownEnumMembers,
      });
      if (problem) return async () => errors.malformed(problem);
    }
    const params = Object.fromEntries(Object.entries(match.groups ?? {}).map(([key, value]) => [key, decodeURIComponent(value)]));
    const isCollection = candidate.response?.startsWith("Collection(") ?? false;
    const select = request.method === "GET" && candidate.response && candidate.select !== false ? parseSelect(request.query) : undefined;
    if (select) {
      const problem = selectProblem(select, /^Collection\((.+)\)$/.exec(candidate.response!)?.[1] ?? candidate.response!, request.version);
      if (problem) return async () => graphError(400, "BadRequest", problem);
    }
    const context = `${baseUrl}/${request.version}/$metadata#${withSelectList(contextPath(request.path, !isCollection), select)}`;
    return async () => shapeResponse(candidate, request, await candidate.handler(request, params), context, select);
  }
  const unrouted = pathMatched
    ? errors.methodNotAllowed()
    : graphError(400, "BadRequest", `Resource not found for the segment '${request.path}'.`);
  return async () => unrouted;
}

/** Routes a Graph request and runs it through the steps above at once. */
export function dispatch(routes: Route[], request: EmulatorRequest, baseUrl: string): Promise<EmulatorResponse> {
  return prepare(routes, request, baseUrl)();
}
