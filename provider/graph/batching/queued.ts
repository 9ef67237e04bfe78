import type { BatchItem, BatchResult } from "./items";
import type { Waiting } from "./plan";

/** A request in the batch queue, from its submission until it is settled. */
export interface Queued extends Waiting {
  item: BatchItem;
  /** Its answer lets more work start (gathering.ts). */
  startsWork: boolean;
  arrivedAt: number;
  /** Its own answers that said "try again" so far: it has the client's `maxRetries` of them, as alone. */
  retries: number;
  /**
   * The `$batch` calls it travelled in that failed whole and transiently (429/503/504, a lost connection): the
   * batch's failures, not its own, as Graph did not evaluate it; they have a budget of `maxRetries` of their own.
   */
  callRetries: number;
  /** Why it was sent again, in order (BatchResult.retriedAfter). */
  retriedAfter: string[];
  settle: (result: BatchResult) => void;
}

/** What a settled result tells of the attempts before the last. */
export function history(queued: Queued): Pick<BatchResult, "retriedAfter"> {
  return queued.retriedAfter.length > 0 ? { retriedAfter: [...queued.retriedAfter] } : {};
}
