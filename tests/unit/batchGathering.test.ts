/** When the batch queue sends a partial batch (provider/graph/batching/gathering.ts), on the times alone. */
import { GATHER_IDLE_MS, GATHER_MAX_MS, GatheringState, gatheringLeftMs } from "../../provider/graph/batching/gathering";

/** One request that arrived at 1,000 ms, nothing else going on, at 1,000 ms. */
const lone: GatheringState = {
  waiting: 1,
  resending: false,
  chained: false,
  startsWork: false,
  now: 1000,
  oldestArrival: 1000,
  lastArrival: 1000,
  lastSent: Number.NEGATIVE_INFINITY,
  inFlight: 0,
};

describe("gathering windows", () => {
  test(`a partial batch waits until no request arrived for ${GATHER_IDLE_MS} ms`, () => {
    expect(gatheringLeftMs(lone)).toBe(GATHER_IDLE_MS);
    expect(gatheringLeftMs({ ...lone, waiting: 8, now: 1100, lastArrival: 1050 })).toBe(250);
    expect(gatheringLeftMs({ ...lone, waiting: 8, now: 1400, lastArrival: 1100 })).toBe(0);
  });

  test(`…or until its oldest request waited ${GATHER_MAX_MS} ms, however steadily others arrive`, () => {
    expect(gatheringLeftMs({ ...lone, waiting: 19, now: 2900, lastArrival: 2890 })).toBe(100);
    expect(gatheringLeftMs({ ...lone, waiting: 19, now: 3000, lastArrival: 2990 })).toBe(0);
  });

  test("a full batch, requests sent again and a share of chained work go at once", () => {
    expect(gatheringLeftMs({ ...lone, waiting: 20 })).toBe(0);
    expect(gatheringLeftMs({ ...lone, resending: true })).toBe(0);
    expect(gatheringLeftMs({ ...lone, chained: true })).toBe(0);
  });

  test("a request that starts work goes at once when it starts a burst: nothing in flight, nothing sent for a window", () => {
    expect(gatheringLeftMs({ ...lone, startsWork: true })).toBe(0);
    expect(gatheringLeftMs({ ...lone, startsWork: true, lastSent: 1000 - GATHER_IDLE_MS })).toBe(0);
  });

  test("…and gathers like any other while its connection is busy or just sent a batch", () => {
    expect(gatheringLeftMs({ ...lone, startsWork: true, inFlight: 1 })).toBe(GATHER_IDLE_MS);
    expect(gatheringLeftMs({ ...lone, startsWork: true, lastSent: 900 })).toBe(GATHER_IDLE_MS);
  });
});
