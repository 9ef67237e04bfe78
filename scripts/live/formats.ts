/**
 * The two files the live contract run leaves: its transcript (what Graph was asked and what it answered, redacted)
 * and the fixture a transcript becomes (`npm run live:fixture`), which tests/integration/liveFixtures.test.ts
 * replays against the emulator.
 */

export const TRANSCRIPT_FORMAT = "pulumi-graph-connectors/live-transcript@1";
export const FIXTURE_FORMAT = "pulumi-graph-connectors/live-fixture@1";

/** Who answered: a Microsoft 365 tenant, or the emulator standing in for one (the run `npm test` makes). */
export type TranscriptSource = "tenant" | "emulator";

/** Whose token a request carried: the app registration's, or a signed-in user's (Application Proxy). */
export type Identity = "application" | "user";

export interface RecordedRequest {
  method: string;
  /** Path and query from the Graph root, version included: `/v1.0/external/connections`. */
  url: string;
  /** The headers that matter to Graph (content-type, prefer, client-request-id, authorization as redacted). */
  headers: Record<string, string>;
  /** The body as sent: parsed JSON, or the text itself when it was sent verbatim (`bodyText`). */
  body?: unknown;
  bodyText?: string;
}

export interface RecordedResponse {
  status: number;
  /** The headers that matter to a client (location, retry-after, request ids, preference-applied, content-type). */
  headers: Record<string, string>;
  body?: unknown;
}

export interface RecordedExchange {
  /** Order in which the requests went out. */
  seq: number;
  /** The scenario step that made it. */
  step: string;
  /** The open question (docs/open-questions.md) this request asks, when it asks one. */
  question?: string;
  as: Identity;
  /** Since the run started, by the run's clock. */
  atMs: number;
  durationMs: number;
  /** What the run slept between the previous request and this one (the waits of polling). */
  waitedMs: number;
  request: RecordedRequest;
  /** Absent when no answer came. */
  response?: RecordedResponse;
  /** Why no answer came (a reset, a timeout). */
  error?: string;
}

export type StepOutcome = "passed" | "failed" | "skipped";

export interface StepResult {
  step: string;
  outcome: StepOutcome;
  /** What was shown, or why it failed or was skipped. */
  detail: string;
}

export interface QuestionAnswer {
  question: string;
  /** What Graph answered, in a line: `409 notAllowed: …`, `accepted (202)`. */
  answer: string;
  /** The `seq` of the exchanges that show it. */
  evidence: number[];
}

export interface Transcript {
  format: typeof TRANSCRIPT_FORMAT;
  source: TranscriptSource;
  prefix: string;
  startedAt: string;
  /** The Graph root the run talked to (`https://graph.microsoft.com`, or the emulator's URL). */
  graphRoot: string;
  environment: string;
  /** Placeholders standing for identifying values, e.g. `<tenant-id>`. */
  placeholders: string[];
  exchanges: RecordedExchange[];
  steps: StepResult[];
  answers: QuestionAnswer[];
}

/** Where a value a later request names is taken from, in the replay's own answers. */
export type CaptureSource =
  | { from: "location" }
  | { from: "body.id" }
  /** The `id` of the item of `body.value` whose `field` equals `equals` (e.g. the setting whose name is null). */
  | { from: "body.value"; field: string; equals: unknown };

export interface FixtureRequest {
  step: string;
  question?: string;
  as: Identity;
  method: string;
  /** Relative to the Graph root, with `{{name}}` placeholders for values the replay fills in. */
  url: string;
  headers?: Record<string, string>;
  /** The body as text, with placeholders. */
  body?: string;
  /** The status the recorded tenant answered. */
  status: number;
  /** For `$batch`: each inner request's recorded status by its id (throttling left out: it is load, not contract). */
  batch?: Record<string, number>;
  /**
   * On every GET: a read may be early or late against work that takes its time (a schema operation, a
   * deletion), so the replay sends it again, moving the emulator's clock on, until it answers `status` and,
   * where the run waited for them, these body fields (`status: completed`, `state: ready`).
   */
  until?: { body?: Record<string, unknown> };
  capture?: Record<string, CaptureSource>;
}

/** A request that puts the tenant's state from before the run into the emulator (e.g. the precedence setting that existed). */
export interface FixtureSeed {
  why: string;
  /** Relative to the emulator's root: a Graph URL, or a `/_emulator/` control path. */
  method: string;
  url: string;
  as?: Identity;
  body?: string;
  capture?: Record<string, CaptureSource>;
}

export interface Fixture {
  format: typeof FIXTURE_FORMAT;
  name: string;
  source: TranscriptSource;
  recordedAt: string;
  /** The transcript it was made from (its file name). */
  from: string;
  description: string;
  seed: FixtureSeed[];
  requests: FixtureRequest[];
}
