/**
 * JSON batching wire format (docs concepts/json-batching.md, graph-api.md 6.4): at most 20 requests, ids unique
 * (case-insensitively), `Content-Type` required on a request with a body, `dependsOn` sequencing with 424 for a
 * failed dependency, and each inner request throttled on its own.
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
