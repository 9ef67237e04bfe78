/**
 * One live contract run: the provider contexts it drives the handlers with (one as the app registration, one as
 * a signed-in user when delegated credentials are given), the transcript every request lands in, the restore
 * point, and the three ways a step talks to Graph: through a resource handler (the provider's behaviour, which
 * must hold), through `raw` (a request of the run's own that asks an open question and takes whatever Graph
 * answers), and `answer` (what that answer was).
 */
import type { TokenCredential } from "@azure/identity";
import type { ProviderSettings } from "../../provider/config/settings";
import { GraphConnectorsError } from "../../provider/errors";
import { isGraphError } from "../../provider/graph/errors";
import { HttpMethod } from "../../provider/graph/request";
import type { ApiVersion } from "../../model/apiVersion";
import type { ResourceHandler } from "../../provider/resources/contract";
import { createContext, ProviderContext } from "../../provider/context";
import { checkResource } from "../../provider/engine/check";
import { typeOfHandler } from "../../provider/engine/registry";
import { Identity, StepOutcome, TranscriptSource } from "./formats";
import { QuestionId } from "./questions";
import { RestorePoint } from "./restorePoint";
import { TranscriptRecorder } from "./transcript";

/** Where the run goes and as whom. */
export interface LiveTarget {
  source: TranscriptSource;
  settings: ProviderSettings;
  /** The app registration's credential: connections, schema, groups, people settings. */
  application: TokenCredential;
  /** A user's sign-in, for Application Proxy (Graph accepts only delegated tokens there); those steps are skipped without it. */
  user?: { credential: TokenCredential; username: string };
  /** The machine name of an installed Application Proxy connector the run may move into its group and back. */
  connectorMachineName?: string;
}

export interface RunOptions {
  prefix: string;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  /** Progress lines for the person running it. */
  log: (line: string) => void;
  restorePointPath: string;
  /** Where the transcript is written after every step, so that a run killed midway leaves what it had seen. */
  transcriptPath?: string;
  /** Longest wait for a deletion or a probe's schema operation. @default 30 minutes (schemas take 5-15 on Graph) */
  waitTimeoutMs?: number;
}

/** Thrown by a step that cannot run here (no delegated credentials, no connector named); the reason is shown. */
export class StepSkipped extends GraphConnectorsError {
  override readonly name = "StepSkipped" as const;
}

/** What a provider behaviour the run checks turned out not to be. */
export class ContractViolation extends GraphConnectorsError {
  override readonly name = "ContractViolation" as const;
}

/** Graph's answer to a raw request, whatever its status. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** Graph's error code and message, for a refusal. */
  code?: string;
  message?: string;
  /** The transcript entry of the answer (the last attempt). */
  seq: number;
}

/** An answer in a line: `202`, `409 notAllowed: The delete is already in progress.` */
export function describeAnswer(answer: Answer): string {
  return `${answer.status}${answer.code ? ` ${answer.code}` : ""}${answer.message ? `: ${answer.message}` : ""}`;
}

export class LiveRun {
  readonly transcript: TranscriptRecorder;
  readonly app: ProviderContext;
  readonly user?: ProviderContext;
  readonly restore: RestorePoint;
  /** Every line the provider logged, in order (adoption and wait messages are evidence too). */
  readonly logs: string[] = [];
  readonly waitTimeoutMs: number;
  private readonly outcomes = new Map<string, StepOutcome>();

  constructor(
    readonly target: LiveTarget,
    readonly options: RunOptions,
  ) {
    const { settings } = target;
    this.waitTimeoutMs = options.waitTimeoutMs ?? 30 * 60_000;
    const identifying: Array<readonly [string, string]> = [];
    if (settings.tenantId) identifying.push([settings.tenantId, "<tenant-id>"]);
    if (settings.clientId) identifying.push([settings.clientId, "<client-id>"]);
    if (target.user) identifying.push([target.user.username, "<user>"]);
    if (target.connectorMachineName) identifying.push([target.connectorMachineName, "<connector>"]);
    this.transcript = new TranscriptRecorder({
      source: target.source,
      prefix: options.prefix,
      graphRoot: settings.endpoint,
      environment: settings.environment,
      now: options.now,
      identifying,
    });
    const sleep = this.transcript.sleeping(options.sleep);
    const log = (line: string) => {
      this.logs.push(line);
      options.log(`  ${line}`);
    };
    const context = (credential: TokenCredential, as: Identity) =>
      createContext(settings, { credential, sleep, now: options.now, log, onExchange: this.transcript.observer(as) });
    this.app = context(target.application, "application");
    this.user = target.user && context(target.user.credential, "user");
    this.restore = new RestorePoint(options.restorePointPath, options.prefix);
  }

