/** The `$batch` body for a batch's requests, and each request's answer read back from Graph's (model/batch.ts). */
import type { BatchRequest, BatchResponse } from "../../../model/batch";
import type { BatchItem } from "./items";

/** One request's answer, header names in lower case as everywhere else in the client. */
export interface InnerAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * The batch's requests, ids their positions. Sequential: each after the first `dependsOn` the one before it,
 * so Graph runs them one after another (a batch is fully parallel or fully sequential, model/batch.ts).
 * "When a body is included with the request, the headers object must contain a value for Content-Type"
 * (concepts/json-batching.md).
 */
export function batchRequests(items: readonly BatchItem[], sequential: boolean): BatchRequest[] {
  return items.map((item, index) => ({
    id: String(index),
    method: item.method,
    url: item.url,
    ...(sequential && index > 0 ? { dependsOn: [String(index - 1)] } : {}),
    ...(item.body === undefined && !item.headers
      ? {}
      : { headers: { ...item.headers, ...(item.body === undefined ? {} : { "Content-Type": "application/json" }) } }),
    ...(item.body === undefined ? {} : { body: item.body }),
  }));
}

/**
 * Each request's answer, in the order the requests were sent, from a `$batch` answer where "individual
 * responses might appear in a different order than the requests" (concepts/json-batching.md); undefined for
 * one it left out.
 */
export function batchAnswers(body: unknown, count: number): Array<InnerAnswer | undefined> {
  const responses = (body as { responses?: BatchResponse[] } | undefined)?.responses;
  const byId = new Map((Array.isArray(responses) ? responses : []).map((answer) => [answer.id, answer]));
  return Array.from({ length: count }, (_, index) => {
    const answer = byId.get(String(index));
    return answer && { status: answer.status, headers: lowerCaseHeaders(answer.headers), body: answer.body };
  });
}

function lowerCaseHeaders(headers: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
}
