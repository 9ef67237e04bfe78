import { GraphConnectorsError } from "../errors";
import { isGraphError, isLostAnswerError } from "../graph/errors";
import { mayHaveTakenEffect } from "../graph/retryStrategies";
import { RequestObserver } from "../graph/request";
import { ProviderContext } from "../context";

/**
 * Polls `probe` until it returns a value, backing off from 1 s to `maxIntervalMs`; throws after `timeoutMs`,
 * ending the message with `afterTimeout` (what the person can do, or what the next run will do).
 * With `probeAtOnce: false` the first probe waits one interval, for what cannot be done yet when the wait starts.
 */
export async function waitFor<T>(
  ctx: ProviderContext,
  what: string,
  probe: () => Promise<T | undefined>,
  options: { timeoutMs: number; maxIntervalMs?: number; firstIntervalMs?: number; probeAtOnce?: boolean; afterTimeout?: string },
): Promise<T> {
  const started = ctx.now();
  let interval = options.firstIntervalMs ?? 1000;
  /** Sleeps the current interval (never past the timeout), then doubles it up to the maximum. */
  const pause = async () => {
    await ctx.sleep(Math.min(interval, options.timeoutMs - (ctx.now() - started)));
    interval = Math.min(interval * 2, options.maxIntervalMs ?? 30_000);
  };
  if (options.probeAtOnce === false) await pause();
  for (let polls = 1; ; polls++) {
    const result = await probe();
    if (result !== undefined) return result;
    const elapsed = ctx.now() - started;
    if (elapsed >= options.timeoutMs) {
      throw new GraphConnectorsError(
        `timed out after ${Math.round(elapsed / 1000)} s waiting for ${what}${options.afterTimeout ? `: ${options.afterTimeout}` : ""}`,
      );
    }
    if (polls === 1 || polls % 5 === 0) ctx.progress(`waiting for ${what} (${Math.round(elapsed / 1000)} s so far)`);
    await pause();
  }
}

/** Runs a request whose 404 means "already gone", e.g. a delete or a read of a removed object. */
export async function unlessNotFound<T>(request: () => Promise<T>): Promise<T | undefined> {
  try {
    return await request();
  } catch (error) {
    if (isGraphError(error, 404)) return undefined;
    throw error;
  }
}

/**
 * True when a failed request may still have taken effect: a connection lost once the request may have reached
 * Graph, a `$batch` answer that never came, or a 5xx (Graph documents a create answered 503 that did happen).
 * A 4xx means Graph refused the request before acting on it (the one rule: retryStrategies.ts).
 */
export function mayHaveApplied(error: unknown): boolean {
  if (isLostAnswerError(error)) return true;
  return mayHaveTakenEffect(isGraphError(error) ? { response: error.response } : { error });
}

export interface CreateOutcome {
  /** True when an existing object was taken over instead of created. */
  adopted: boolean;
  /** The create's response body, when it succeeded. */
  body?: unknown;
}

/**
 * Creates an object whose id the caller chooses, surviving Graph's ambiguous failures. A 503/504 or a lost
 * connection may hide a create that succeeded (the documented "broken adaptive card: 503, then 409" case),
 * so a 409 after such a retry, or a final ambiguous failure while the object now exists, adopts the object;
 * the caller then reconciles it to the desired state.
 *
 * A plain 409 is what the next `pulumi up` meets after a run was killed mid-create: Pulumi never learnt the
 * create happened (it is a pending create in the state). Such an object is exactly as the program declares
 * it, so an object with no `differences` is taken over and finished, with a log line saying so; one that
 * differs is refused (never silently taken over) unless `adoptExisting` is set.
 */
export async function createOrAdopt(
  ctx: ProviderContext,
  what: string,
  options: {
    create: (observer: RequestObserver) => Promise<{ body: unknown }>;
    exists: () => Promise<boolean>;
    adoptExisting: boolean;
    conflictHint: string;
    /** How the existing object differs from the program, one phrase per difference (empty: it matches). */
    differences: () => Promise<string[]>;
  },
): Promise<CreateOutcome> {
  const ambiguous: string[] = [];
  const observer: RequestObserver = {
    onRetry: (event) => {
      ambiguous.push(event.reason);
    },
  };
  try {
    const response = await options.create(observer);
    return { adopted: false, body: response.body };
  } catch (error) {
    if (isGraphError(error, 409)) {
      if (ambiguous.length > 0) {
        ctx.log(`${what} already exists after an ambiguous failure (${ambiguous.join(", ")}): the earlier attempt created it; adopting it`);
        return { adopted: true };
      }
      if (options.adoptExisting) {
        ctx.log(`${what} already exists; adopting it because adoptExisting is set`);
        return { adopted: true };
      }
      const differences = await options.differences();
      if (differences.length === 0) {
        ctx.log(
          `${what} already exists exactly as declared, as a run interrupted after creating it leaves it; managing it and finishing its setup`,
        );
        return { adopted: true };
      }
      throw new GraphConnectorsError(
        `${what} already exists in the tenant and differs from the program (${differences.join("; ")}). ${options.conflictHint}`,
      );
    }
    if (mayHaveApplied(error) && (await options.exists())) {
      ctx.log(`${what} exists although its create failed (${(error as Error).message}); adopting it`);
      return { adopted: true };
    }
    throw error;
  }
}

/** A short, readable rendering of a value for a difference message (objects as JSON, long ones cut). */
export function shortValue(value: unknown): string {
  if (value === undefined || value === null) return "unset";
  const text = typeof value === "string" ? `'${value}'` : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** One phrase per declared field whose value in Graph differs: "name is 'A' in Graph, 'B' in the program". */
export function fieldDifferences(
  declared: Record<string, unknown>,
  actual: Record<string, unknown>,
  fields: readonly string[],
  same: (field: string, a: unknown, b: unknown) => boolean,
): string[] {
  return fields
    .filter((field) => declared[field] !== undefined && !same(field, declared[field], actual[field]))
    .map((field) => `${field} is ${shortValue(actual[field])} in Graph, ${shortValue(declared[field])} in the program`);
}
