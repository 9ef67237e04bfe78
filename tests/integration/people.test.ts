/**
 * People connectors against the emulator: the profile source and its place in a profile property's
 * prioritized sources, keeping other sources' entries; the people schema rule at check; the permission.
 */
import { ClientSecretCredential } from "@azure/identity";
import { EMULATOR_CLIENT_ID, EMULATOR_CLIENT_SECRET, EMULATOR_TENANT_ID, GraphEmulator } from "../../emulator";
import { OWNED_BY_ROLES } from "../../emulator/defaults";
import { profileSourceUrl } from "../../model/people";
import { ResourceInitError } from "../../provider/resources/contract";
import { checkExternalConnection } from "../../provider/resources/externalConnection/check";
import { profileSourceHandler } from "../../provider/resources/people/profileSource";
import { placed, profileSourcePriorityHandler } from "../../provider/resources/people/profileSourcePriority";
import { adminClient, emulatorCredential, testContext } from "../helpers/harness";

const LIMITED_APP = "9d8e7f6a-5b4c-4d3e-8f2a-1b0c9d8e7f6a";
let afterRequest: (line: string) => void = () => undefined;
const emulator = new GraphEmulator({
  schemaProvisioningMs: 100, deletionMs: 100,
  apps: [
    { clientId: EMULATOR_CLIENT_ID, clientSecret: EMULATOR_CLIENT_SECRET },
    { clientId: LIMITED_APP, clientSecret: EMULATOR_CLIENT_SECRET, roles: OWNED_BY_ROLES },
  ],
  onRequest: (entry) => afterRequest(`${entry.method} ${entry.path} ${entry.status}`),
});
beforeAll(async () => { await emulator.start(); });
afterAll(async () => { await emulator.stop(); });
beforeEach(() => { emulator.reset(); afterRequest = () => undefined; });

const OTHER = (root: string) => `${root}/v1.0/admin/people/profileSources(sourceId='workday')`;

describe("ProfileSource", () => {
  test("registers, updates, reads, imports and removes a people connector as a profile source", async () => {
    const ctx = testContext(emulator);
    const inputs = { sourceId: "contosohr", displayName: "Contoso HR", kind: "Connector", webUrl: "https://hr.contoso.com" };
    const created = await profileSourceHandler.create(ctx, inputs);
    expect(created.id).toBe("contosohr");
    expect(created.outs).toMatchObject({ ...inputs, profileSourceId: expect.any(String) });
    expect(emulator.store.profileSources.get("contosohr")).toMatchObject({ displayName: "Contoso HR", kind: "Connector" });

    const updated = await profileSourceHandler.update(ctx, "contosohr", created.outs, { ...inputs, displayName: "Contoso People" });
    expect(updated.outs.displayName).toBe("Contoso People");
    expect((await profileSourceHandler.read(ctx, "contosohr", updated.outs)).props?.displayName).toBe("Contoso People");
    expect(await profileSourceHandler.importInputs!(ctx, "contosohr")).toEqual({ ...inputs, displayName: "Contoso People" });

    // A second create meets 409: the same source is taken over, a different one refused naming the difference.
    expect((await profileSourceHandler.create(ctx, { ...inputs, displayName: "Contoso People" })).id).toBe("contosohr");
    await expect(profileSourceHandler.create(ctx, { ...inputs, displayName: "Other" })).rejects.toThrow(/displayName is 'Contoso People' in Graph, 'Other' in the program/);

    await profileSourceHandler.delete(ctx, "contosohr", updated.outs);
    expect(emulator.store.profileSources.size).toBe(0);
    expect((await profileSourceHandler.read(ctx, "contosohr", updated.outs)).id).toBeUndefined();
  });

  test("an app without PeopleSettings.ReadWrite.All gets 403 naming the permission", async () => {
    const ctx = testContext(emulator, {
      credential: new ClientSecretCredential(EMULATOR_TENANT_ID, LIMITED_APP, EMULATOR_CLIENT_SECRET, { authorityHost: emulator.url, disableInstanceDiscovery: true }),
    });
    await expect(profileSourceHandler.create(ctx, { sourceId: "contosohr", displayName: "Contoso HR" })).rejects.toThrow(/PeopleSettings\.ReadWrite\.All/);
  });
});

