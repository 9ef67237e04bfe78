/**
 * One queue of batchable requests per connection, shared by every resource the provider process serves:
 * member changes of all groups, and single group and member requests (coalescer.ts). A pump sends them as
 * `$batch` calls within the connection's budget (Graph's 25 concurrent operations): each call takes as many
 * queued requests as the budget has room for, up to 20 (and at least 5 while others are out), so the budget
 * stays full and is never exceeded, and requests of different resources share batches. When at least 10
 * requests are left for every unit of the budget, each unit strings its equal share of up to 20 together
 * instead, fully sequential, and pays one network round trip per chain instead of one per request
 * (batching/plan.ts). Requests that trickle in are gathered into fuller batches (batching/gathering.ts), and
 * identical GETs waiting at once are sent once (batching/joinGets.ts). Group and member requests are paced
 * under Graph's group administration threshold. A batch of one is sent as the plain request it is.
 *
 * Retries are the queue's own, one budget of the client's retries per request (batching/answers.ts): what
 * Graph answered 429/503/504, to the request or to its whole `$batch` call, goes again after the client's
 * retry delay, behind what waits; a request that a broken chain left unrun (424) goes again at once, first,
 * in a parallel batch. A request waiting out its delay holds no unit of the budget: the rest of the queue
 * goes on meanwhile.
 *
 * Time is the queue's clock (clock.ts) for its gathering windows and the pace of chains; retry delays are
 * waited out with the client's sleep (batching/sender.ts).
 */
import { BATCH_PATH } from "../../model/batch";
import type { ApiVersion } from "../../model/apiVersion";
import { connectionIdOf } from "../../model/connection";
import { isGroupAdministration } from "../../model/group";
import { Again, CallOutcome, judgeAttempt } from "./batching/answers";
import { ChainsInFlight } from "./batching/chainsInFlight";
import { gatheringLeftMs } from "./batching/gathering";
import type { BatchItem, BatchResult } from "./batching/items";
import { joinWaitingGet } from "./batching/joinGets";
import { chainLength, nextBatch, takeCount } from "./batching/plan";
import type { Queued } from "./batching/queued";
import type { BatchSender } from "./batching/sender";
import { batchAnswers, batchRequests } from "./batching/wire";
import type { Clock } from "./clock";

/** The connection budget a queue's requests draw on (all of one queue share a connection). */
function budgetKeyOf(queue: readonly Queued[]): string {
  return connectionIdOf(queue[0].item.url) ?? "";
}

export class BatchQueue {
  private readonly queues = new Map<string, Queued[]>();
  private readonly pumping = new Set<string>();
  /** Queues waiting out a gathering window. */
  private readonly gathering = new Set<string>();
  private readonly lastArrival = new Map<string, number>();
  private readonly lastSent = new Map<string, number>();
  /** Sequential batches are sent until Graph throttles one or refuses one whole (batching/answers.ts). */
  private chaining = true;
  private readonly chains: ChainsInFlight;

  constructor(
    private readonly sender: BatchSender,
    private readonly clock: Clock,
  ) {
    this.chains = new ChainsInFlight(() => clock.now());
  }

  /** Whether batches may still be sent as chains (false once Graph throttled or refused one). */
  get sequential(): boolean {
    return this.chaining;
  }

  /**
   * Queues independent requests of one API version; each result comes back as Graph answered it.
   * `startsWork`: their answers let more work start (batching/gathering.ts).
   */
  submit(version: ApiVersion, items: BatchItem[], options: { startsWork?: boolean } = {}): Promise<BatchResult[]> {
    const startsWork = options.startsWork === true;
    const keys = new Set<string>();
    const results = Promise.all(
      items.map(
        (item) =>
          new Promise<BatchResult>((settle) => {
            if (joinWaitingGet(this.queues.get(this.key(version, item)) ?? [], item, settle)) return;
            keys.add(
              this.enqueue(version, {
                item,
                startsWork,
                arrivedAt: this.clock.now(),
                retries: 0,
                callRetries: 0,
                retriedAfter: [],
                settle,
              }),
            );
          }),
      ),
    );
    // Once all are queued: pumped one by one, the first 20 went as a parallel batch the moment they were
    // queued, before the pump saw how many came (batching/plan.ts).
    for (const key of keys) void this.pump(key, version);
    return results;
  }

