/**
 * What the crash-recovery suites (tests/e2e/crashRecovery*.test.ts) share: the program they kill, the README's
 * recovery steps, and the waits that a kill must land in.
 */
import type { Stack } from "@pulumi/pulumi/automation";
import type { GraphEmulator } from "../../emulator";
import type { StoreTimings } from "../../emulator/store";
import { CrashSpec, CrashStack } from "./crash";
import { TITLE_SCHEMA } from "./harness";

/**
 * Graph's timings for the suites: short, so a run that only goes through a wait is quick. A test whose kill
 * must land inside a wait lengthens that one wait ({@link withTimings}).
 */
export const CRASH_TIMINGS: StoreTimings = { schemaProvisioningMs: 500, deletionMs: 500 };

export const user = (n: number) => `a1b2c3d4-0000-4000-8000-${String(n).padStart(12, "0")}`;
export const users = (count: number) => Array.from({ length: count }, (_, i) => user(i + 1));

export function specWith(members: string[], ownerType = "string"): CrashSpec {
  return {
    connection: {
      connectionId: "crashkb",
      name: "Crash KB",
      description: "Killed mid-deploy",
      schema: { properties: [...TITLE_SCHEMA.properties, { name: "owner", type: ownerType, isQueryable: true, isRetrievable: true }] },
    },
    groups: [{ name: "readers", groupId: "readers", displayName: "Readers", members }],
  };
}

/** Runs `body` with Graph's `timings`, then restores the suites' own. */
export async function withTimings<T>(emulator: GraphEmulator, timings: Partial<StoreTimings>, body: () => Promise<T>): Promise<T> {
  emulator.setTimings(timings);
  try {
    return await body();
  } finally {
    emulator.setTimings(CRASH_TIMINGS);
  }
}

/** The README's recovery, then the checks that the stack is whole: nothing pending, nothing left to change. */
export async function recover(crash: CrashStack, spec: CrashSpec, beforeUp?: (stack: Stack) => Promise<void>): Promise<string> {
  const stack = await crash.open(spec);
  await stack.cancel(); // a self-managed backend keeps the killed run's lock until `pulumi cancel`
  await beforeUp?.(stack);
  const up = await stack.up();
  await stack.refresh({ clearPendingCreates: true });
  expect(crash.checkpoint().pending_operations ?? []).toEqual([]);
  await stack.preview({ expectNoChanges: true });
  expect(crash.urnsOf("connection")).toHaveLength(1);
  expect(crash.urnsOf("readers")).toHaveLength(1);
  return up.stdout;
}

/** The connection's schema in Graph, as `name:type` per property. */
export function schemaOf(emulator: GraphEmulator): string[] {
  return emulator.store.connection("crashkb")!.schema!.properties.map((property) => `${property.name}:${property.type}`);
}
