/**
 * Records every request the live run sends and every answer, from the Graph client's exchange observer (each
 * attempt, retries included), labelled with the scenario step and the open question it asks. What it writes is
 * redacted with the project's redaction: tokens and secrets scrubbed, the tenant id, client id, user name and
 * connector machine name replaced by placeholders, and a connector's public address too, so a transcript can be
 * attached to a bug report or turned into a fixture.
 */
import { writeFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { HttpExchange } from "../../provider/graph/policies/exchangeObserverPolicy";
import { JsonText } from "../../provider/graph/request";
import { redactWith } from "../../provider/graph/redact";
import {
  Identity,
  QuestionAnswer,
  RecordedExchange,
  RecordedRequest,
  RecordedResponse,
  StepResult,
  Transcript,
  TRANSCRIPT_FORMAT,
  TranscriptSource,
} from "./formats";

/** Request headers that change what Graph does or let its answer be traced. */
const REQUEST_HEADERS = ["content-type", "prefer", "client-request-id", "authorization"];
/** Answer headers a client acts on or quotes to support. */
const RESPONSE_HEADERS = ["content-type", "location", "retry-after", "request-id", "client-request-id", "preference-applied"];

/** Answer fields that locate the tenant's machines (an Application Proxy agent's public address). */
const LOCATING_FIELDS = ["externalIp"];

/** A copy of a JSON value with the locating fields' values replaced. */
function withoutLocations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLocations);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      LOCATING_FIELDS.includes(key) && typeof inner === "string" ? `<${key}>` : withoutLocations(inner),
    ]),
  );
}

const picked = (headers: Record<string, string>, names: readonly string[]) =>
  Object.fromEntries(
    Object.entries(headers)
      .filter(([name]) => names.includes(name.toLowerCase()))
      .map(([name, value]) => [name.toLowerCase(), value]),
  );

export interface TranscriptOptions {
  source: TranscriptSource;
  prefix: string;
  graphRoot: string;
  environment: string;
  now: () => number;
  /** Values that name the tenant, the app or the user, each with the placeholder that replaces it. */
  identifying: ReadonlyArray<readonly [value: string, placeholder: string]>;
}

export class TranscriptRecorder {
  readonly exchanges: RecordedExchange[] = [];
  readonly steps: StepResult[] = [];
  readonly answers: QuestionAnswer[] = [];
  /** The step and question requests are made for; the scenario runs one step at a time. */
  step = "preflight";
  question: string | undefined;
  private readonly startedAtMs: number;
  private readonly startedAt = new Date().toISOString();
  private sleptMs = 0;
  private readonly scrub: (text: string) => string;

  constructor(private readonly options: TranscriptOptions) {
    this.startedAtMs = options.now();
    this.scrub = redactWith(options.identifying);
  }

  /** The context's exchange observer for requests made as `as`. */
  observer(as: Identity): (exchange: HttpExchange) => void {
    return (exchange) => this.record(exchange, as);
  }

  /** The run's sleeps, so each request records how long the run waited before it (the polls of a wait). */
  sleeping(sleep: (ms: number) => Promise<void>): (ms: number) => Promise<void> {
    return async (ms) => {
      this.sleptMs += ms;
      await sleep(ms);
    };
  }

  /** The exchanges recorded after `seq` (exclusive) that match, in order. */
  since(seq: number, match: (exchange: RecordedExchange) => boolean = () => true): RecordedExchange[] {
    return this.exchanges.filter((exchange) => exchange.seq > seq && match(exchange));
  }

  get lastSeq(): number {
    return this.exchanges.length;
  }

  toJSON(): Transcript {
    const transcript: Transcript = {
      format: TRANSCRIPT_FORMAT,
      source: this.options.source,
      prefix: this.options.prefix,
      startedAt: this.startedAt,
      graphRoot: this.options.graphRoot,
      environment: this.options.environment,
      placeholders: this.options.identifying.map(([, placeholder]) => placeholder),
      exchanges: this.exchanges,
      steps: this.steps,
      answers: this.answers,
    };
    // One pass over the whole text, so no field (a header, a body, an error message) escapes the redaction.
    return JSON.parse(this.scrub(JSON.stringify(transcript))) as Transcript;
  }

  write(path: string): void {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify(this.toJSON(), null, 2)}\n`);
  }

  private record(exchange: HttpExchange, as: Identity): void {
    const url = new URL(exchange.request.url);
    const request: RecordedRequest = {
      method: exchange.request.method,
      url: `${url.pathname}${url.search}`,
      headers: picked(exchange.request.headers, REQUEST_HEADERS),
      ...(exchange.request.body instanceof JsonText
        ? { bodyText: exchange.request.body.text }
        : exchange.request.body === undefined
          ? {}
          : { body: structuredClone(exchange.request.body) }),
    };
    const response: RecordedResponse | undefined = exchange.response && {
      status: exchange.response.status,
      headers: picked(exchange.response.headers, RESPONSE_HEADERS),
      ...(exchange.response.body === undefined ? {} : { body: withoutLocations(exchange.response.body) }),
    };
    this.exchanges.push({
      seq: this.exchanges.length + 1,
      step: this.step,
      ...(this.question ? { question: this.question } : {}),
      as,
      atMs: exchange.startedAtMs - this.startedAtMs,
      durationMs: exchange.durationMs,
      waitedMs: this.sleptMs,
      request,
      ...(response ? { response } : {}),
      ...(exchange.error ? { error: exchange.error.message } : {}),
    });
    this.sleptMs = 0;
  }
}