  private key(version: ApiVersion, item: BatchItem): string {
    return `${version} ${connectionIdOf(item.url) ?? ""}`;
  }

  /** Queues a request without sending anything (the caller pumps); returns its queue's key. */
  private enqueue(version: ApiVersion, queued: Queued, front = false): string {
    const key = this.key(version, queued.item);
    const queue = this.queues.get(key) ?? [];
    if (front) queue.unshift(queued);
    else queue.push(queued);
    this.queues.set(key, queue);
    this.lastArrival.set(key, this.clock.now());
    return key;
  }

  /** `windowOver`: a gathering wait just ended, so what waits goes now. */
  private async pump(key: string, version: ApiVersion, windowOver = false): Promise<void> {
    if (this.pumping.has(key)) return;
    this.pumping.add(key);
    try {
      for (let turn = 0; ; turn++) {
        const queue = this.queues.get(key) ?? [];
        if (queue.length === 0) return;
        const budgetKey = budgetKeyOf(queue);
        const chain = chainLength(queue, {
          chainedWorkLeft: this.chains.workLeft(budgetKey),
          limit: this.sender.budget.limit,
          chaining: this.chaining,
        });
        const wait = windowOver && turn === 0 ? 0 : this.gatheringLeft(key, queue, chain > 0);
        if (wait > 0) {
          this.gather(key, version, wait);
          return;
        }
        const next = nextBatch(queue, chain, this.sender.budget.limit);
        const lease =
          "chain" in next
            ? await this.sender.budget.acquire(budgetKey, 1)
            : await this.sender.budget.acquireUpTo(budgetKey, next.parallel.max, next.parallel.min);
        const chunk = queue.splice(0, takeCount(queue, next, lease.units));
        this.lastSent.set(key, this.clock.now());
        await this.sender.groupRate.take(chunk.filter((queued) => isGroupAdministration(queued.item.url)).length);
        const sequential = "chain" in next && chunk.length > 1;
        const record = sequential ? this.chains.sent(budgetKey, chunk.length) : undefined;
        void this.send(version, chunk, sequential).finally(() => {
          if (record) this.chains.answered(record);
          lease.release();
        });
      }
    } finally {
      this.pumping.delete(key);
    }
  }

  private gatheringLeft(key: string, queue: readonly Queued[], chained: boolean): number {
    return gatheringLeftMs({
      waiting: queue.length,
      resending: queue.some((queued) => queued.retriedAfter.length > 0 || queued.unchained),
      chained,
      startsWork: queue[0].startsWork,
      now: this.clock.now(),
      oldestArrival: queue[0].arrivedAt,
      lastArrival: this.lastArrival.get(key) ?? Number.NEGATIVE_INFINITY,
      lastSent: this.lastSent.get(key) ?? Number.NEGATIVE_INFINITY,
      inFlight: this.sender.budget.inUse(budgetKeyOf(queue)),
    });
  }

  /**
   * Pumps again once the window has passed. A wait that ended without the clock moving (a clock that does not
   * wait) or was cut short (the provider was cancelled) ends the window: what waits goes at once.
   */
  private gather(key: string, version: ApiVersion, waitMs: number): void {
    if (this.gathering.has(key)) return;
    this.gathering.add(key);
    const before = this.clock.now();
    void this.clock
      .sleep(waitMs)
      .then(
        () => this.clock.now() === before,
        () => true,
      )
      .then((over) => {
        this.gathering.delete(key);
        void this.pump(key, version, over);
      });
  }

