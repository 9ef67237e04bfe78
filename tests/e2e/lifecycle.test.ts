import { EMULATOR_CLIENT_SECRET } from "../../emulator";
import { ExternalConnection, ExternalGroup, ExternalGroupSet } from "../../sdk/dynamic";
import type { ExternalGroupSpec } from "../../sdk/dynamic";
import type { SchemaPropertyInput } from "../../provider/resources/externalConnection/types";
import { adminClient, useEmulator, USER_1, USER_2, USER_3 } from "../helpers/harness";
import { describeWithCli, emulatorStack, requirePulumiCli, storedState, tenantSummary } from "../helpers/pulumiStack";

const env = useEmulator({ schemaProvisioningMs: 1500, deletionMs: 500 });
jest.setTimeout(480_000); // several `pulumi` runs; generous for a loaded 2-core CI machine

interface Spec {
  name: string;
  properties: SchemaPropertyInput[];
  members: string[];
}

const TITLE: SchemaPropertyInput = { name: "title", type: "string", isSearchable: true, isRetrievable: true, labels: ["title"] };
const OWNER: SchemaPropertyInput = { name: "owner", type: "string", isQueryable: true, isRetrievable: true };

/** What the program last read from `group.members` (inline programs run in this process), preview or not. */
let membersSeen: unknown = "never read";

/** A program whose inputs a test changes between runs. */
function programFor(spec: Spec) {
  return async () => {
    const connection = new ExternalConnection("kb", {
      connectionId: "contosokb",
      name: spec.name,
      description: "Knowledge base",
      schema: { properties: spec.properties },
    });
    const group = new ExternalGroup("readers", {
      connectionId: connection.connectionId,
      groupId: "readers",
      displayName: "Readers",
      members: spec.members.map((id) => ({ id, type: "user" as const })),
    });
    group.members.apply((members) => (membersSeen = members));
    return { state: connection.state, group: group.groupId, members: group.members };
  };
}

describeWithCli("pulumi up/preview/refresh/destroy against the emulator", () => {
  beforeAll(requirePulumiCli);

  test("a full lifecycle: create, no-op preview, update, replace, drift, destroy", async () => {
    const { emulator } = env;
    const spec: Spec = { name: "Contoso KB", properties: [TITLE], members: [USER_1, USER_2] };
    const stack = await emulatorStack(emulator, programFor(spec));
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

  test("adopts the connection after Graph's 503-then-409 known issue during pulumi up", async () => {
    const { emulator } = env;
    emulator.addFaults({ method: "POST", path: "^/v1.0/external/connections$", status: 503, afterHandling: true });
    const stack = await emulatorStack(emulator, programFor({ name: "Adopted KB", properties: [TITLE], members: [USER_1] }));
    const up = await stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: 3 });
    expect(up.stdout).toContain("already exists after an ambiguous failure (HTTP 503)");
    expect(emulator.requestLog(/^POST \/v1.0\/external\/connections /)).toEqual([
      "POST /v1.0/external/connections 503",
      "POST /v1.0/external/connections 409",
    ]);
    expect(tenantSummary(emulator)).toEqual({ contosokb: { readers: [USER_1] } });
    await stack.preview({ expectNoChanges: true });
    await stack.destroy();
  });

  test("re-sends member requests Graph throttled inside a $batch during pulumi up", async () => {
    const { emulator } = env;
    emulator.addFaults({ method: "POST", path: "/members$", status: 429, retryAfterSeconds: 1, times: 2 });
    const stack = await emulatorStack(emulator, programFor({ name: "Throttled", properties: [TITLE], members: [USER_1, USER_2, USER_3] }));
    await stack.up();
    expect(emulator.requestLog(/members 429 \(batch\)$/)).toHaveLength(2);
    expect(tenantSummary(emulator)).toEqual({ contosokb: { readers: [USER_1, USER_2, USER_3] } });
    await stack.destroy();
  });

  test("uses msgraph:* stack config with the client secret stored as a secret, never in plaintext", async () => {
    const { emulator } = env;
    const stack = await emulatorStack(emulator, programFor({ name: "Configured", properties: [TITLE], members: [] }), {
      credentialsVia: "config",
    });
    await stack.up();
    const stored = JSON.parse(storedState(stack));
    expect(JSON.stringify(stored)).not.toContain(EMULATOR_CLIENT_SECRET);
    const defaultProvider = stored.checkpoint.latest.resources.find(
      (resource: { type: string }) => resource.type === "pulumi:providers:pulumi-nodejs",
    );
    // Stack config reaches the dynamic provider as the default provider's inputs; the secret stays encrypted.
    expect(defaultProvider.inputs["msgraph:clientSecret"]).toEqual({
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      ciphertext: expect.any(String),
    });
    await stack.destroy();
    expect(tenantSummary(emulator)).toEqual({});
  });

  test("bad input fails at preview with a clear message and sends no request", async () => {
    const { emulator } = env;
    const stack = await emulatorStack(emulator, async () => {
      new ExternalConnection("bad", {
        connectionId: "contoso-kb",
        name: "Bad",
        schema: { properties: [{ name: "title", type: "string", isSearchable: true, isRefinable: true }] },
      });
    });
    const error = await stack.preview().catch((e: Error) => e);
    expect(String(error)).toContain("connectionId must be 3-32 characters, letters and digits only");
    expect(String(error)).toContain("schema.properties[0].isRefinable a property cannot be both refinable and searchable");
    // Members the SDK registers packed (plain ones) and as declared (a type with a colon) are named alike.
    const members = {
      robots: [
        { id: USER_1, type: "user" },
        { id: "x", type: "robot" },
      ],
      colons: [{ id: "x", type: "ro:bot" }],
    };
    for (const [groupId, declared] of Object.entries(members)) {
      const groups = await emulatorStack(emulator, async () => {
        new ExternalGroup(groupId, { connectionId: "contosokb", groupId, members: declared as Array<{ id: string; type: "user" }> });
      });
      const index = declared.length - 1;
      const failure = String(await groups.preview().catch((e: Error) => e));
      expect(failure).toContain(`ExternalGroup resource '${groupId}': property members[${index}].type value`);
      expect(failure).toContain(`has a problem: members[${index}].type must be one of user, group, externalGroup`);
    }
    expect(emulator.requests()).toEqual([]);
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

  test("a connection that already exists fails pulumi up with advice unless adoptExisting is set", async () => {
    const { emulator } = env;
    await adminClient(emulator).request("POST", "v1.0", "/external/connections", { id: "contosokb", name: "Made by hand" });
    const stack = await emulatorStack(emulator, programFor({ name: "Contoso KB", properties: [TITLE], members: [] }));
    const error = await stack.up().catch((e: Error) => e);
    expect(String(error)).toContain(
      "connection 'contosokb' already exists in the tenant and differs from the program (description is unset in Graph, 'Knowledge base' in the program; " +
        "name is 'Made by hand' in Graph, 'Contoso KB' in the program). Set adoptExisting: true to manage the existing connection",
    );
  });
});
