import { BATCH_MAX_REQUESTS } from "../../provider/model/rules";
import { errors, graphError } from "../graphErrors";
import { EmulatorRequest, EmulatorResponse, Route, route } from "../http";

interface InnerRequest {
  id?: unknown;
  method?: unknown;
  url?: unknown;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: unknown;
}

/** Runs one inner request the way a top-level one would be run (faults, routing, logging). */
export type InnerDispatch = (request: EmulatorRequest, url: string) => Promise<EmulatorResponse>;

/**
 * JSON batching (graph-api.md 6.4): at most 20 requests with unique ids; a body needs a Content-Type header;
 * requests run in order, and one whose dependency failed answers 424 Failed Dependency.
 */
export function batchRoutes(dispatch: InnerDispatch): Route[] {
  const run = async (request: EmulatorRequest): Promise<EmulatorResponse> => {
    const requests = (request.body as { requests?: InnerRequest[] } | undefined)?.requests;
    if (!Array.isArray(requests) || requests.length === 0) return errors.invalidRequest("The batch must hold a 'requests' list.");
    if (requests.length > BATCH_MAX_REQUESTS) return errors.invalidRequest(`A batch holds at most ${BATCH_MAX_REQUESTS} requests.`);
    const ids = requests.map((inner) => String(inner.id ?? "").toLowerCase());
    if (ids.some((id) => id === "") || new Set(ids).size !== ids.length) return errors.invalidRequest("Batch request ids must be present and unique.");
    for (const inner of requests) {
      const hasContentType = Object.keys(inner.headers ?? {}).some((name) => name.toLowerCase() === "content-type");
      if (inner.body !== undefined && !hasContentType) return errors.invalidRequest(`Request '${String(inner.id)}' has a body but no Content-Type header.`);
      if (typeof inner.method !== "string" || typeof inner.url !== "string") return errors.invalidRequest(`Request '${String(inner.id)}' needs a method and a url.`);
    }
    const statusById = new Map<string, number>();
    const responses = [];
    for (const inner of requests) {
      const id = String(inner.id);
      const dependsOn = Array.isArray(inner.dependsOn) ? inner.dependsOn.map(String) : [];
      const failedDependency = dependsOn.find((dependency) => (statusById.get(dependency.toLowerCase()) ?? 424) >= 400);
      const url = (inner.url as string).startsWith("/") ? (inner.url as string) : `/${inner.url as string}`;
      const answer = failedDependency !== undefined
        ? graphError(424, "failedDependency", `Dependency '${failedDependency}' failed.`)
        : await dispatch({
          method: (inner.method as string).toUpperCase(),
          path: url.split("?")[0],
          version: request.version,
          headers: Object.fromEntries(Object.entries(inner.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)])),
          body: inner.body,
          appId: request.appId,
          roles: request.roles,
          inBatch: true,
        }, `/${request.version}${url}`);
      statusById.set(id.toLowerCase(), answer.status);
      responses.push({ id, status: answer.status, headers: answer.headers ?? {}, ...(answer.body === undefined ? {} : { body: answer.body }) });
    }
    return { status: 200, body: { responses } };
  };
  return [route("POST", "/$batch", run)];
}
