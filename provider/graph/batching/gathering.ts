/**
 * Gathering: requests that trickle in (the engine starts resources one by one) wait for company before a
 * partial batch goes. Pure: the queue (batchQueue.ts) gives the times, on its clock, and the windows are
 * tested on their own (tests/unit/batchGathering.test.ts).
 */
import { BATCH_MAX_REQUESTS } from "../../../model/batch";

/**
 * Send a partial batch once no request arrived for this long… The engine starts resources in clumps with
 * pauses of 100-300 ms between them (its state writes), so a shorter wait sent a partial batch per clump
 * (200 ExternalGroupMember creates: 14-15 batches at 100 ms, 10-11 at 300 ms, measured). A lone request pays
 * the wait once.
 */
export const GATHER_IDLE_MS = 300;
/** …or once its oldest request waited this long. */
export const GATHER_MAX_MS = 2000;

/** What the window of a queue depends on. */
export interface GatheringState {
  /** Requests waiting in the queue. */
  waiting: number;
  /** Some of them go again (re-sent after an answer, or left unrun by a broken chain): they gathered once. */
  resending: boolean;
  /** The next batch is a share of chained work (plan.ts): it goes now, to end with the chains in flight. */
  chained: boolean;
  /** The oldest waiting request's answer lets more work start (a group's create, before its members). */
  startsWork: boolean;
  now: number;
  /** When the oldest waiting request arrived, the last one arrived, and the queue last sent a batch. */
  oldestArrival: number;
  lastArrival: number;
  lastSent: number;
  /** Operations in flight on the queue's connection. */
  inFlight: number;
}

/**
 * How long a partial batch should still wait for company (0: send now). A request whose answer starts more
 * work goes at once when nothing is in flight on the connection and nothing was sent for a window: waiting
 * would leave the whole budget idle for as long as the engine takes to start 20 groups (~300 ms for 50
 * groups, measured), to save one request. What arrives while it is out gathers as before.
 */
export function gatheringLeftMs(state: GatheringState): number {
  if (state.waiting >= BATCH_MAX_REQUESTS || state.resending || state.chained) return 0;
  if (state.startsWork && startsBurst(state)) return 0;
  const idle = GATHER_IDLE_MS - (state.now - state.lastArrival);
  const max = GATHER_MAX_MS - (state.now - state.oldestArrival);
  return Math.max(0, Math.min(idle, max));
}

/** Nothing is in flight on the queue's connection, and the queue sent nothing for a gathering window. */
function startsBurst(state: GatheringState): boolean {
  return state.now - state.lastSent >= GATHER_IDLE_MS && state.inFlight === 0;
}
