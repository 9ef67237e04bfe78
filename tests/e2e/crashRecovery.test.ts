/**
 * Recovery after `kill -9` of a real `pulumi up` or `pulumi destroy` (Node, the Pulumi CLI and the provider
 * plugin, all at once), with the steps the README gives and no change to the program: `pulumi cancel` (the dead
 * run's lock), `pulumi up`, then `pulumi refresh --clear-pending-creates` to drop the engine's record of the
 * interrupted creates; or `pulumi cancel` and `pulumi destroy` again. Each interrupted object ends managed and as
 * declared, never as a second copy, or gone.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Stack } from "@pulumi/pulumi/automation";
import { CrashSpec, CrashStack, killDuringRequest, until } from "../helpers/crash";
import { TITLE_SCHEMA, useEmulator } from "../helpers/harness";
import { describeWithCli, requirePulumiCli, tenantSummary } from "../helpers/pulumiStack";

const env = useEmulator({ schemaProvisioningMs: 4000, deletionMs: 4000 });
jest.setTimeout(600_000);

const user = (n: number) => `a1b2c3d4-0000-4000-8000-${String(n).padStart(12, "0")}`;
const users = (count: number) => Array.from({ length: count }, (_, i) => user(i + 1));

function specWith(members: string[], ownerType = "string"): CrashSpec {
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

/** The README's recovery, then the checks that the stack is whole: nothing pending, nothing left to change. */
async function recover(crash: CrashStack, spec: CrashSpec, beforeUp?: (stack: Stack) => Promise<void>): Promise<string> {
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

function schemaOf(): string[] {
  return env.emulator.store.connection("crashkb")!.schema!.properties.map((property) => `${property.name}:${property.type}`);
}

describeWithCli("recovery after kill -9 of pulumi up or destroy", () => {
  beforeAll(requirePulumiCli);

  test("killed while the connection's create is in flight: the next up takes the connection over and finishes it", async () => {
    const { emulator } = env;
    const crash = new CrashStack(emulator);
    const spec = specWith(users(3));
    // The POST reaches Graph and is carried out after the client is gone.
    await killDuringRequest(
      emulator,
      crash,
      spec,
      { method: "POST", path: "^/v1.0/external/connections$", delayMs: 2000 },
      "POST /v1.0/external/connections 201",
    );
    expect(crash.checkpoint().pending_operations?.map((op) => op.type)).toEqual(["creating"]);

    const log = await recover(crash, spec);
    expect(log).toContain(
      "connection 'crashkb' already exists exactly as declared, as a run interrupted after creating it leaves it; managing it and finishing its setup",
    );
    expect(emulator.store.connection("crashkb")!.entity.state).toBe("ready");
    expect(schemaOf()).toEqual(["title:string", "url:string", "owner:string"]);
    expect(tenantSummary(emulator)).toEqual({ crashkb: { readers: users(3) } });
  });

  test("killed while waiting for the schema: refresh --import-pending-creates, then up, ends with the schema registered", async () => {
    const { emulator } = env;
    const crash = new CrashStack(emulator);
    const spec = specWith(users(2));
    const run = crash.deployInChild(spec);
    await until("the schema to be submitted", () => emulator.requestLog().includes("PATCH /v1.0/external/connections/crashkb/schema 202"));
    await run.kill();
    expect(emulator.store.connection("crashkb")!.entity.state).toBe("draft");

    // Pulumi's own advice for a pending create whose object exists: import it by URN and id.
    const connectionUrn = crash.checkpoint().pending_operations![0].resource.urn;
    const log = await recover(crash, spec, async (stack) => {
      await promisify(execFile)(
        "pulumi",
        ["refresh", "--yes", "--stack", stack.name, "--import-pending-creates", connectionUrn, "--import-pending-creates", "crashkb"],
        { cwd: stack.workspace.workDir, env: { ...process.env, ...stack.workspace.envVars } },
      );
      // Pulumi 3.259 turns the pending create into a pending import, which its refresh then drops
      // (only `creating` operations are carried over: pkg/backend/snapshot.go); the up below takes it over.
      expect(crash.checkpoint().pending_operations ?? []).toEqual([]);
      expect(crash.urnsOf("connection")).toEqual([]);
    });
    expect(log).toContain("connection 'crashkb' already exists exactly as declared");
    expect(emulator.store.connection("crashkb")!.entity.state).toBe("ready");
    expect(schemaOf()).toEqual(["title:string", "url:string", "owner:string"]);
    expect(tenantSummary(emulator)).toEqual({ crashkb: { readers: users(2) } });
  });

  test("killed during the member batches of a group's create: the next up takes the group over and adds every member", async () => {
    const { emulator } = env;
    const crash = new CrashStack(emulator);
    const spec = specWith(users(45));
    // The first $batch call reaches Graph and is carried out after the client is gone.
    await killDuringRequest(emulator, crash, spec, { method: "POST", path: "^/v1.0/\\$batch$", delayMs: 2000 }, "POST /v1.0/$batch 200");
    // Killed halfway: the held batch's members are in, and not all 45.
    const added = tenantSummary(emulator).crashkb.readers.length;
    expect(added).toBeGreaterThan(0);
    expect(added).toBeLessThan(45);

    const log = await recover(crash, spec);
    expect(log).toContain("external group 'readers' of connection 'crashkb' already exists exactly as declared");
    expect(tenantSummary(emulator)).toEqual({ crashkb: { readers: users(45) } });
  });

  test("killed during the delete of a replace: the next up finishes the replace", async () => {
    const { emulator } = env;
    const crash = new CrashStack(emulator);
    const before = specWith(users(2));
    await (await crash.open(before)).up();
    // A type change replaces the connection (and the group inside it), deleting the old one first.
    const after = specWith(users(2), "stringCollection");
    const run = crash.deployInChild(after);
    await until("the old connection's delete", () => emulator.requestLog().includes("DELETE /v1.0/external/connections/crashkb 202"));
    await run.kill();
    expect(emulator.store.connection("crashkb")?.deletingUntil).toBeDefined();

    await recover(crash, after);
    expect(schemaOf()).toEqual(["title:string", "url:string", "owner:stringCollection"]);
    expect(tenantSummary(emulator)).toEqual({ crashkb: { readers: users(2) } });
  });

  test("killed while destroy waits for Graph's deletion: destroy again waits it out, and refresh finds nothing left", async () => {
    const { emulator } = env;
    const crash = new CrashStack(emulator);
    const spec = specWith(users(2));
    await (await crash.open(spec)).up();
    // Long enough that Graph is still deleting when the destroy runs again.
    emulator.setTimings({ deletionMs: 30_000 });
    try {
      const run = crash.deployInChild(spec, "destroy");
      await until("the connection's delete", () => emulator.requestLog().includes("DELETE /v1.0/external/connections/crashkb 202"));
      await run.kill();
      expect(emulator.store.connection("crashkb")?.deletingUntil).toBeDefined();

      const stack = await crash.open(spec);
      await stack.cancel();
      const destroy = await stack.destroy();
      expect(emulator.requestLog()).toContain("DELETE /v1.0/external/connections/crashkb 409");
      expect(destroy.stdout).toContain("connection 'crashkb': Graph refused its DELETE");
      expect(tenantSummary(emulator)).toEqual({});
      await stack.refresh();
      expect(crash.checkpoint().resources ?? []).toEqual([]);
      expect(crash.checkpoint().pending_operations ?? []).toEqual([]);
    } finally {
      emulator.setTimings({ deletionMs: 4000 });
    }
  });
});
