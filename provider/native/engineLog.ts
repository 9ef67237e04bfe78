/**
 * The native plugin's way to the person running Pulumi: the engine's `Log` RPC. The engine logs a native
 * plugin's stderr at Debug only (sdk/go/common/resource/plugin/plugin.go), so what went there ("connection X
 * will be replaced … deletes every ingested item", readiness gaps, schema-wait progress) was seen at `-v=9`
 * alone. Sent to `pulumirpc.Engine/Log` with the resource's URN, it shows under that resource in `pulumi
 * preview` and `pulumi up` of a program in any language: warnings and infos among the diagnostics, progress as
 * the engine's ephemeral messages (shown on the resource's line while it runs, not kept).
 *
 * Each operation's lines go in the order they were written; the call that wrote them answers the engine only
 * once they are delivered, so the last warning of a preview is never lost to the engine closing the plugin.
 * Progress is there to be overwritten: at most two lines a second, the newest, so an operation that reports
 * every group of a set sends a few lines, not one per group.
 * A line the engine does not take (no engine address, as when a test starts the plugin alone) goes to
 * stderr, where `-v=9` still shows it.
 */
import type * as grpcTypes from "@grpc/grpc-js";
import { OperationLog, stderrLog } from "../operationLog";
import { engine, engineServices, grpc } from "./pulumiRuntime";

type Severity = "info" | "warning";

interface Line {
  severity: Severity;
  message: string;
  ephemeral: boolean;
}

/** How long a line may take to reach the engine before it goes to stderr instead. */
const DELIVERY_DEADLINE_MS = 5_000;

/** Progress of one operation is sent at most this often: a person reads a line, not a stream. */
const PROGRESS_INTERVAL_MS = 500;

/**
 * The engine's address among the plugin's arguments, as Pulumi starts plugins: flags for the plugin's own
 * logging (`--logtostderr`, `-v=9`, `--tracing <endpoint>`) may come first.
 */
export function engineAddressOf(args: readonly string[]): string | undefined {
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === "--tracing") index += 1;
    else if (arg !== "--logtostderr" && !arg.startsWith("-v=")) return arg;
  }
  return undefined;
}

export class EngineLog {
  private readonly client: InstanceType<typeof engineServices.EngineClient> | undefined;
  /**
   * Warnings already given, by URN: the engine checks a resource it replaces a second time (for the
   * replacement), and the same readiness gap twice under one resource says nothing new. The engine starts a
   * plugin for each run (the preview and the update of `pulumi up` each get their own), so each run says it once.
   */
  private readonly warned = new Set<string>();

  constructor(address: string | undefined) {
    this.client = address ? new engineServices.EngineClient(address, grpc.credentials.createInsecure()) : undefined;
  }

  /** The log of one operation on the resource `urn` (empty: the stack's own diagnostics). */
  forResource(urn: string): OperationLog & { delivered(): Promise<void> } {
    const queue = new LineQueue((line) => this.send(urn, line));
    return {
      warn: (message) => {
        const key = `${urn}\n${message}`;
        if (this.warned.has(key)) return;
        this.warned.add(key);
        queue.push({ severity: "warning", message, ephemeral: false });
      },
      info: (message) => queue.push({ severity: "info", message, ephemeral: false }),
      progress: (message) => queue.push({ severity: "info", message, ephemeral: true }),
      delivered: () => queue.drained(),
    };
  }

  private send(urn: string, line: Line): Promise<void> {
    const client = this.client;
    if (!client) {
      toStderr(line);
      return Promise.resolve();
    }
    const request = new engine.LogRequest();
    request.setSeverity(line.severity === "warning" ? engine.LogSeverity.WARNING : engine.LogSeverity.INFO);
    request.setMessage(line.message);
    request.setUrn(urn);
    request.setEphemeral(line.ephemeral);
    return new Promise<void>((resolve) => {
      client.log(request, new grpc.Metadata(), { deadline: Date.now() + DELIVERY_DEADLINE_MS }, (error: grpcTypes.ServiceError | null) => {
        if (error) toStderr(line);
        resolve();
      });
    });
  }
}

function toStderr(line: Line): void {
  stderrLog(line.severity === "warning" ? `warning: ${line.message}` : line.message);
}

/**
 * One operation's lines, sent one at a time in order. Progress is sent at most every PROGRESS_INTERVAL_MS: a
 * newer line takes the place of one held or still waiting, and the last one held is sent when the operation
 * ends, so the resource's line shows where it stands without a message per group of a set.
 */
class LineQueue {
  private readonly waiting: Line[] = [];
  private sending: Promise<void> | undefined;
  private held: Line | undefined;
  private holdTimer: NodeJS.Timeout | undefined;
  private lastProgressAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly deliver: (line: Line) => Promise<void>) {}

  push(line: Line): void {
    if (line.ephemeral) {
      const wait = this.lastProgressAt + PROGRESS_INTERVAL_MS - Date.now();
      if (wait > 0) {
        this.held = line;
        this.holdTimer ??= setTimeout(() => this.release(), wait).unref();
        return;
      }
      this.lastProgressAt = Date.now();
    }
    this.enqueue(line);
  }

  /** Resolves once every line pushed so far has been delivered (or written to stderr). */
  async drained(): Promise<void> {
    this.release();
    while (this.sending) await this.sending;
  }

  private release(): void {
    if (this.holdTimer) clearTimeout(this.holdTimer);
    this.holdTimer = undefined;
    const line = this.held;
    this.held = undefined;
    if (line) {
      this.lastProgressAt = Date.now();
      this.enqueue(line);
    }
  }

  private enqueue(line: Line): void {
    const last = this.waiting.at(-1);
    if (line.ephemeral && last?.ephemeral) this.waiting[this.waiting.length - 1] = line;
    else this.waiting.push(line);
    this.sending ??= this.pump();
  }

  private async pump(): Promise<void> {
    for (let line = this.waiting.shift(); line; line = this.waiting.shift()) await this.deliver(line);
    this.sending = undefined;
  }
}
