/**
 * Service limits and the statuses that say "try again" (graph-api.md 6.2-6.3).
 */

/**
 * "An application is limited to 25 concurrent operations on a connection" (connectors API overview, known
 * limitations). The requests inside a `$batch` count one by one: "Requests in a batch are evaluated individually
 * against throttling limits and if any request exceeds the limits, it fails with a status code of 429 … The batch
 * itself succeeds with a status code of 200" (concepts/throttling.md, "Throttling and batching").
 */
export const CONCURRENT_OPERATIONS_PER_CONNECTION = 25;
/** Group administration is throttled at 1,000 requests per second (connecting-external-content-api-limits.md). */
export const GROUP_ADMIN_REQUESTS_PER_SECOND = 1000;

/** Throttled (429) and the transient gateway/service answers that may carry Retry-After (concepts/throttling.md, errors.md). */
export const TRANSIENT_STATUSES: readonly number[] = [429, 503, 504];
/** Graph has been seen asking for 315 s (terraform-provider-msgraph#118); a client caps what it honours. */
export const MAX_RETRY_AFTER_MS = 600_000;

/** Items one connection may hold (connecting-external-content-api-limits.md; graph-api.md section 6.3); beyond it the connection turns `limitExceeded`. */
export const ITEMS_PER_CONNECTION = 5_000_000;
