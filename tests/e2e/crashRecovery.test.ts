/**
 * Recovery after `kill -9` of a real `pulumi up` while it creates (Node, the Pulumi CLI and the provider plugin,
 * all at once), with the steps the README gives and no change to the program: `pulumi cancel` (the dead run's
 * lock), `pulumi up`, then `pulumi refresh --clear-pending-creates` to drop the engine's record of the
 * interrupted creates. Each interrupted object ends managed and as declared, never as a second copy.
 * crashRecoveryDelete.test.ts kills runs while Graph deletes (a replace, a destroy).
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { CrashStack, killDuringRequest, until } from "../helpers/crash";
import { CRASH_TIMINGS, recover, schemaOf, specWith, users, withTimings } from "../helpers/crashRecovery";
import { useEmulator } from "../helpers/harness";
import { describeWithCli, requirePulumiCli, tenantSummary } from "../helpers/pulumiStack";

const env = useEmulator(CRASH_TIMINGS);
jest.setTimeout(600_000);

describeWithCli("recovery after kill -9 of pulumi up", () => {
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
    expect(schemaOf(emulator)).toEqual(["title:string", "url:string", "owner:string"]);
    expect(tenantSummary(emulator)).toEqual({ crashkb: { readers: users(3) } });
  });

  test("killed while waiting for the schema: refresh --import-pending-creates, then up, ends with the schema registered", async () => {
    const { emulator } = env;
    const crash = new CrashStack(emulator);
    const spec = specWith(users(2));
    // Provisioning long enough that the kill lands while the run waits for it.
    await withTimings(emulator, { schemaProvisioningMs: 4000 }, async () => {
      const run = crash.deployInChild(spec);
      await until("the schema to be submitted", () =>
        emulator.requestLog().includes("PATCH /v1.0/external/connections/crashkb/schema 202"),
      );
      await run.kill();
      expect(emulator.store.connection("crashkb")!.entity.state).toBe("draft");
    });

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
    expect(schemaOf(emulator)).toEqual(["title:string", "url:string", "owner:string"]);
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
});
