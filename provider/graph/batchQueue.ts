/**
 * One queue of batchable requests per connection, shared by every resource the provider process serves:
 * member changes of all groups, and single group and member requests (coalescer.ts). A pump sends them as
 * `$batch` calls within the connection's budget (client.budget, Graph's 25 concurrent operations): each call
 * takes as many queued requests as the budget has room for, up to 20 (and at least 5 while others are out,
 * see smallestBatch), so the budget stays full with batches of 20 and 5 and is never exceeded, and requests
 * of different resources share batches.
 *
 * When at least 10 requests are left for every unit of the budget, each unit strings its equal share of up
 * to 20 together instead, fully sequential (each `dependsOn` the one before it, model/batch.ts): Graph runs
 * them one after another, so the batch holds one unit of the budget however many it carries, and a unit pays
 * one network round trip per chain instead of one per request (see chainLength). A request whose predecessor failed is answered 424
 * without having run; it goes again at once, in a parallel batch. Should Graph throttle a request of a chain
 * (it would count a chain's requests at once, which its documents do not say) or refuse a chain whole, chains
 * stop for good.
 *
 * Requests that trickle in (the engine starts resources one by one) are gathered: a batch that is not full
 * waits until no request arrived for {@link GATHER_IDLE_MS}, or its oldest request waited {@link GATHER_MAX_MS}.
 * Except at the start of a burst, for a request whose answer starts more work (a group's create, before its
 * members): when nothing is in flight on the connection and nothing was sent for {@link GATHER_IDLE_MS}, it
 * goes at once, and what arrives while it is out gathers as before. Waiting would leave the whole budget idle
 * for as long as the engine takes to start 20 groups (~300 ms for 50 groups, measured), to save one request.
 * Identical GETs waiting at once are sent once (join). Group and member requests are paced under Graph's group
 * administration threshold (client.groupRate).
 * Inner 429/503/504 answers are re-queued after the client's retry delay (one policy with the pipeline's).
 * A batch of one is sent as the plain request it is.
 */
import { BATCH_MAX_REQUESTS, BATCH_PATH, FAILED_DEPENDENCY_STATUS } from "../../model/batch";
import { connectionIdOf } from "../../model/connection";
import { isGroupAdministration } from "../../model/group";
import { TRANSIENT_STATUSES } from "../../model/limits";
import type { BatchItem, BatchResult } from "./batch";
import type { ApiVersion, GraphClient } from "./client";
import { isGraphError } from "./errors";

/**
 * Gathering: send a partial batch once no request arrived for this long… The engine starts resources in
 * clumps with pauses of 100-300 ms between them (its state writes), so a shorter wait sent a partial batch
 * per clump (200 ExternalGroupMember creates: 14-15 batches at 100 ms, 10-11 at 300 ms, measured). A lone
 * request pays the wait once.
 */
export const GATHER_IDLE_MS = 300;
/** …or once its oldest request waited this long. */
export const GATHER_MAX_MS = 2000;
/** The shortest sequential batch (see chainLength): shorter shares go in parallel batches. */
export const MIN_CHAIN = 10;

interface Queued {
  item: BatchItem;
  startsWork: boolean;
  arrivedAt: number;
  retries: number;
  retriedAfter: number[];
  /** It went out in a chain that broke before it (424): next time it goes in a parallel batch. */
  unchained?: boolean;
  settle: (result: BatchResult) => void;
}

interface InnerResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

function sameHeaders(a: Record<string, string> = {}, b: Record<string, string> = {}): boolean {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((name) => a[name] === b[name]);
}

/** The connection budget a queue's requests draw on (all of one queue share a connection). */
function budgetKeyOf(queue: Queued[]): string {
  return connectionIdOf(queue[0].item.url) ?? "";
}

function lowerCaseHeaders(headers: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
}

export class BatchQueue {
  private readonly queues = new Map<string, Queued[]>();
  private readonly pumping = new Set<string>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly lastArrival = new Map<string, number>();
  private readonly lastSent = new Map<string, number>();
  /** Sequential batches are sent until Graph throttles a request of one (see the class comment). */
  private chaining = true;
  /** Sequential batches in flight per connection budget: when each went and how many requests it carries. */
  private readonly chainsOut = new Map<string, Set<{ sentAt: number; length: number }>>();
  /** How long a chained request took, from the last chain answered (undefined before the first). */
  private msPerChained?: number;

