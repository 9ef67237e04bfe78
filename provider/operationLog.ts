/**
 * Lines for the person running `pulumi preview`/`up` about one resource operation, by what they are for.
 * The dynamic provider writes them to stderr, which Pulumi's dynamic-provider host shows; the native plugin
 * sends them through the engine's Log RPC with the resource's URN (native/engineLog.ts), since the engine
 * shows a native plugin's stderr only at `-v=9`.
 */
export interface OperationLog {
  /** What the person must know or act on: a replace that deletes every ingested item, a readiness gap. */
  warn(message: string): void;
  /** What the operation did that the person may want to know afterwards: an existing object taken over. */
  info(message: string): void;
  /** Where a long operation stands (a schema wait, a retry): shown while it lasts, not kept. */
  progress(message: string): void;
}

/** One line on stderr, where Pulumi's dynamic-provider host shows it (its stdout carries the gRPC port). */
export const stderrLog = (message: string) => process.stderr.write(`[graph-connectors] ${message}\n`);

/** The dynamic provider's lines: stderr, warnings marked as such. */
export const STDERR_LOG: OperationLog = {
  warn: (message) => stderrLog(`warning: ${message}`),
  info: stderrLog,
  progress: stderrLog,
};

/** `log` with every line through `redact` first: no credential reaches the person or a CI log. */
export function redacting(log: OperationLog, redact: (text: string) => string): OperationLog {
  return {
    warn: (message) => log.warn(redact(message)),
    info: (message) => log.info(redact(message)),
    progress: (message) => log.progress(redact(message)),
  };
}
