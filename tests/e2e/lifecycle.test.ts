/**
 * The dynamic provider's whole lifecycle through the Pulumi CLI (the Automation API, inline program): create,
 * no-op preview, update in place, replace, drift repaired, destroy. The other lifecycle suites:
 * groupLifecycle.test.ts (an ExternalGroupSet, ignoreChanges on members) and lifecycleEdgeCases.test.ts.
 */
import { EMULATOR_CLIENT_SECRET } from "../../emulator";
import { adminClient, useEmulator, USER_1, USER_2, USER_3 } from "../helpers/harness";
import { OWNER, programFor, Spec, TITLE } from "../helpers/lifecycleProgram";
import { describeWithCli, emulatorStack, requirePulumiCli, storedState, tenantSummary } from "../helpers/pulumiStack";

const env = useEmulator({ schemaProvisioningMs: 500, deletionMs: 500 });
jest.setTimeout(480_000); // several `pulumi` runs; generous for a loaded 2-core CI machine

/** What the program last read from `group.members` (inline programs run in this process), preview or not. */
let membersSeen: unknown = "never read";
const seeMembers = (members: unknown) => (membersSeen = members);

describeWithCli("pulumi up/preview/refresh/destroy against the emulator", () => {
  beforeAll(requirePulumiCli);

  test("a full lifecycle: create, no-op preview, update, replace, drift, destroy", async () => {
    const { emulator } = env;
    const spec: Spec = { name: "Contoso KB", properties: [TITLE], members: [USER_1, USER_2] };
    const stack = await emulatorStack(emulator, programFor(spec, seeMembers));
    const declared = (ids: string[]) => ids.map((id) => ({ id, type: "user" }));

    // The state keeps members as strings (memberRecord.ts); the program reads them as it declared them, in a
    // preview of a create (the engine hands back the checked inputs), after up, and in a no-op preview.
    await stack.preview();
    expect(membersSeen).toEqual(declared([USER_1, USER_2]));
    const up = await stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: 3 });
    expect(up.outputs.state.value).toBe("ready");
    expect(up.outputs.members.value).toEqual(declared([USER_1, USER_2]));
    expect(tenantSummary(emulator)).toEqual({ contosokb: { readers: [USER_1, USER_2] } });
    membersSeen = "never read";
    await stack.preview({ expectNoChanges: true });
    expect(membersSeen).toEqual(declared([USER_1, USER_2]));

    // Update in place: a new name, an additive schema property, one member swapped.
    Object.assign(spec, { name: "Contoso knowledge", properties: [TITLE, OWNER], members: [USER_2, USER_3] });
    await stack.preview();
    expect(membersSeen).toEqual(declared([USER_2, USER_3]));
    emulator.clearRequests();
    const updated = await stack.up();
    expect(updated.summary.resourceChanges).toEqual({ same: 1, update: 2 });
    expect(tenantSummary(emulator)).toEqual({ contosokb: { readers: [USER_2, USER_3] } });
    expect(emulator.store.connection("contosokb")?.entity.name).toBe("Contoso knowledge");
    expect(emulator.store.connection("contosokb")?.schema?.properties.map((p) => p.name)).toEqual(["title", "owner"]);
    expect(emulator.requestLog().filter((line) => !line.startsWith("GET"))).toEqual([
      "PATCH /v1.0/external/connections/contosokb 204",
      "PATCH /v1.0/external/connections/contosokb/schema 202",
      `DELETE /v1.0/external/connections/contosokb/groups/readers/members/${USER_1} 204 (batch)`,
      "POST /v1.0/external/connections/contosokb/groups/readers/members 201 (batch)",
      "POST /v1.0/$batch 200",
    ]);
    await stack.preview({ expectNoChanges: true });

    // A type change cannot be applied in place: the connection is replaced, deleting the old one first,
    // and the group that lived in it is replaced with it.
    spec.properties = [TITLE, { ...OWNER, type: "stringCollection" }];
    // The preview says what a replace costs: Graph cannot carry ingested items over to the new connection.
    emulator.clearRequests();
    const plan = await stack.preview();
    expect(plan.stdout).toContain(
      "connection 'contosokb' will be replaced (property 'owner' changes type from string to stringCollection): " +
        "replacing the connection deletes it with every ingested item; the new connection starts empty and must be re-ingested",
    );
    expect(emulator.requestLog().filter((line) => !line.startsWith("GET"))).toEqual([]);
    emulator.clearRequests();
    const replaced = await stack.up();
    expect(replaced.summary.resourceChanges).toEqual({ same: 1, replace: 2 });
    const writes = emulator.requestLog().filter((line) => !line.startsWith("GET"));
    expect(writes.slice(0, 3)).toEqual([
      "DELETE /v1.0/external/connections/contosokb/groups/readers 204",
      "DELETE /v1.0/external/connections/contosokb 202",
      "POST /v1.0/external/connections 201",
    ]);
    expect(tenantSummary(emulator)).toEqual({ contosokb: { readers: [USER_2, USER_3] } });
    expect(emulator.store.connection("contosokb")?.schema?.properties[1]).toMatchObject({ name: "owner", type: "stringCollection" });

    // Drift: a group deleted and the connection renamed behind Pulumi's back.
    const graph = adminClient(emulator);
    await graph.request("DELETE", "v1.0", "/external/connections/contosokb/groups/readers");
    await graph.request("PATCH", "v1.0", "/external/connections/contosokb", { name: "Renamed by hand" });
    const refreshed = await stack.refresh();
    expect(refreshed.summary.resourceChanges).toEqual({ same: 1, update: 1, delete: 1 });
    const drift = await stack.preview();
    expect(drift.changeSummary).toEqual({ same: 1, update: 1, create: 1 });
    const repaired = await stack.up();
    expect(repaired.summary.resourceChanges).toEqual({ same: 1, update: 1, create: 1 });
    expect(emulator.store.connection("contosokb")?.entity.name).toBe("Contoso knowledge");
    expect(tenantSummary(emulator)).toEqual({ contosokb: { readers: [USER_2, USER_3] } });

    // State holds no credential, and the serialized providers are small and not secret.
    const exported = storedState(stack);
    expect(exported).not.toContain(EMULATOR_CLIENT_SECRET);
    expect(exported).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/);
    const providerTexts = [...exported.matchAll(/"__provider":("(?:[^"\\]|\\.)*"|\{[^}]*\})/g)].map((match) => match[1]);
    expect(providerTexts.length).toBeGreaterThanOrEqual(4);
    for (const text of providerTexts) {
      expect(text.startsWith('"')).toBe(true); // a plain string, not a secret envelope
      expect((JSON.parse(text) as string).length).toBeLessThan(2500);
    }

    await stack.destroy();
    expect(tenantSummary(emulator)).toEqual({});
  });
});
