/**
 * A GET identical to one still waiting in the queue shares its answer instead of being sent again: a refresh
 * of 200 ExternalGroupMember resources of one group reads that group 200 times at once. Only a request not
 * yet sent is joined, so the answer still comes from a read made after the caller asked.
 */
import type { BatchItem, BatchResult } from "./items";
import type { Queued } from "./queued";

function sameHeaders(a: Record<string, string> = {}, b: Record<string, string> = {}): boolean {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((name) => a[name] === b[name]);
}

/** Whether `item` joined a twin waiting in `queue`; if it did, `settle` gets the twin's answer. */
export function joinWaitingGet(queue: readonly Queued[], item: BatchItem, settle: (result: BatchResult) => void): boolean {
  if (item.method !== "GET" || item.body !== undefined) return false;
  const twin = queue.find(
    (queued) => queued.item.method === "GET" && queued.item.url === item.url && sameHeaders(queued.item.headers, item.headers),
  );
  if (!twin) return false;
  const first = twin.settle;
  // Each caller gets its own copy of the body, as if it had been answered alone.
  twin.settle = (result) => {
    first(result);
    settle({ ...result, item, body: structuredClone(result.body) });
  };
  return true;
}
