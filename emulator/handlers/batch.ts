import {
  BATCH_MAX_REQUESTS,
  BATCH_PATH,
  BatchResponse,
  batchOrder,
  FAILED_DEPENDENCY_STATUS,
  MIXED_BATCH_MESSAGE,
} from "../../model/batch";
import { prefersUnknownEnumMembers } from "../../model/enums";
import { errors, graphError, withClientRequestId } from "../graphErrors";
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

/** Header names as Graph spells them in `$batch` answers (`Content-Type`, `Retry-After`, `Location`, …). */
function graphCasing(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name.replace(/(^|-)([a-z])/g, (_m, dash: string, letter: string) => dash + letter.toUpperCase()),
      value,
    ]),
  );
}

/**
 * JSON batching (model/batch.ts): at most 20 requests with unique ids; a body needs a Content-Type header;
 * fully parallel or fully sequential, never a mix; independent requests run concurrently; with `dependsOn`
 * they run in order, and one whose dependency failed answers 424 Failed Dependency. Each inner answer
 * carries its own headers, `Content-Type` included when it has a body.
 */
export function batchRoutes(dispatch: InnerDispatch): Route[] {
  const run = async (request: EmulatorRequest): Promise<EmulatorResponse> => {
    const requests = (request.body as { requests?: InnerRequest[] } | undefined)?.requests;
    if (!Array.isArray(requests) || requests.length === 0) return errors.invalidRequest("The batch must hold a 'requests' list.");
    if (requests.length > BATCH_MAX_REQUESTS) return errors.invalidRequest(`A batch holds at most ${BATCH_MAX_REQUESTS} requests.`);
    const ids = requests.map((inner) => String(inner.id ?? "").toLowerCase());
    if (ids.some((id) => id === "") || new Set(ids).size !== ids.length)
      return errors.invalidRequest("Batch request ids must be present and unique.");
    for (const inner of requests) {
      const hasContentType = Object.keys(inner.headers ?? {}).some((name) => name.toLowerCase() === "content-type");
      if (inner.body !== undefined && !hasContentType)
        return errors.invalidRequest(`Request '${String(inner.id)}' has a body but no Content-Type header.`);
      if (typeof inner.method !== "string" || typeof inner.url !== "string")
        return errors.invalidRequest(`Request '${String(inner.id)}' needs a method and a url.`);
    }
    const order = batchOrder(requests);
    if (order === "mixed") return graphError(400, "BadRequest", `${MIXED_BATCH_MESSAGE}.`);
    const statusById = new Map<string, number>();
    // Independent requests run concurrently, as Graph runs them (a batch costs its slowest request), all from
    // the batch's start; a sequential batch in order, each after the one before it has answered.
    const sequenced = order === "sequential";
    const answerOne = async (inner: InnerRequest, index: number): Promise<BatchResponse> => {
      const id = String(inner.id);
      const dependsOn = Array.isArray(inner.dependsOn) ? inner.dependsOn.map(String) : [];
      const failedDependency = dependsOn.find(
        (dependency) => (statusById.get(dependency.toLowerCase()) ?? FAILED_DEPENDENCY_STATUS) >= 400,
      );
      const url = (inner.url as string).startsWith("/") ? (inner.url as string) : `/${inner.url as string}`;
      const headers = Object.fromEntries(Object.entries(inner.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]));
      const answer =
        failedDependency !== undefined
          ? graphError(FAILED_DEPENDENCY_STATUS, "failedDependency", `Dependency '${failedDependency}' failed.`)
          : await dispatch(
              {
                method: (inner.method as string).toUpperCase(),
                path: url.split("?")[0],
                version: request.version,
                headers,
                query: new URLSearchParams(url.includes("?") ? url.slice(url.indexOf("?") + 1) : ""),
                body: inner.body,
                appId: request.appId,
                kind: request.kind,
                roles: request.roles,
                scopes: request.scopes,
                inBatch: true,
                includeUnknownEnumMembers: prefersUnknownEnumMembers(headers.prefer),
                startedAt: sequenced && index > 0 ? undefined : request.startedAt,
              },
              `/${request.version}${url}`,
            );
      statusById.set(id.toLowerCase(), answer.status);
      // Each inner answer names its own request, and the caller's client-request-id when the inner request sent one.
      const correlated = withClientRequestId(answer, headers["client-request-id"]);
      const answerHeaders = {
        ...correlated.headers,
        ...(correlated.body === undefined ? {} : { "content-type": "application/json; charset=utf-8" }),
      };
      return {
        id,
        status: answer.status,
        headers: graphCasing(answerHeaders),
        ...(correlated.body === undefined ? {} : { body: correlated.body }),
      };
    };
    const responses: BatchResponse[] = [];
    if (sequenced) for (const [index, inner] of requests.entries()) responses.push(await answerOne(inner, index));
    else responses.push(...(await Promise.all(requests.map(answerOne))));
    return { status: 200, body: { responses } };
  };
  return [route("POST", BATCH_PATH, run)];
}
