import type { ApiVersion } from "../../model/apiVersion";
import type { BatchQueue } from "./batchQueue";
import type { BatchItem, BatchResult } from "./batching/items";

export type { BatchDelivery, BatchItem, BatchResult } from "./batching/items";

/**
 * Sends independent requests through JSON batching: they join the connection's batch queue (batchQueue.ts),
 * shared with every other resource of the provider process, which sends them as `$batch` calls of up to 20
 * within Graph's 25 concurrent operations per connection, re-sending each request Graph answered 429/503/504
 * (inside a batch or to the whole call) after the client's retry delay, up to the client's retries for each.
 * Results come back in input order; failures are returned, not thrown, so callers decide per item: a request
 * whose `$batch` call failed is `lost` (or answered with that call's 4xx, which Graph sends before acting on
 * anything).
 */
export function sendBatch(
  client: { batches: Pick<BatchQueue, "submit"> },
  version: ApiVersion,
  items: BatchItem[],
): Promise<BatchResult[]> {
  return client.batches.submit(version, items);
}
