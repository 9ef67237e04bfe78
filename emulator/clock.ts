/**
 * The emulator's notion of time. Long-running Graph work (schema provisioning, async deletes, token expiry)
 * is measured against it; tests advance it instead of waiting, and real runs use wall time.
 */
export class EmulatorClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    if (ms > 0) this.offsetMs += ms;
  }
}
