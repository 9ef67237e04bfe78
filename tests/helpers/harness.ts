/**
 * The one test harness: a real emulator over HTTPS per test file, and provider contexts that reach it
 * through the real Graph client and the real `@azure/identity` ClientSecretCredential. Time is injected:
 * `sleep` records the requested delay and advances the emulator's clock instead of waiting.
 */
import { ClientSecretCredential, TokenCredential, UsernamePasswordCredential } from "@azure/identity";
import { EMULATOR_CLIENT_ID, EMULATOR_CLIENT_SECRET, EMULATOR_TENANT_ID, emulatorEnvironment, GraphEmulator } from "../../emulator";
import { EMULATOR_USER } from "../../emulator/defaults";
import type { EmulatorOptions } from "../../emulator";
import { GraphClient } from "../../provider/graph/client";
import type { Clock } from "../../provider/graph/clock";
import { ContextOverrides, createContext, ProviderContext } from "../../provider/context";
import { resolveSettings } from "../../provider/config/settings";

export interface TestContext extends ProviderContext {
  /** Every delay the code asked to sleep, in order. */
  sleeps: number[];
  logs: string[];
}

/** Starts an emulator for the file, and resets its tenant, faults and log before each test. */
export function useEmulator(options: EmulatorOptions = {}): { emulator: GraphEmulator } {
  const holder = { emulator: new GraphEmulator({ schemaProvisioningMs: 5000, deletionMs: 2000, ...options }) };
  beforeAll(async () => {
    await holder.emulator.start();
  });
  afterAll(async () => {
    await holder.emulator.stop();
  });
  beforeEach(() => holder.emulator.reset());
  return holder;
}

export function emulatorCredential(emulator: GraphEmulator, secret = EMULATOR_CLIENT_SECRET): ClientSecretCredential {
  return new ClientSecretCredential(EMULATOR_TENANT_ID, EMULATOR_CLIENT_ID, secret, {
    authorityHost: emulator.url,
    disableInstanceDiscovery: true,
  });
}

/** A provider context on the emulator; `stackConfig` as `msgraph:*` stack config would give it (e.g. `msgraph:environment`). */
export function testContext(
  emulator: GraphEmulator,
  overrides: ContextOverrides = {},
  stackConfig: Record<string, string> = {},
): TestContext {
  const sleeps: number[] = [];
  const logs: string[] = [];
  const settings = resolveSettings({ get: (key) => stackConfig[key] }, emulatorEnvironment(emulator.url));
  const context = createContext(settings, {
    credential: emulatorCredential(emulator),
    sleep: async (ms) => {
      sleeps.push(ms);
      emulator.advanceClock(ms);
    },
    now: () => emulator.now(),
    random: () => 0.5,
    log: (message) => logs.push(message),
    batchClock: passingClock(),
    ...overrides,
  });
  return { ...context, sleeps, logs };
}

/**
 * A clock for the batch queue on which a gathering window passes as soon as what is ready to run has run (the
 * requests that arrive together, and the answers already in): time moves only when the queue waits, by what it
 * waits, one turn of the event loop later. Batches gather what arrives together, and no test waits 300 ms for
 * company that is not coming.
 */
export function passingClock(): Clock {
  let now = 0;
  return {
    now: () => now,
    sleep: (ms) =>
      new Promise((resolve) =>
        setImmediate(() => {
          now += ms;
          resolve();
        }),
      ),
  };
}

/** The machine's clock, for a test of the gathering windows themselves against requests that come in real time. */
export const realClock: Clock = { now: Date.now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/** A user's sign-in (the password grant): delegated tokens with `scp`, as `az login` would give. */
export function delegatedCredential(emulator: GraphEmulator): TokenCredential {
  return new UsernamePasswordCredential(EMULATOR_TENANT_ID, EMULATOR_CLIENT_ID, EMULATOR_USER.username, EMULATOR_USER.password, {
    authorityHost: emulator.url,
    disableInstanceDiscovery: true,
  });
}

/** A raw Graph client (no retries) for arranging tenant state "out of band", as an admin would. */
export function adminClient(
  emulator: GraphEmulator,
  credential: TokenCredential = emulatorCredential(emulator),
  options: { concurrencyLimit?: number } = {},
): GraphClient {
  return new GraphClient({
    endpoint: emulator.url,
    credential,
    sleep: async () => undefined,
    now: () => emulator.now(),
    retry: { maxRetries: 0 },
    ...options,
  });
}

/** The emulator's request log without token traffic, for whole-sequence assertions. */
export function graphCalls(emulator: GraphEmulator): string[] {
  return emulator.requestLog().map((line) => line.replace(/operations\/[0-9a-f-]{36}/, "operations/{op}"));
}

export const USER_1 = "a1b2c3d4-0000-4000-8000-000000000001";
export const USER_2 = "a1b2c3d4-0000-4000-8000-000000000002";
export const USER_3 = "a1b2c3d4-0000-4000-8000-000000000003";

export const TITLE_SCHEMA = {
  baseType: "microsoft.graph.externalItem",
  properties: [
    { name: "title", type: "string", isSearchable: true, isRetrievable: true, labels: ["title"] },
    { name: "url", type: "string", isRetrievable: true, labels: ["url"] },
  ],
};
