/**
 * Recovery after `kill -9` of a real `pulumi up` in the delete of a replace, or of `pulumi destroy`, with the
 * steps the README gives and no change to the program (see crashRecovery.test.ts for kills during creates):
 * each interrupted object ends managed and as declared, or gone.
 */
import { CrashStack, until } from "../helpers/crash";
import { CRASH_TIMINGS, recover, schemaOf, specWith, users, withTimings } from "../helpers/crashRecovery";
import { useEmulator } from "../helpers/harness";
import { describeWithCli, requirePulumiCli, tenantSummary } from "../helpers/pulumiStack";

const env = useEmulator(CRASH_TIMINGS);
jest.setTimeout(600_000);

describeWithCli("recovery after kill -9 of pulumi up or destroy while Graph deletes", () => {
  beforeAll(requirePulumiCli);

  test("killed during the delete of a replace: the next up finishes the replace", async () => {
    const { emulator } = env;
    const crash = new CrashStack(emulator);
    const before = specWith(users(2));
    await (await crash.open(before)).up();
    // A type change replaces the connection (and the group inside it), deleting the old one first.
    const after = specWith(users(2), "stringCollection");
    // A deletion long enough that the kill lands while Graph is still deleting.
    await withTimings(emulator, { deletionMs: 4000 }, async () => {
      const run = crash.deployInChild(after);
      await until("the old connection's delete", () => emulator.requestLog().includes("DELETE /v1.0/external/connections/crashkb 202"));
      await run.kill();
      expect(emulator.store.connection("crashkb")?.deletingUntil).toBeDefined();

      await recover(crash, after);
    });
    expect(schemaOf(emulator)).toEqual(["title:string", "url:string", "owner:stringCollection"]);
    expect(tenantSummary(emulator)).toEqual({ crashkb: { readers: users(2) } });
  });

  test("killed while destroy waits for Graph's deletion: destroy again waits it out, and refresh finds nothing left", async () => {
    const { emulator } = env;
    const crash = new CrashStack(emulator);
    const spec = specWith(users(2));
    await (await crash.open(spec)).up();
    // Graph goes on deleting until the test moves its clock on: still deleting when the destroy runs again,
    // however slow the machine, and done once that destroy has met the deletion in progress.
    const deletionMs = 600_000;
    await withTimings(emulator, { deletionMs }, async () => {
      const run = crash.deployInChild(spec, "destroy");
      await until("the connection's delete", () => emulator.requestLog().includes("DELETE /v1.0/external/connections/crashkb 202"));
      await run.kill();
      expect(emulator.store.connection("crashkb")?.deletingUntil).toBeDefined();

      const stack = await crash.open(spec);
      await stack.cancel();
      let settled = false;
      const destroying = stack.destroy().finally(() => (settled = true));
      await until("the repeated delete", () => settled || emulator.requestLog().includes("DELETE /v1.0/external/connections/crashkb 409"));
      emulator.advanceClock(deletionMs);
      const destroy = await destroying;
      expect(emulator.requestLog()).toContain("DELETE /v1.0/external/connections/crashkb 409");
      expect(destroy.stdout).toContain("connection 'crashkb': Graph refused its DELETE");
      expect(tenantSummary(emulator)).toEqual({});
      await stack.refresh();
      expect(crash.checkpoint().resources ?? []).toEqual([]);
      expect(crash.checkpoint().pending_operations ?? []).toEqual([]);
    });
  });
});
