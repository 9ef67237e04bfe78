/**
 * ExternalGroupSet against the emulator: each group goes through the ExternalGroup handler, all at once, and
 * the set's outputs say which groups exist and with which members after every step, failed ones included.
 */
import { checkResource } from "../../provider/engine/check";
import { ResourceInitError } from "../../provider/resources/contract";
import { externalGroupSetHandler as sets } from "../../provider/resources/externalGroup/setHandler";
import { ExternalGroupSetInputs, ExternalGroupSetOutputs, MemberInput } from "../../provider/resources/externalGroup/types";
import { stateFormOf } from "../../provider/engine/registry";
import { adminClient, graphCalls, testContext, useEmulator, USER_1, USER_2, USER_3 } from "../helpers/harness";

const env = useEmulator();

const user = (id: string): MemberInput => ({ id, type: "user" });
const groupIds = () => [...(env.emulator.store.connection("contosohr")?.groups.keys() ?? [])].sort();
const memberIds = (groupId: string) => [...(env.emulator.store.connection("contosohr")?.groups.get(groupId)?.members.keys() ?? [])].sort();

async function initError(operation: Promise<unknown>): Promise<ResourceInitError> {
  const error = await operation.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ResourceInitError);
  return error as ResourceInitError;
}

const set: ExternalGroupSetInputs = {
  connectionId: "contosohr",
  groups: {
    sales: { displayName: "Sales", members: [user(USER_1), user(USER_2)] },
    hr: { displayName: "HR", description: "People team", members: [user(USER_3)] },
    legal: { members: [] },
  },
};

beforeEach(async () => {
  await adminClient(env.emulator).request("POST", "v1.0", "/external/connections", { id: "contosohr", name: "Contoso HR" });
  env.emulator.clearRequests();
});