  /** Whether batches may still be sent as chains (false once Graph throttled a request of one). */
  get sequential(): boolean {
    return this.chaining;
  }

  constructor(private readonly client: GraphClient, private readonly sleep: (ms: number) => Promise<void>) {}

  /**
   * Queues independent requests of one API version; each result comes back as Graph answered it.
   * `startsWork`: their answers let more work start (see the class comment).
   */
  submit(version: ApiVersion, items: BatchItem[], options: { startsWork?: boolean } = {}): Promise<BatchResult[]> {
    const startsWork = options.startsWork === true;
    const keys = new Set<string>();
    const results = Promise.all(items.map((item) => new Promise<BatchResult>((settle) => {
      if (!this.join(version, item, settle)) keys.add(this.enqueue(version, { item, startsWork, arrivedAt: Date.now(), retries: 0, retriedAfter: [], settle }));
    })));
    // Once all are queued: pumped one by one, the first 20 went as a parallel batch the moment they were
    // queued, before the pump saw how many came (see chainLength).
    for (const key of keys) void this.pump(key, version);
    return results;
  }

  /**
   * A GET identical to one still waiting in the queue shares its answer instead of being sent again: a refresh
   * of 200 ExternalGroupMember resources of one group reads that group 200 times at once. Only a request not
   * yet sent is joined, so the answer still comes from a read made after the caller asked.
   */
  private join(version: ApiVersion, item: BatchItem, settle: (result: BatchResult) => void): boolean {
    if (item.method !== "GET" || item.body !== undefined) return false;
    const twin = this.queues.get(this.key(version, item))
      ?.find((queued) => queued.item.method === "GET" && queued.item.url === item.url && sameHeaders(queued.item.headers, item.headers));
    if (!twin) return false;
    const first = twin.settle;
    // Each caller gets its own copy of the body, as if it had been answered alone.
    twin.settle = (result) => { first(result); settle({ ...result, item, body: structuredClone(result.body) }); };
    return true;
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
    this.lastArrival.set(key, Date.now());
    return key;
  }

  /** How long a partial batch should still wait for company (0: send now); `chainLength` is the queue's. */
  private gatheringLeft(key: string, queue: Queued[], chainLength: number): number {
    if (queue.length >= BATCH_MAX_REQUESTS || queue.some((queued) => queued.retries > 0 || queued.unchained)) return 0;
    // A share of work that chains in flight are doing: it goes now, to end with them.
    if (chainLength > 0) return 0;
    const now = Date.now();
    if (queue[0].startsWork && this.startsBurst(key, queue, now)) return 0;
    const idle = GATHER_IDLE_MS - (now - (this.lastArrival.get(key) ?? 0));
    const max = GATHER_MAX_MS - (now - queue[0].arrivedAt);
    return Math.max(0, Math.min(idle, max));
  }

  /** Nothing is in flight on the queue's connection, and the queue sent nothing for a gathering window. */
  private startsBurst(key: string, queue: Queued[], now: number): boolean {
    return now - (this.lastSent.get(key) ?? Number.NEGATIVE_INFINITY) >= GATHER_IDLE_MS && this.client.budget.inUse(budgetKeyOf(queue)) === 0;
  }

  private async pump(key: string, version: ApiVersion): Promise<void> {
    if (this.pumping.has(key)) return;
    this.pumping.add(key);
    try {
      for (;;) {
        const queue = this.queues.get(key) ?? [];
        if (queue.length === 0) return;
        const chainLength = this.chainLength(queue);
        const wait = this.gatheringLeft(key, queue, chainLength);
        if (wait > 0) {
          if (!this.timers.has(key)) {
            this.timers.set(key, setTimeout(() => { this.timers.delete(key); void this.pump(key, version); }, wait));
          }
          return;
        }
        const lease = chainLength > 0
          ? await this.client.budget.acquire(budgetKeyOf(queue), 1)
          : await this.client.budget.acquireUpTo(budgetKeyOf(queue), Math.min(BATCH_MAX_REQUESTS, queue.length), this.smallestBatch());
        // Only this pump takes from the queue, so it still holds at least `lease.units` requests, and a chain's
        // (unless a broken chain's requests came back to its front meanwhile: a shorter chain, or one alone).
        const chunk = queue.splice(0, chainLength > 0 ? Math.max(1, Math.min(chainLength, this.chainable(queue))) : lease.units);
        this.lastSent.set(key, Date.now());
        await this.client.groupRate.take(chunk.filter((queued) => isGroupAdministration(queued.item.url)).length);
        const sequential = chainLength > 0 && chunk.length > 1;
        const chains = sequential ? this.chainsOf(budgetKeyOf(chunk)) : undefined;
        const chain = { sentAt: Date.now(), length: chunk.length };
        chains?.add(chain);
        void this.send(version, chunk, sequential).finally(() => {
          if (chains) {
            chains.delete(chain);
            this.msPerChained = (Date.now() - chain.sentAt) / chain.length;
          }
          lease.release();
        });
      }
    } finally {
      this.pumping.delete(key);
    }
  }

