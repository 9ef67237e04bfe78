/**
 * What Graph charges for work, so a benchmark against the emulator means something: each operation (a
 * top-level request, or each request inside a `$batch`) takes a service time, and Graph's documented limits
 * answer 429 with Retry-After: 25 concurrent operations by one application on one connection (connectors API
 * overview, "Known limitations") and the group administration threshold (connecting-external-content-api-limits),
 * both from model/limits.ts and configurable. Inner `$batch` requests are counted and throttled one by one.
 */
import { CONCURRENT_OPERATIONS_PER_CONNECTION, GROUP_ADMIN_REQUESTS_PER_SECOND } from "../model/limits";
import { connectionIdOf } from "../model/connection";
import { isGroupAdministration } from "../model/group";
import { CostTimer, realCostTimer } from "./costTimer";
import { errorForStatus } from "./graphErrors";
import { EmulatorResponse } from "./http";

export interface CostModelOptions {
  /** Service time of every operation, on top of the network latency. @default 0 */
  opMs?: number;
  /** Concurrent operations one app may have on one connection. @default 25 */
  concurrencyLimit?: number;
  /** Group and member requests one app may make per second. @default 1000 */
  groupRequestsPerSecond?: number;
  /** The Retry-After of a 429 from these limits, in seconds. @default 1 */
  retryAfterSeconds?: number;
  /** Where service times are waited out. @default realCostTimer */
  timer?: CostTimer;
}

/** What `GET /_emulator/stats` reports. */
export interface EmulatorStats {
  /** HTTP requests to /v1.0 and /beta (a `$batch` is one). */
  requests: number;
  /** Operations: top-level requests other than `$batch`, plus every request inside one. */
  operations: number;
  /** 429s the limits answered (injected faults not counted). */
  throttled: number;
  /** The most operations ever in flight at once, per connection id. */
  peakConcurrency: Record<string, number>;
}

export interface Operation {
  appId: string;
  method: string;
  /** Relative to the version root, e.g. `/external/connections/hr/groups`. */
  path: string;
  /** When it started (a CostTimer time); its service time ends `opMs` later. @default when operated */
  startedAt?: number;
}

export class CostModel {
  private readonly inFlight = new Map<string, number>();
  private readonly groupRequests = new Map<string, number[]>();
  private readonly timer: CostTimer;
  stats: EmulatorStats = CostModel.emptyStats();

  constructor(readonly options: CostModelOptions = {}) {
    this.timer = options.timer ?? realCostTimer;
  }

  static emptyStats(): EmulatorStats {
    return { requests: 0, operations: 0, throttled: 0, peakConcurrency: {} };
  }

  reset(): void {
    this.stats = CostModel.emptyStats();
    this.groupRequests.clear();
  }

  countRequest(): void {
    this.stats.requests += 1;
  }

  /** Runs one operation: refused with 429 over a limit, else held for the service time, then handled. */
  async operate(operation: Operation, handle: () => Promise<EmulatorResponse>): Promise<EmulatorResponse> {
    this.stats.operations += 1;
    const connectionId = connectionIdOf(operation.path);
    const key = connectionId === undefined ? undefined : `${operation.appId} ${connectionId}`;
    const limit = this.options.concurrencyLimit ?? CONCURRENT_OPERATIONS_PER_CONNECTION;
    if (key !== undefined && (this.inFlight.get(key) ?? 0) >= limit) return this.throttle();
    if (isGroupAdministration(operation.path) && !this.admitGroupRequest(operation.appId)) return this.throttle();
    if (key === undefined) return this.serve(operation, handle);
    const current = (this.inFlight.get(key) ?? 0) + 1;
    this.inFlight.set(key, current);
    this.stats.peakConcurrency[connectionId!] = Math.max(this.stats.peakConcurrency[connectionId!] ?? 0, current);
    try {
      return await this.serve(operation, handle);
    } finally {
      this.inFlight.set(key, (this.inFlight.get(key) ?? 1) - 1);
    }
  }

  private async serve(operation: Operation, handle: () => Promise<EmulatorResponse>): Promise<EmulatorResponse> {
    const opMs = this.options.opMs ?? 0;
    if (opMs > 0) await this.timer.until((operation.startedAt ?? this.timer.now()) + opMs);
    return handle();
  }

  /**
   * A sliding one-second window of the app's admitted group requests, oldest first. Times are added in
   * order, so the expired ones are at the front: dropping them costs little per request, where filtering the
   * whole window cost as many steps as the window holds (up to the threshold) for every operation.
   */
  private admitGroupRequest(appId: string): boolean {
    const now = this.timer.now();
    let recent = this.groupRequests.get(appId);
    if (recent === undefined) this.groupRequests.set(appId, (recent = []));
    while (recent.length > 0 && now - recent[0] >= 1000) recent.shift();
    if (recent.length >= (this.options.groupRequestsPerSecond ?? GROUP_ADMIN_REQUESTS_PER_SECOND)) return false;
    recent.push(now);
    return true;
  }

  private throttle(): EmulatorResponse {
    this.stats.throttled += 1;
    return errorForStatus(429, this.options.retryAfterSeconds ?? 1);
  }
}