describe("ExternalGroupSet provider", () => {
  test("create makes every group with its members, the groups' requests sharing batches", async () => {
    const ctx = testContext(env.emulator);
    expect(await sets.create(ctx, set)).toEqual({ id: "contosohr", outs: set });
    expect(groupIds()).toEqual(["hr", "legal", "sales"]);
    expect(memberIds("sales")).toEqual([USER_1, USER_2]);
    expect(memberIds("hr")).toEqual([USER_3]);
    expect(env.emulator.store.connection("contosohr")!.groups.get("hr")).toMatchObject({ displayName: "HR", description: "People team" });
    // 3 creates and 3 member additions: the first create goes at once, the rest gather into batches.
    const calls = graphCalls(env.emulator);
    expect(calls.filter((line) => line.endsWith("(batch)")).length).toBeGreaterThanOrEqual(2);
    expect(calls.filter((line) => !line.endsWith("(batch)")).length).toBeLessThanOrEqual(4);
  });

  test("update creates added groups, deletes removed ones, syncs changed ones and leaves the others alone", async () => {
    const ctx = testContext(env.emulator);
    const { outs } = await sets.create(ctx, set);
    env.emulator.clearRequests();
    const next: ExternalGroupSetInputs = {
      connectionId: "contosohr",
      groups: {
        // Reordered members are no change.
        sales: { displayName: "Sales", members: [user(USER_2), user(USER_1)] },
        hr: { displayName: "People", description: "People team", members: [user(USER_1)] },
        finance: { displayName: "Finance", members: [user(USER_2)] },
      },
    };
    expect(await sets.update(ctx, "contosohr", outs, next)).toEqual({ outs: next });
    expect(groupIds()).toEqual(["finance", "hr", "sales"]);
    expect(memberIds("hr")).toEqual([USER_1]);
    expect(memberIds("finance")).toEqual([USER_2]);
    expect(env.emulator.store.connection("contosohr")!.groups.get("hr")).toMatchObject({ displayName: "People" });
    expect(graphCalls(env.emulator).some((line) => line.includes("/groups/sales"))).toBe(false);
    expect(ctx.logs).toContain("connection 'contosohr': 1 groups to create, 1 to update, 1 to delete");
  });

  test("a group Graph refuses is left out of the record, and the next update creates it", async () => {
    const ctx = testContext(env.emulator);
    // The second group create (hr: the creates go in the program's order) is refused.
    env.emulator.addFaults({ method: "POST", path: "/groups$", status: 403, every: 2, times: 1 });
    const error = await initError(sets.create(ctx, set));
    expect(error.message).toMatch(/^1 of 3 groups could not be created: 'hr': /);
    expect(error.properties).toEqual({ connectionId: "contosohr", groups: { sales: set.groups.sales, legal: set.groups.legal } });
    expect(groupIds()).toEqual(["legal", "sales"]);
    const done = await sets.update(ctx, "contosohr", error.properties as ExternalGroupSetOutputs, set);
    expect(done.outs).toEqual(set);
    expect(memberIds("hr")).toEqual([USER_3]);
  });

  test("a member change whose answer is lost is recorded per group and settled by the next update", async () => {
    const ctx = testContext(env.emulator);
    const { outs } = await sets.create(ctx, set);
    env.emulator.addFaults({ method: "DELETE", path: "/groups/sales/members/", status: 500, afterHandling: true });
    const next = { ...set, groups: { ...set.groups, sales: { displayName: "Sales", members: [user(USER_2)] } } };
    const error = await initError(sets.update(ctx, "contosohr", outs, next));
    const recorded = error.properties as ExternalGroupSetOutputs;
    expect(recorded.groups.sales.members).toEqual([user(USER_2)]);
    expect(recorded.unconfirmedMembers).toEqual({ sales: [user(USER_1)] });
    expect(recorded.groups.hr).toEqual(set.groups.hr);
    // The lost change needs a run: diff says so although the program equals the confirmed members.
    expect(sets.diff("contosohr", recorded, next).changes).toBe(true);
    const done = await sets.update(ctx, "contosohr", recorded, next);
    expect(done.outs).toEqual(next);
    expect(memberIds("sales")).toEqual([USER_2]);
  });

  test("read drops groups deleted outside Pulumi and follows their text", async () => {
    const ctx = testContext(env.emulator);
    const { outs } = await sets.create(ctx, set);
    const admin = adminClient(env.emulator);
    await admin.request("DELETE", "v1.0", "/external/connections/contosohr/groups/legal");
    await admin.request("PATCH", "v1.0", "/external/connections/contosohr/groups/sales", { displayName: "Sales (renamed)" });
    const read = await sets.read(ctx, "contosohr", outs);
    expect(read.id).toBe("contosohr");
    expect(read.props).toEqual({
      connectionId: "contosohr",
      groups: { sales: { ...set.groups.sales, displayName: "Sales (renamed)" }, hr: set.groups.hr },
    });
    expect(sets.diff("contosohr", read.props!, set).changes).toBe(true);
  });

  test("delete removes every group; deleting again finds them gone", async () => {
    const ctx = testContext(env.emulator);
    const { outs } = await sets.create(ctx, set);
    await sets.delete(ctx, "contosohr", outs);
    expect(groupIds()).toEqual([]);
    await sets.delete(ctx, "contosohr", outs);
  });

  test("a create after a killed run takes over the groups it finds exactly as declared and finishes them", async () => {
    const ctx = testContext(env.emulator);
    // The killed run created sales (no members yet) and nothing else; Pulumi recorded no set.
    await adminClient(env.emulator).request("POST", "v1.0", "/external/connections/contosohr/groups", {
      id: "sales",
      displayName: "Sales",
    });
    expect(await sets.create(ctx, set)).toEqual({ id: "contosohr", outs: set });
    expect(memberIds("sales")).toEqual([USER_1, USER_2]);
    expect(groupIds()).toEqual(["hr", "legal", "sales"]);
    expect(
      ctx.logs.some((line) => line.includes("external group 'sales' of connection 'contosohr' already exists exactly as declared")),
    ).toBe(true);
  });

  test("two sets split one connection's groups; deleting one leaves the other's groups", async () => {
    const ctx = testContext(env.emulator);
    const first = await sets.create(ctx, { connectionId: "contosohr", groups: { sales: set.groups.sales } });
    const second = await sets.create(ctx, { connectionId: "contosohr", groups: { hr: set.groups.hr } });
    expect([first.id, second.id]).toEqual(["contosohr", "contosohr"]);
    await sets.delete(ctx, first.id, first.outs);
    expect(groupIds()).toEqual(["hr"]);
    expect(memberIds("hr")).toEqual([USER_3]);
  });

  test("adoptExisting takes over groups that exist and sets them to the program", async () => {
    const admin = adminClient(env.emulator);
    await admin.request("POST", "v1.0", "/external/connections/contosohr/groups", { id: "sales", displayName: "Old sales" });
    const ctx = testContext(env.emulator);
    await expect(sets.create(ctx, set)).rejects.toThrow(
      /'sales': external group 'sales' of connection 'contosohr' already exists in the tenant and differs/,
    );
    const adopted = await sets.create(ctx, { ...set, adoptExisting: true });
    expect(adopted.outs).toEqual({ ...set, adoptExisting: true });
    expect(env.emulator.store.connection("contosohr")!.groups.get("sales")).toMatchObject({ displayName: "Sales" });
  });
});