  get prefix(): string {
    return this.options.prefix;
  }

  /**
   * Runs one step, recording how it went: passed with what it showed, skipped (StepSkipped, or a step it needs did
   * not pass) or failed with the error. Never throws, so one failure leaves the other steps and the cleanup to run.
   */
  async step(name: string, needs: readonly string[], body: () => Promise<string>): Promise<boolean> {
    this.transcript.step = name;
    this.transcript.question = undefined;
    const missing = needs.find((need) => this.outcomes.get(need) !== "passed");
    let outcome: StepOutcome;
    let detail: string;
    if (missing !== undefined) {
      [outcome, detail] = ["skipped", `needs step '${missing}', which did not pass`];
    } else {
      this.options.log(`${name}…`);
      try {
        [outcome, detail] = ["passed", await body()];
      } catch (error) {
        [outcome, detail] = error instanceof StepSkipped ? ["skipped", error.message] : ["failed", (error as Error).message];
      }
    }
    this.transcript.question = undefined;
    this.outcomes.set(name, outcome);
    this.transcript.steps.push({ step: name, outcome, detail });
    this.options.log(`${name}: ${outcome}: ${detail}`);
    if (this.options.transcriptPath) this.transcript.write(this.options.transcriptPath);
    return outcome === "passed";
  }

  /** Labels the requests `ask` makes with the open question they ask. */
  async ask<T>(question: QuestionId, ask: () => Promise<T>): Promise<T> {
    const outer = this.transcript.question;
    this.transcript.question = question;
    try {
      return await ask();
    } finally {
      this.transcript.question = outer;
    }
  }

  /** Records what Graph answered to an open question (a question asked in two places gets two lines). */
  answer(question: QuestionId, answer: string, evidence: number[]): void {
    this.transcript.answers.push({ question, answer, evidence });
    this.options.log(`  ${question}: ${answer}`);
  }

  /**
   * A request of the run's own through the provider's Graph client (its retries, its token, its headers),
   * answered whatever its status: the run asks, Graph decides. Only a request that got no answer throws.
   */
  async raw(
    method: HttpMethod,
    version: ApiVersion,
    path: string,
    body?: unknown,
    options: { headers?: Record<string, string>; as?: Identity } = {},
  ): Promise<Answer> {
    const ctx = options.as === "user" ? this.requireUser() : this.app;
    try {
      const response = await ctx.graph.request(method, version, path, body, { headers: options.headers });
      return { status: response.status, headers: response.headers, body: response.body, seq: this.transcript.lastSeq };
    } catch (error) {
      if (!isGraphError(error)) throw error;
      const response = error.response;
      const graphError = (response.body as { error?: { code?: string; message?: string; innerError?: { message?: string } } } | undefined)
        ?.error;
      // The connectors service puts the reason in innerError behind a generic message ("The request is malformed or incorrect.").
      const inner = graphError?.innerError?.message;
      const message =
        [graphError?.message, inner && inner !== graphError?.message ? `(${inner})` : undefined].filter(Boolean).join(" ") || undefined;
      return {
        status: response.status,
        headers: response.headers,
        body: response.body,
        code: graphError?.code,
        message,
        seq: this.transcript.lastSeq,
      };
    }
  }

  /** The user's context, or the step is skipped. */
  requireUser(): ProviderContext {
    if (!this.user)
      throw new StepSkipped(
        "no delegated credentials: set AZURE_USERNAME and AZURE_PASSWORD (Graph accepts only a user's token for Application Proxy)",
      );
    return this.user;
  }

  /** The inputs the engine's check makes of `news` for `handler`'s type, as `pulumi preview` would; a failure is the run's mistake. */
  checked<Inputs>(handler: ResourceHandler<Inputs, unknown>, news: Record<string, unknown>): Inputs {
    const result = checkResource(typeOfHandler(handler) as string, undefined, news);
    if (result.failures?.length)
      throw new ContractViolation(
        `check refused the run's own inputs: ${result.failures.map((failure) => `${failure.property}: ${failure.reason}`).join("; ")}`,
      );
    return result.inputs as Inputs;
  }
}

/** Fails the step with `what` unless `condition` holds. */
export function expectThat(condition: boolean, what: string): void {
  if (!condition) throw new ContractViolation(what);
}
