/**
 * JSON batching wire format (docs concepts/json-batching.md, graph-api.md 6.4): at most 20 requests, ids unique
 * (case-insensitively), `Content-Type` required on a request with a body, `dependsOn` sequencing with 424 for a
 * failed dependency, and each inner request throttled on its own. A batch runs either fully parallel (no
 * request has `dependsOn`) or fully sequential (every request after the first has one); Graph refuses a mix
 * with 400 "Batch should be either fully sequential or fully parallel" (graph-api.md 6.4; Microsoft Q&A
 * 1532547, answered by Microsoft).
 */
export const BATCH_MAX_REQUESTS = 20;
export const BATCH_PATH = "/$batch";
export const FAILED_DEPENDENCY_STATUS = 424;

export interface BatchRequest {
  id: string;
  method: string;
  /** Relative to the version root, e.g. `/external/connections/hr/groups/g1/members`. */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

export interface BatchResponse {
  id: string;
  status: number;
  /** Graph's casing, e.g. `Content-Type`, `Retry-After`, `Location`. */
  headers?: Record<string, string>;
  body?: unknown;
}

/** The refusal of a batch that mixes requests with and without `dependsOn` (see the file comment). */
export const MIXED_BATCH_MESSAGE = "Batch should be either fully sequential or fully parallel";

/** How a batch's requests run: all at once, one after another, or neither (refused). */
export function batchOrder(requests: ReadonlyArray<{ dependsOn?: unknown }>): "parallel" | "sequential" | "mixed" {
  const depends = requests.map((request) => Array.isArray(request.dependsOn) && request.dependsOn.length > 0);
  if (depends.every((dependent) => !dependent)) return "parallel";
  return depends.slice(1).every(Boolean) && !depends[0] ? "sequential" : "mixed";
}
