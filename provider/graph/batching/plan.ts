/**
 * How the next `$batch` call is cut from a queue: a sequential chain of 10 to 20 when the work left is many
 * times the budget, else a parallel batch sized to fill the budget. Pure: the queue (batchQueue.ts) gives the
 * numbers, and the choice is tested on its own (tests/unit/batchPlan.test.ts).
 */
import { BATCH_MAX_REQUESTS } from "../../../model/batch";

/** The shortest sequential batch (see chainLength): shorter shares go in parallel batches. */
export const MIN_CHAIN = 10;

/** A waiting request, as far as planning goes: whether a broken chain left it unrun (see chainable). */
export interface Waiting {
  unchained?: boolean;
}

/** The next call: a chain of `length` (one unit of the budget), or a parallel batch of `min` to `max` units. */
export type NextBatch = { chain: number } | { parallel: { max: number; min: number } };

/**
 * The smallest batch the pump sends while requests wait: the budget's remainder after batches of 20 (5 of
 * Graph's 25). Units freed in smaller numbers wait for the next answer instead of going out as a fragment,
 * which would come back on its own and split every later round the same way (measured: 50 groups handed
 * over at once went out as batches of 20, 4 and 1, 251 requests instead of 170, in the same time). It
 * never waits on nothing: with nothing in flight the whole budget is free (the budget caps it at the batch
 * asked for and at its limit).
 */
export function smallestBatch(limit: number): number {
  return limit % BATCH_MAX_REQUESTS || BATCH_MAX_REQUESTS;
}

/** How many requests from the front of the queue may go in one chain: a broken chain's go in parallel first. */
export function chainable(queue: readonly Waiting[]): number {
  let count = 0;
  while (count < Math.min(BATCH_MAX_REQUESTS, queue.length) && !queue[count].unchained) count += 1;
  return count;
}

/**
 * How many waiting requests the next batch strings together (0: a parallel batch instead): an equal share
 * for each unit of the budget of the work left, the queue and what chains in flight have still to run, up
 * to 20. A chain of n holds its unit for n service times and one round trip, where n requests in parallel
 * batches cost a round trip each on the unit they take; with every unit taking an equal share the work
 * ends about together, one round trip per share, in one call per chain. Shares under {@link MIN_CHAIN} go
 * in parallel batches, which carry 20 a call and finish about as soon: a refresh of 50 groups (52 GETs) or a
 * small update goes in a few batches. Near the end a unit that comes back takes a share as short as what
 * the chains out have left, so the last chains end together rather than one long chain running on alone.
 * A round trip costs a unit more than its latency (the machine's own time per request), which is why a
 * large run in parallel batches alone stays well above the limit and chains bring it close (docs/performance.md).
 */
export function chainLength(queue: readonly Waiting[], work: { chainedWorkLeft: number; limit: number; chaining: boolean }): number {
  if (!work.chaining) return 0;
  const share = Math.floor((queue.length + work.chainedWorkLeft) / work.limit);
  const length = Math.min(BATCH_MAX_REQUESTS, share, chainable(queue));
  return length >= MIN_CHAIN ? length : 0;
}

/** The next call for a queue whose chain length is `chain` (see chainLength). */
export function nextBatch(queue: readonly Waiting[], chain: number, limit: number): NextBatch {
  if (chain > 0) return { chain };
  return { parallel: { max: Math.min(BATCH_MAX_REQUESTS, queue.length), min: smallestBatch(limit) } };
}

/**
 * How many requests leave the queue for a batch once its units are granted: a chain's length, unless a broken
 * chain's requests came back to the queue's front while the pump waited for its unit (a shorter chain, or one
 * alone); a parallel batch's units. Only the pump takes from the queue, so it holds at least that many.
 */
export function takeCount(queue: readonly Waiting[], next: NextBatch, units: number): number {
  return "chain" in next ? Math.max(1, Math.min(next.chain, chainable(queue))) : units;
}