  /**
   * The smallest batch the pump sends while requests wait: the budget's remainder after batches of 20 (5 of
   * Graph's 25). Units freed in smaller numbers wait for the next answer instead of going out as a fragment,
   * which would come back on its own and split every later round the same way (measured: 50 groups handed
   * over at once went out as batches of 20, 4 and 1, 251 requests instead of 170, in the same time). It
   * never waits on nothing: with nothing in flight the whole budget is free (the budget caps it at the batch
   * asked for and at its limit).
   */
  private smallestBatch(): number {
    return this.client.budget.limit % BATCH_MAX_REQUESTS || BATCH_MAX_REQUESTS;
  }

  /**
   * How many waiting requests the next batch strings together (0: a parallel batch instead): an equal share
   * for each unit of the budget of the work left, the queue and what chains in flight have still to run, up
   * to 20. A chain of n holds its unit for n service times and one round trip, where n requests in parallel
   * batches cost a round trip each on the unit they take; with every unit taking an equal share the work
   * ends about together, one round trip per share, in one call per chain. Shares under {@link MIN_CHAIN} go
   * in parallel batches, which carry 20 a call and finish about as soon: a refresh of 50 groups (52 GETs) or a
   * small update goes in a few batches. Near the end a unit that comes back takes a share as short as what
   * the chains out have left, so the last chains end together (a chain of 20 sent then ran on alone for up to
   * 600 ms, measured). Measured against the emulator (30 ms a request, 5 ms latency): a round trip cost a unit
   * ~9 ms beyond its service time, so parallel batches alone reached 1.33 times the limit on 500 groups
   * (docs/benchmark.md at dd94379), chains of 20 only 1.08-1.12, equal shares 1.06-1.09 (50 groups in one set
   * 1.11-1.14, from 1.17-1.22; the set's 5 % update 1.08, from 1.22).
   */
  private chainLength(queue: Queued[]): number {
    if (!this.chaining) return 0;
    const share = Math.floor((queue.length + this.chainedWorkLeft(budgetKeyOf(queue))) / this.client.budget.limit);
    const length = Math.min(BATCH_MAX_REQUESTS, share, this.chainable(queue));
    return length >= MIN_CHAIN ? length : 0;
  }

  private chainsOf(budgetKey: string): Set<{ sentAt: number; length: number }> {
    const chains = this.chainsOut.get(budgetKey) ?? new Set();
    this.chainsOut.set(budgetKey, chains);
    return chains;
  }

  /**
   * Requests that chains in flight on a connection have still to run, from how long a chained request took in
   * the last chain answered (before one was, each counts whole).
   */
  private chainedWorkLeft(budgetKey: string): number {
    const now = Date.now();
    let left = 0;
    for (const chain of this.chainsOut.get(budgetKey) ?? []) {
      left += this.msPerChained === undefined ? chain.length : Math.max(0, chain.length - (now - chain.sentAt) / this.msPerChained);
    }
    return left;
  }

  /** How many requests from the front of the queue may go in one chain: a broken chain's go in parallel first. */
  private chainable(queue: Queued[]): number {
    let count = 0;
    while (count < Math.min(BATCH_MAX_REQUESTS, queue.length) && !queue[count].unchained) count += 1;
    return count;
  }

