/**
 * A provider process's real waits (schema operations, retry back-off), so that a Cancel ends every pending one
 * at once instead of leaving the engine waiting up to a schema timeout. Owned by the process
 * (providerProcess.ts), whose contexts sleep through it.
 */
import { GraphConnectorsError } from "../errors";

/** Thrown by a wait after Pulumi asked the provider to stop (the native provider's Cancel, e.g. on Ctrl-C). */
export class OperationCancelledError extends GraphConnectorsError {
  override readonly name = "OperationCancelledError" as const;

  constructor() {
    super("cancelled: Pulumi asked the provider to stop; what Graph holds so far is recorded, and the next `pulumi up` carries on");
  }
}

export class Waits {
  private cancelled = false;
  private readonly pending = new Set<() => void>();

  sleep = (ms: number): Promise<void> => {
    if (this.cancelled) return Promise.reject(new OperationCancelledError());
    return new Promise<void>((resolve, reject) => {
      const stop = () => {
        clearTimeout(timer);
        reject(new OperationCancelledError());
      };
      const timer = setTimeout(() => {
        this.pending.delete(stop);
        resolve();
      }, ms);
      this.pending.add(stop);
    });
  };

  /** Ends every pending and future wait with OperationCancelledError. */
  cancel(): void {
    this.cancelled = true;
    for (const stop of this.pending) stop();
    this.pending.clear();
  }
}