describe("ExternalGroupSet check and diff", () => {
  test("check names the path of each bad group id and member", () => {
    const result = checkResource("ExternalGroupSet", undefined, {
      connectionId: "contosohr",
      groups: { "sales-emea": {}, hr: { members: [user(USER_1), { id: "nope", type: "user" }] }, legal: { displayname: "Legal" } },
    });
    expect(result.failures).toEqual([
      {
        property: "groups.legal.displayname",
        reason: "groups.legal.displayname is not an input of this resource; did you mean 'displayName'?",
      },
    ]);
    expect(
      checkResource("ExternalGroupSet", undefined, {
        connectionId: "contosohr",
        groups: { "sales-emea": {}, hr: { members: [user(USER_1), { id: "nope", type: "user" }] } },
      }).failures,
    ).toEqual([
      { property: "groups.sales-emea", reason: "groups.sales-emea is not a groupId: a groupId must be 1-128 letters and digits" },
      { property: "groups.hr.members[1].id", reason: "groups.hr.members[1].id 'nope' is not an Entra object id (a GUID)" },
    ]);
    expect(checkResource("ExternalGroupSet", undefined, { connectionId: "contosohr" }).failures).toEqual([
      { property: "groups", reason: "groups is required: the groups of the set, keyed by groupId" },
    ]);
    expect(checkResource("ExternalGroupSet", undefined, { connectionId: "contosohr", groups: [] }).failures).toEqual([
      { property: "groups", reason: "groups must be an object, not []" },
    ]);
  });

  test("diff: a new connection replaces; adoptExisting alone touches no group; reordered members are no change", () => {
    const outs: ExternalGroupSetOutputs = set;
    expect(sets.diff("contosohr", outs, { ...set, connectionId: "other" })).toEqual({
      changes: true,
      replaces: ["connectionId"],
      deleteBeforeReplace: false,
    });
    expect(
      sets.diff("contosohr", outs, {
        ...set,
        groups: { ...set.groups, sales: { displayName: "Sales", members: [user(USER_2), user(USER_1)] } },
      }).changes,
    ).toBe(false);
    expect(sets.diff("contosohr", outs, { ...set, adoptExisting: true }).changes).toBe(true);
    expect(sets.diff("contosohr", outs, { ...set, groups: { sales: set.groups.sales, hr: set.groups.hr } }).changes).toBe(true);
  });

  test("the state keeps each group's members as one string of lines and gives them back as objects", () => {
    const form = stateFormOf("ExternalGroupSet");
    const stored = form.store(set);
    const storedGroups = stored.groups as Record<string, { members: unknown }>;
    expect([storedGroups.sales.members, storedGroups.legal.members]).toEqual([`user:${USER_1}\nuser:${USER_2}`, ""]);
    expect(form.read(stored)).toEqual(set);
    // A preview's unknown members, and an unknown group, stay as they are.
    const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const partly = { connectionId: "contosohr", groups: { sales: { members: [{ id: UNKNOWN, type: "user" }] }, hr: UNKNOWN } };
    expect(form.store(partly)).toEqual(partly);
    expect(form.read(partly)).toEqual(partly);
  });
});
