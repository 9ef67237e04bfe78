/**
 * The cost model's time: network latency and service times are waited out to deadlines, not for durations.
 * A Node timer fires up to ~1 ms late; when a request's latency and then its operation's service time were
 * two sleeps of fixed length, the first one's lateness was added to the second, so every round trip cost
 * more than the model charges, and a benchmark of many rounds drifted from its own limit. Measured from
 * one start, each wait ends as close to the model's time as a single timer allows. Waits for one deadline (the
 * inner requests of a `$batch` share their start) share one timer, so that a batch's answer is not held until
 * the latest of its twenty timers has fired.
 */
import { performance } from "node:perf_hooks";

export interface CostTimer {
  /** Monotonic milliseconds, finer than one. */
  now(): number;
  /** Resolves once `deadline` (a `now()` time) has passed; at once when it already has. */
  until(deadline: number): Promise<void>;
}

/** Wall time as the process measures it. */
export const realCostTimer: CostTimer = realTimer();

function realTimer(): CostTimer {
  /** Pending waits by deadline; each is removed once it ends. */
  const waits = new Map<number, Promise<void>>();
  return {
    now: () => performance.now(),
    until(deadline) {
      const remaining = deadline - performance.now();
      if (remaining <= 0) return Promise.resolve();
      let wait = waits.get(deadline);
      if (wait === undefined) {
        wait = new Promise<void>((resolve) =>
          setTimeout(() => {
            waits.delete(deadline);
            resolve();
          }, remaining),
        );
        waits.set(deadline, wait);
      }
      return wait;
    },
  };
}