  private async send(version: ApiVersion, chunk: Queued[], sequential: boolean): Promise<void> {
    if (chunk.length === 0) return;
    let answers: Array<Pick<BatchResult, "status" | "headers" | "body"> | undefined>;
    try {
      answers = chunk.length === 1 ? [await this.sendAlone(version, chunk[0].item)] : await this.sendBatch(version, chunk, sequential);
    } catch (error) {
      // The $batch call failed even after the pipeline's retries: a 4xx was refused before anything was
      // done; anything else may hide work done.
      const refused = isGraphError(error) && error.status >= 400 && error.status < 500;
      if (refused && sequential) {
        // Graph refused the chain itself, not a request of it: none ran, and they go again in parallel batches.
        this.chaining = false;
        for (const queued of chunk) queued.unchained = true;
        this.putBack(version, chunk);
        return;
      }
      for (const queued of chunk) {
        queued.settle({
          item: queued.item, status: refused ? (error as { status: number }).status : 0, headers: {}, body: undefined,
          delivery: refused ? "answered" : "lost", error: error as Error, ...this.history(queued),
        });
      }
      return;
    }
    const again: Queued[] = [];
    const unrun: Queued[] = [];
    let waitMs = 0;
    if (sequential && answers.some((answer) => answer?.status === 429)) this.chaining = false;
    chunk.forEach((queued, index) => {
      const answer = answers[index];
      if (sequential && answer?.status === FAILED_DEPENDENCY_STATUS) {
        // Not run, since one before it in the chain failed: it goes again, alongside others, not after them.
        queued.unchained = true;
        unrun.push(queued);
        return;
      }
      if (!answer) {
        queued.settle({
          item: queued.item, status: 0, headers: {}, delivery: "lost", ...this.history(queued),
          body: { error: { code: "missingBatchResponse", message: "the $batch answer had no response for this request" } },
        });
        return;
      }
      // A plain request already had the pipeline's retries; an inner answer gets the same policy here.
      const delayMs = chunk.length > 1 && TRANSIENT_STATUSES.includes(answer.status) ? this.client.retryDelayMs(answer, queued.retries) : undefined;
      if (delayMs === undefined) {
        queued.settle({ item: queued.item, ...answer, delivery: "answered", ...this.history(queued) });
        return;
      }
      queued.retries += 1;
      queued.retriedAfter.push(answer.status);
      again.push(queued);
      waitMs = Math.max(waitMs, delayMs);
    });
    this.putBack(version, unrun);
    // The throttled requests of one answer wait once, for the longest delay among them, and go again together.
    if (again.length > 0) void this.sleep(waitMs).then(() => this.putBack(version, again));
  }

  /** Requests that go again: back at the front of the queue, in the order they were sent. */
  private putBack(version: ApiVersion, requests: Queued[]): void {
    const keys = new Set([...requests].reverse().map((queued) => this.enqueue(version, queued, true)));
    for (const key of keys) void this.pump(key, version);
  }

  private history(queued: Queued): Pick<BatchResult, "retriedAfter"> {
    return queued.retriedAfter.length > 0 ? { retriedAfter: [...queued.retriedAfter] } : {};
  }

  private async sendAlone(version: ApiVersion, item: BatchItem): Promise<Pick<BatchResult, "status" | "headers" | "body">> {
    try {
      // The budget unit is already held by the pump.
      const response = await this.client.requestUrl(item.method, this.client.url(version, item.url), item.body, { headers: item.headers, budgetHeld: true });
      return { status: response.status, headers: response.headers, body: response.body };
    } catch (error) {
      if (isGraphError(error)) return { status: error.status, headers: error.response.headers, body: error.response.body };
      throw error;
    }
  }

  private async sendBatch(version: ApiVersion, chunk: Queued[], sequential: boolean): Promise<Array<Pick<BatchResult, "status" | "headers" | "body"> | undefined>> {
    const requests = chunk.map(({ item }, index) => ({
      id: String(index),
      method: item.method,
      url: item.url,
      ...(sequential && index > 0 ? { dependsOn: [String(index - 1)] } : {}),
      ...(item.body === undefined && !item.headers ? {} : { headers: { ...item.headers, ...(item.body === undefined ? {} : { "Content-Type": "application/json" }) } }),
      ...(item.body === undefined ? {} : { body: item.body }),
    }));
    const response = await this.client.request("POST", version, BATCH_PATH, { requests });
    const byId = new Map(((response.body as { responses?: InnerResponse[] })?.responses ?? []).map((answer) => [answer.id, answer]));
    return chunk.map((_, index) => {
      const answer = byId.get(String(index));
      return answer && { status: answer.status, headers: lowerCaseHeaders(answer.headers), body: answer.body };
    });
  }
}