  /** Sends one attempt, then settles, re-queues or waits out a retry delay for each of its requests. */
  private async send(version: ApiVersion, chunk: Queued[], sequential: boolean): Promise<void> {
    const judged = judgeAttempt(chunk, await this.attempt(version, chunk, sequential), sequential, (outcome, retryCount) =>
      this.sender.retryDelayMs(outcome, retryCount),
    );
    if (judged.stopChains) this.chaining = false;
    const unrun: Queued[] = [];
    const again: Array<{ queued: Queued; verdict: Again }> = [];
    judged.verdicts.forEach((verdict, index) => {
      const queued = chunk[index];
      if ("settle" in verdict) queued.settle(verdict.settle);
      else if ("unrun" in verdict) {
        queued.unchained = true;
        unrun.push(queued);
      } else again.push({ queued, verdict: verdict.again });
    });
    this.putBack(version, unrun);
    if (again.length > 0) this.retryLater(version, again, chunk.length);
  }

  private async attempt(version: ApiVersion, chunk: readonly Queued[], sequential: boolean): Promise<CallOutcome> {
    try {
      if (chunk.length === 1) {
        const { item } = chunk[0];
        const response = await this.sender.attempt(item.method, version, item.url, item.body, item.headers ?? {});
        return { answers: [{ status: response.status, headers: response.headers, body: response.body }] };
      }
      const requests = batchRequests(
        chunk.map((queued) => queued.item),
        sequential,
      );
      const response = await this.sender.attempt("POST", version, BATCH_PATH, { requests }, {});
      return response.status >= 200 && response.status < 300 ? { answers: batchAnswers(response.body, chunk.length) } : { call: response };
    } catch (error) {
      return { error };
    }
  }

  /**
   * The requests one attempt left to retry wait once, for the longest delay among them, and go again together
   * (concepts/throttling.md). Should the wait be cut short (the provider was cancelled), each settles with the
   * answer it had. A retry of what the client sent (a request alone, a `$batch` call) is told, as the
   * pipeline tells its own; the retries of requests inside a batch are not, one line per throttled answer.
   */
  private retryLater(version: ApiVersion, again: Array<{ queued: Queued; verdict: Again }>, sent: number): void {
    const waitMs = Math.max(...again.map(({ verdict }) => verdict.delayMs));
    for (const { queued, verdict } of again) {
      if (verdict.call) queued.callRetries += 1;
      else queued.retries += 1;
      queued.retriedAfter.push(verdict.call ? `${verdict.reason} to its $batch call` : verdict.reason);
    }
    const [{ queued: first, verdict }] = again;
    if (sent === 1 || verdict.call) {
      this.sender.onRetry?.({
        description: sent === 1 ? `${first.item.method} /${version}${first.item.url}` : `POST /${version}${BATCH_PATH} (${sent} requests)`,
        retryCount: verdict.call ? first.callRetries : first.retries,
        delayMs: waitMs,
        reason: verdict.reason,
      });
    }
    this.sender.sleep(waitMs).then(
      () =>
        this.requeue(
          version,
          again.map(({ queued }) => queued),
        ),
      () => {
        for (const { queued, verdict: retry } of again) queued.settle(retry.otherwise);
      },
    );
  }

  /** Requests that go again at once, unrun by a broken chain: back at the front of the queue, in the order they were sent. */
  private putBack(version: ApiVersion, requests: Queued[]): void {
    const keys = new Set([...requests].reverse().map((queued) => this.enqueue(version, queued, true)));
    for (const key of keys) void this.pump(key, version);
  }

  /**
   * Requests that waited out a retry delay: behind what is waiting. Put back at the front, they went again
   * with the same neighbours in the same places of the next batch, round after round, and a request met the
   * same throttling each time (a 429 on every 5th request: a member write throttled 9 times in a row while
   * 5,999 others went through).
   */
  private requeue(version: ApiVersion, requests: Queued[]): void {
    const keys = new Set(requests.map((queued) => this.enqueue(version, queued)));
    for (const key of keys) void this.pump(key, version);
  }
}