describe("ProfileSourcePriority", () => {
  test("places the source first or last and keeps every other entry exactly as it is", async () => {
    const ctx = testContext(emulator);
    const admin = adminClient(emulator, emulatorCredential(emulator));
    const other = OTHER(emulator.url);
    await admin.request("POST", "v1.0", "/admin/people/profilePropertySettings", { name: "skills", prioritizedSourceUrls: [other, "https://elsewhere.example/x"] });
    const ours = profileSourceUrl(emulator.url, "contosohr");

    const created = await profileSourcePriorityHandler.create(ctx, { propertyName: "skills", sourceId: "contosohr", position: "first" });
    expect(created.id).toBe("skills/contosohr");
    const list = () => [...emulator.store.profilePropertySettings.values()][0].prioritizedSourceUrls;
    expect(list()).toEqual([ours, other, "https://elsewhere.example/x"]);

    const moved = await profileSourcePriorityHandler.update(ctx, created.id, created.outs, { propertyName: "skills", sourceId: "contosohr", position: "last" });
    expect(list()).toEqual([other, "https://elsewhere.example/x", ours]);
    expect(moved.outs.prioritizedSourceUrls).toEqual(list());

    // Someone else reorders the list: the refresh says where our source now is, so the next up moves it back.
    emulator.store.profilePropertySettings.forEach((setting) => { setting.prioritizedSourceUrls = [other, ours, "https://elsewhere.example/x"]; });
    expect((await profileSourcePriorityHandler.read(ctx, created.id, moved.outs)).props?.position).toBe("elsewhere");

    await profileSourcePriorityHandler.delete(ctx, created.id, moved.outs);
    expect(list()).toEqual([other, "https://elsewhere.example/x"]);
    expect((await profileSourcePriorityHandler.read(ctx, created.id, moved.outs)).id).toBeUndefined();
  });

  test("another writer editing the list between our writes keeps its entries; a property with no setting gets one", async () => {
    const ctx = testContext(emulator);
    const other = OTHER(emulator.url);
    const ours = profileSourceUrl(emulator.url, "contosohr");
    await profileSourcePriorityHandler.create(ctx, { propertyName: "addresses", sourceId: "contosohr", position: "last" });
    const setting = [...emulator.store.profilePropertySettings.values()][0];
    expect(setting).toMatchObject({ name: "addresses", prioritizedSourceUrls: [ours] });
    setting.prioritizedSourceUrls = ["https://elsewhere.example/x", ours];

    // A concurrent writer puts its own source first right after our write lands.
    let raced = false;
    afterRequest = (line) => {
      if (!raced && line.startsWith("PATCH /v1.0/admin/people/profilePropertySettings/")) {
        raced = true;
        setting.prioritizedSourceUrls = [other, ...setting.prioritizedSourceUrls];
      }
    };
    const updated = await profileSourcePriorityHandler.update(ctx, "addresses/contosohr", {} as never, { propertyName: "addresses", sourceId: "contosohr", position: "first" });
    expect(raced).toBe(true);
    // The read after our write saw ours displaced, so it wrote again from the list as it then was: ours
    // first, and the other writer's entry kept.
    expect(setting.prioritizedSourceUrls).toEqual([ours, other, "https://elsewhere.example/x"]);
    expect(updated.outs.prioritizedSourceUrls).toEqual(setting.prioritizedSourceUrls);
  });

  test("two sources placed in a property that has no setting yet, at the same moment, both end up in it", async () => {
    const ctx = testContext(emulator);
    await Promise.all([
      profileSourcePriorityHandler.create(ctx, { propertyName: "projects", sourceId: "contosohr", position: "first" }),
      profileSourcePriorityHandler.create(ctx, { propertyName: "projects", sourceId: "workday", position: "last" }),
    ]);
    const settings = [...emulator.store.profilePropertySettings.values()];
    expect(settings).toHaveLength(1);
    expect(settings[0].prioritizedSourceUrls).toEqual([profileSourceUrl(emulator.url, "contosohr"), profileSourceUrl(emulator.url, "workday")]);
  });

  test("a placement whose answer was lost is recorded half done: delete takes the entry out again, or the next update finds it placed", async () => {
    const ctx = testContext(emulator);
    const admin = adminClient(emulator, emulatorCredential(emulator));
    await admin.request("POST", "v1.0", "/admin/people/profilePropertySettings", { name: "skills", prioritizedSourceUrls: [OTHER(emulator.url)] });
    const ours = profileSourceUrl(emulator.url, "contosohr");
    const inputs = { propertyName: "skills", sourceId: "contosohr", position: "first" };
    emulator.faults.add({ method: "PATCH", path: "/profilePropertySettings/", status: 500, afterHandling: true });
    const error = await profileSourcePriorityHandler.create(ctx, inputs).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceInitError);
    expect(error).toMatchObject({ id: "skills/contosohr", properties: inputs });
    const list = () => [...emulator.store.profilePropertySettings.values()][0].prioritizedSourceUrls;
    expect(list()).toEqual([ours, OTHER(emulator.url)]);

    const finished = await profileSourcePriorityHandler.update(ctx, "skills/contosohr", (error as ResourceInitError).properties as never, inputs);
    expect(finished.outs).toMatchObject({ ...inputs, prioritizedSourceUrls: [ours, OTHER(emulator.url)] });
    await profileSourcePriorityHandler.delete(ctx, "skills/contosohr", (error as ResourceInitError).properties as never);
    expect(list()).toEqual([OTHER(emulator.url)]);
  });

  test("a placement Graph refused is a plain failure: nothing to record", async () => {
    emulator.faults.add({ method: "POST", path: "/profilePropertySettings$", status: 400 });
    const error = await profileSourcePriorityHandler.create(testContext(emulator), { propertyName: "skills", sourceId: "contosohr" }).then(() => undefined, (e: unknown) => e);
    expect(error).not.toBeInstanceOf(ResourceInitError);
    expect(error).toMatchObject({ status: 400 });
  });

  test("placing is pure: only our entry moves", () => {
    expect(placed(["a", "x(sourceId='s')", "b"].map((u) => (u.includes("sourceId") ? "https://g/v1.0/admin/people/profileSources(sourceId='s')" : u)),
      "https://g/v1.0/admin/people/profileSources(sourceId='s')", "s", "first")).toEqual(["https://g/v1.0/admin/people/profileSources(sourceId='s')", "a", "b"]);
  });
});

describe("people connector rules at preview", () => {
  const schema = (labels: string[][]) => ({ properties: labels.map((label, index) => ({ name: `p${index}`, type: "string", isRetrievable: true, labels: label })) });

  test("a people connector needs exactly one personAccount property", () => {
    const failures = (labels: string[][]) => (checkExternalConnection({ connectionId: "contosohr", name: "HR", contentCategory: "people", schema: schema(labels) }).failures ?? [])
      .map((failure) => failure.reason);
    expect(failures([["personAccount"], ["personName"]])).toEqual([]);
    expect(failures([["personName"]])).toEqual([expect.stringContaining("need one property labelled 'personAccount'")]);
    expect(failures([["personAccount"], ["personAccount"]])).toEqual(expect.arrayContaining([expect.stringMatching(/personAccount/)]));
    // Not a people connector: no such rule.
    expect(checkExternalConnection({ connectionId: "contosohr", name: "HR", schema: schema([["title"]]) }).failures ?? []).toEqual([]);
  });
});
