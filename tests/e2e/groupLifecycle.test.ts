/**
 * Groups through the dynamic provider's whole lifecycle in the Pulumi CLI: an ExternalGroupSet's groups added,
 * changed, removed and drifted; ignoreChanges on an ExternalGroup's members, whole or by element.
 */
import { ExternalConnection, ExternalGroup, ExternalGroupSet } from "../../sdk/dynamic";
import type { ExternalGroupSpec } from "../../sdk/dynamic";
import { adminClient, useEmulator, USER_1, USER_2, USER_3 } from "../helpers/harness";
import { TITLE } from "../helpers/lifecycleProgram";
import { describeWithCli, emulatorStack, requirePulumiCli, storedState, tenantSummary } from "../helpers/pulumiStack";

const env = useEmulator({ schemaProvisioningMs: 500, deletionMs: 500 });
jest.setTimeout(480_000); // several `pulumi` runs; generous for a loaded 2-core CI machine

describeWithCli("groups through pulumi up/preview/refresh/destroy against the emulator", () => {
  beforeAll(requirePulumiCli);

  test("an ExternalGroupSet: groups added, changed and removed in one resource, drift, destroy", async () => {
    const { emulator } = env;
    const users = (ids: string[]) => ids.map((id) => ({ id, type: "user" as const }));
    let groups: Record<string, ExternalGroupSpec> = {
      sales: { displayName: "Sales", members: users([USER_1, USER_2]) },
      hr: { displayName: "HR", members: users([USER_3]) },
    };
    let seen: unknown;
    const stack = await emulatorStack(emulator, async () => {
      const connection = new ExternalConnection("kb", {
        connectionId: "contosokb",
        name: "Contoso KB",
        description: "Knowledge base",
        schema: { properties: [TITLE] },
      });
      const set = new ExternalGroupSet("acl", { connectionId: connection.connectionId, groups });
      set.groups.apply((value) => (seen = value));
      return { groups: set.groups };
    });
    const up = await stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: 3 });
    // The state keeps each group's members as one string of lines; the program reads them as declared.
    expect(up.outputs.groups.value).toEqual(groups);
    expect(storedState(stack)).toContain(`"user:${USER_1}\\nuser:${USER_2}"`);
    expect(tenantSummary(emulator)).toEqual({ contosokb: { sales: [USER_1, USER_2], hr: [USER_3] } });
    await stack.preview({ expectNoChanges: true });
    expect(seen).toEqual(groups);

    groups = { sales: { displayName: "Sales", members: users([USER_2]) }, legal: { displayName: "Legal", members: users([USER_1]) } };
    const updated = await stack.up();
    expect(updated.summary.resourceChanges).toEqual({ same: 2, update: 1 });
    expect(tenantSummary(emulator)).toEqual({ contosokb: { sales: [USER_2], legal: [USER_1] } });
    await stack.preview({ expectNoChanges: true });

    // Drift: a group deleted behind Pulumi's back is dropped by refresh and created again by up.
    await adminClient(emulator).request("DELETE", "v1.0", "/external/connections/contosokb/groups/legal");
    const refreshed = await stack.refresh();
    expect(refreshed.summary.resourceChanges).toEqual({ same: 2, update: 1 });
    expect((await stack.up()).summary.resourceChanges).toEqual({ same: 2, update: 1 });
    expect(tenantSummary(emulator)).toEqual({ contosokb: { sales: [USER_2], legal: [USER_1] } });

    await stack.destroy();
    expect(tenantSummary(emulator)).toEqual({});
  });

  test("ignoreChanges on members keeps the stored member set, whole or by element", async () => {
    const { emulator } = env;
    const declared = { ids: [USER_1], ignore: [] as string[] };
    const stack = await emulatorStack(emulator, async () => {
      const connection = new ExternalConnection("kb", { connectionId: "contosokb", name: "Contoso KB" });
      new ExternalGroup(
        "readers",
        {
          connectionId: connection.connectionId,
          groupId: "readers",
          members: declared.ids.map((id) => ({ id, type: "user" as const })),
        },
        { ignoreChanges: declared.ignore },
      );
    });
    await stack.up();
    // The engine hands the stored inputs (members as "type:id" strings) back for an ignored path.
    Object.assign(declared, { ids: [USER_2, USER_3], ignore: ["members"] });
    await stack.preview({ expectNoChanges: true });
    Object.assign(declared, { ids: [USER_2, USER_3], ignore: ["members[0]"] });
    await stack.up();
    expect(tenantSummary(emulator)).toEqual({ contosokb: { readers: [USER_1, USER_3] } });
    await stack.destroy();
  });
});
