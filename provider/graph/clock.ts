/**
 * The time the Graph client runs on. Injected like the retry waits, so that no module of the client reads the
 * machine's clock: the provider passes the real one, and tests pass one whose waits pass at once.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}
