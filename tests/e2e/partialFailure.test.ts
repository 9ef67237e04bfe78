/**
 * A `pulumi up` that fails halfway must leave a state that tells what Graph holds, so the next run repairs
 * exactly the difference. Faults answer 500 *after* the emulator did the work: the worst case for a client.
 */
import { ExternalConnection, ExternalGroup } from "../../sdk/dynamic";
import { useEmulator } from "../helpers/harness";
import { describeWithCli, emulatorStack, requirePulumiCli, storedState, tenantSummary } from "../helpers/pulumiStack";

const env = useEmulator({ schemaProvisioningMs: 200 });
jest.setTimeout(480_000);

const user = (n: number) => `a1b2c3d4-0000-4000-8000-${String(n).padStart(12, "0")}`;
const users = (from: number, count: number) => Array.from({ length: count }, (_, i) => user(from + i));

function programWith(members: { ids: string[] }) {
  return async () => {
    const connection = new ExternalConnection("acl", { connectionId: "contosoacl", name: "ACL test", description: "Partial failures" });
    new ExternalGroup("readers", {
      connectionId: connection.connectionId,
      groupId: "readers",
      displayName: "Readers",
      members: members.ids.map((id) => ({ id, type: "user" as const })),
    });
  };
}

/** The group's outputs as the file backend stored them (the confirmed members as "type:id" strings, memberRecord.ts). */
function recordedGroup(stack: Parameters<typeof storedState>[0]): Record<string, unknown> {
  const state = JSON.parse(storedState(stack));
  return state.checkpoint.latest.resources.find((resource: { urn: string }) => resource.urn.endsWith("::readers")).outputs;
}

describeWithCli("state after a partially failed pulumi up", () => {
  beforeAll(requirePulumiCli);

  test("removals answered 500 after they took effect are recorded, so reverting the program restores the members", async () => {
    const { emulator } = env;
    const members = { ids: users(1, 12) };
    const stack = await emulatorStack(emulator, programWith(members));
    await stack.up();

    // Remove 10 members; Graph removes them all but the answers of every removal are lost.
    members.ids = users(1, 2);
    emulator.addFaults({ method: "DELETE", path: "/groups/readers/members/", status: 500, afterHandling: true, times: 10 });
    const failed = await stack.up().catch((error: Error) => error);
    expect(String(failed)).toContain("10 of 10 member changes of group 'readers' failed");
    expect(tenantSummary(emulator).contosoacl.readers).toEqual(users(1, 2));
    const recorded = recordedGroup(stack);
    expect(recorded.members).toEqual(users(1, 2).map((id) => `user:${id}`));
    expect(recorded.unconfirmedMembers).toEqual(users(3, 10).map((id) => ({ id, type: "user" })));

    // Revert the program: the preview shows the update, and the run adds all 10 back.
    members.ids = users(1, 12);
    const preview = await stack.preview();
    expect(preview.changeSummary).toEqual({ same: 2, update: 1 });
    await stack.up();
    expect(tenantSummary(emulator).contosoacl.readers).toEqual(users(1, 12));
    expect(recordedGroup(stack).unconfirmedMembers).toBeUndefined();
    await stack.preview({ expectNoChanges: true });
    await stack.destroy();
  });

  test("a create whose member additions were answered 500 after they took effect records them, so an empty member list removes them", async () => {
    const { emulator } = env;
    const members = { ids: users(100, 23) };
    emulator.addFaults({ method: "POST", path: "/groups/readers/members$", status: 500, afterHandling: true, times: 23 });
    const stack = await emulatorStack(emulator, programWith(members));
    const failed = await stack.up().catch((error: Error) => error);
    expect(String(failed)).toContain("23 of 23 member changes of group 'readers' failed");
    expect(tenantSummary(emulator).contosoacl.readers).toHaveLength(23);
    expect(recordedGroup(stack)).toMatchObject({
      members: [],
      unconfirmedMembers: expect.arrayContaining([{ id: user(100), type: "user" }]),
    });

    // Nobody may keep access they were never declared to have.
    members.ids = [];
    await stack.up();
    expect(tenantSummary(emulator).contosoacl.readers).toEqual([]);
    await stack.preview({ expectNoChanges: true });
    await stack.destroy();
    expect(tenantSummary(emulator)).toEqual({});
  });
});
