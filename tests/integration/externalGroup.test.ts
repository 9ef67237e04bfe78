import { externalGroupHandler as groups } from "../../provider/resources/externalGroup/handler";
import { externalGroupMemberHandler as members } from "../../provider/resources/externalGroup/memberHandler";
import { ExternalGroupInputs, MemberInput } from "../../provider/resources/externalGroup/types";
import { adminClient, graphCalls, testContext, useEmulator, USER_1, USER_2, USER_3 } from "../helpers/harness";

const env = useEmulator();

const user = (id: string): MemberInput => ({ id, type: "user" });
const memberIds = () => {
  const snapshot = env.emulator.store.connection("contosohr")?.groups.get("sales");
  return snapshot ? [...snapshot.members.keys()].sort() : undefined;
};

beforeEach(async () => {
  await adminClient(env.emulator).request("POST", "v1.0", "/external/connections", { id: "contosohr", name: "Contoso HR" });
  env.emulator.clearRequests();
});

describe("ExternalGroup provider", () => {
  const group: ExternalGroupInputs = { connectionId: "contosohr", groupId: "sales", displayName: "Sales", description: "Sales team" };

  test("create POSTs the group and adds its members in one $batch", async () => {
    const inputs = { ...group, members: [user(USER_1), user(USER_2), { id: "partners", type: "externalGroup" as const }] };
    const result = await groups.create(testContext(env.emulator), inputs);
    expect(result).toEqual({ id: "contosohr/sales", outs: inputs });
    expect(graphCalls(env.emulator)).toEqual([
      "POST /v1.0/external/connections/contosohr/groups 201",
      "POST /v1.0/external/connections/contosohr/groups/sales/members 201 (batch)",
      "POST /v1.0/external/connections/contosohr/groups/sales/members 201 (batch)",
      "POST /v1.0/external/connections/contosohr/groups/sales/members 201 (batch)",
      "POST /v1.0/$batch 200",
    ]);
    expect(memberIds()).toEqual([USER_1, USER_2, "partners"].sort());
  });

  test("update PATCHes text fields and sends only the member difference", async () => {
    const ctx = testContext(env.emulator);
    const { outs } = await groups.create(ctx, { ...group, members: [user(USER_1), user(USER_2)] });
    env.emulator.clearRequests();
    const next = { ...group, displayName: "Sales EMEA", members: [user(USER_2), user(USER_3)] };
    expect(await groups.update(ctx, "contosohr/sales", outs, next)).toEqual({ outs: next });
    expect(graphCalls(env.emulator)).toEqual([
      "GET /v1.0/external/connections/contosohr/groups/sales 200",
      "PATCH /v1.0/external/connections/contosohr/groups/sales 204",
      // Removals and additions share one batch: their order does not matter.
      `DELETE /v1.0/external/connections/contosohr/groups/sales/members/${USER_1} 204 (batch)`,
      "POST /v1.0/external/connections/contosohr/groups/sales/members 201 (batch)",
      "POST /v1.0/$batch 200",
    ]);
    expect(memberIds()).toEqual([USER_2, USER_3]);
  });

  test("a member whose type changes is removed in a batch before it is added again", async () => {
    const ctx = testContext(env.emulator);
    const { outs } = await groups.create(ctx, { ...group, members: [user(USER_1), user(USER_2)] });
    env.emulator.clearRequests();
    await groups.update(ctx, "contosohr/sales", outs, { ...group, members: [{ id: USER_1, type: "group" }] });
    expect(graphCalls(env.emulator).filter((line) => !line.startsWith("GET") && !line.startsWith("PATCH"))).toEqual([
      // Alone, the first removal is sent as the plain request it is.
      `DELETE /v1.0/external/connections/contosohr/groups/sales/members/${USER_1} 204`,
      `DELETE /v1.0/external/connections/contosohr/groups/sales/members/${USER_2} 204 (batch)`,
      "POST /v1.0/external/connections/contosohr/groups/sales/members 201 (batch)",
      "POST /v1.0/$batch 200",
    ]);
    expect(env.emulator.store.connection("contosohr")!.groups.get("sales")!.members.get(USER_1)).toMatchObject({ type: "group" });
  });

  test("re-sends only the inner requests Graph throttled, after their Retry-After", async () => {
    env.emulator.addFaults({ method: "POST", path: "/members$", status: 429, retryAfterSeconds: 4, times: 2 });
    const ctx = testContext(env.emulator);
    const many = Array.from({ length: 25 }, (_, i) => user(`a1b2c3d4-0000-4000-8000-${String(i).padStart(12, "0")}`));
    await groups.create(ctx, { ...group, members: many });
    expect(ctx.sleeps).toEqual([4000]);
    expect(graphCalls(env.emulator).filter((line) => line === "POST /v1.0/$batch 200")).toHaveLength(3);
    expect(memberIds()).toHaveLength(25);
  });

  test("treats an existing member (409) and an already removed one (404) as done", async () => {
    const ctx = testContext(env.emulator);
    const { outs } = await groups.create(ctx, { ...group, members: [user(USER_1)] });
    await adminClient(env.emulator).request("POST", "v1.0", "/external/connections/contosohr/groups/sales/members", {
      id: USER_2,
      type: "user",
    });
    await adminClient(env.emulator).request("DELETE", "v1.0", `/external/connections/contosohr/groups/sales/members/${USER_1}`);
    await groups.update(ctx, "contosohr/sales", outs, { ...group, members: [user(USER_2)] });
    expect(memberIds()).toEqual([USER_2]);
  });

  test("reports member failures with their Graph errors", async () => {
    env.emulator.addFaults({
      method: "POST",
      path: "/members$",
      status: 403,
      body: { error: { code: "accessDenied", message: "Insufficient privileges." } },
    });
    await expect(groups.create(testContext(env.emulator), { ...group, members: [user(USER_1)] })).rejects.toMatchObject({
      id: "contosohr/sales",
      message:
        "1 of 1 member changes of group 'sales' failed: POST /external/connections/contosohr/groups/sales/members → 403 accessDenied: Insufficient privileges.",
      // A 403 is a refusal: nothing happened, so nothing is unconfirmed and the member is simply not there.
      properties: { members: [] },
    });
  });

  test("a group exactly as declared (a killed run's create) is taken over and gets every declared member", async () => {
    const graph = adminClient(env.emulator);
    await graph.request("POST", "v1.0", "/external/connections/contosohr/groups", {
      id: "sales",
      displayName: "Sales",
      description: "Sales team",
    });
    await graph.request("POST", "v1.0", "/external/connections/contosohr/groups/sales/members", { id: USER_1, type: "user" });
    const ctx = testContext(env.emulator);
    const { outs } = await groups.create(ctx, { ...group, members: [user(USER_1), user(USER_2)] });
    expect(outs.members).toEqual([user(USER_1), user(USER_2)]);
    expect(memberIds()).toEqual([USER_1, USER_2]);
    expect(ctx.logs[0]).toContain("already exists exactly as declared");
  });

  test("read reports drift and a deleted group as gone; delete tolerates 404", async () => {
    const ctx = testContext(env.emulator);
    const { outs } = await groups.create(ctx, group);
    await adminClient(env.emulator).request("PATCH", "v1.0", "/external/connections/contosohr/groups/sales", { description: "edited" });
    expect(await groups.read(ctx, "contosohr/sales", outs)).toEqual({ id: "contosohr/sales", props: { ...group, description: "edited" } });
    await groups.delete(ctx, "contosohr/sales", outs);
    expect(await groups.read(ctx, "contosohr/sales", outs)).toEqual({ id: undefined });
    await groups.delete(ctx, "contosohr/sales", outs);
    expect(graphCalls(env.emulator).slice(-2)).toEqual([
      "GET /v1.0/external/connections/contosohr/groups/sales 404",
      "DELETE /v1.0/external/connections/contosohr/groups/sales 404",
    ]);
  });

  test("adopts an existing group that differs from the program only with adoptExisting", async () => {
    await adminClient(env.emulator).request("POST", "v1.0", "/external/connections/contosohr/groups", { id: "sales", displayName: "Old" });
    await expect(groups.create(testContext(env.emulator), group)).rejects.toThrow(
      "external group 'sales' of connection 'contosohr' already exists in the tenant and differs " +
        "from the program (displayName is 'Old' in Graph, 'Sales' in the program; description is unset in Graph, 'Sales team' in the program). Set adoptExisting: true",
    );
    const { outs } = await groups.create(testContext(env.emulator), { ...group, adoptExisting: true });
    expect(outs.displayName).toBe("Sales");
    expect(env.emulator.store.connection("contosohr")?.groups.get("sales")?.displayName).toBe("Sales");
  });
});

describe("ExternalGroupMember provider", () => {
  const member = { connectionId: "contosohr", groupId: "sales", memberId: USER_1, memberType: "user" as const };

  beforeEach(async () => {
    await adminClient(env.emulator).request("POST", "v1.0", "/external/connections/contosohr/groups", { id: "sales" });
    env.emulator.clearRequests();
  });

  test("adds, tolerates an existing membership, reads, and removes a member", async () => {
    const ctx = testContext(env.emulator);
    expect(await members.create(ctx, member)).toEqual({ id: `contosohr/sales/${USER_1}`, outs: member });
    expect(await members.create(ctx, member)).toEqual({ id: `contosohr/sales/${USER_1}`, outs: member });
    expect(ctx.logs).toEqual([`'${USER_1}' is already a member of group 'sales'`]);
    expect(await members.read(ctx, `contosohr/sales/${USER_1}`, member)).toEqual({ id: `contosohr/sales/${USER_1}`, props: member });
    await members.delete(ctx, `contosohr/sales/${USER_1}`, member);
    await members.delete(ctx, `contosohr/sales/${USER_1}`, member);
    expect(graphCalls(env.emulator)).toEqual([
      "POST /v1.0/external/connections/contosohr/groups/sales/members 201",
      "POST /v1.0/external/connections/contosohr/groups/sales/members 409",
      "GET /v1.0/external/connections/contosohr/groups/sales 200",
      `DELETE /v1.0/external/connections/contosohr/groups/sales/members/${USER_1} 204`,
      `DELETE /v1.0/external/connections/contosohr/groups/sales/members/${USER_1} 404`,
    ]);
  });
});

describe("refresh under throttling", () => {
  test("a read that stays throttled fails the refresh instead of dropping the resource from state", async () => {
    const ctx = testContext(env.emulator, { retry: { maxRetries: 2 } });
    const group = { connectionId: "contosohr", groupId: "sales" };
    await groups.create(ctx, group);
    env.emulator.addFaults({ method: "GET", path: "/groups/sales$", status: 429, retryAfterSeconds: 30, times: 3 });
    await expect(groups.read(ctx, "contosohr/sales", group)).rejects.toMatchObject({ name: "GraphError", status: 429 });
    expect(ctx.sleeps).toEqual([30_000, 30_000]);
  });
});

describe("member sync edge cases", () => {
  test("a request the $batch answer leaves out counts as failed, not done", async () => {
    const ctx = testContext(env.emulator);
    const group = { connectionId: "contosohr", groupId: "sales" };
    await groups.create(ctx, group);
    // A $batch answer that is 200 but lists no responses: nothing may be assumed done.
    env.emulator.addFaults({ method: "POST", path: "/\\$batch$", status: 200, body: { responses: [] } });
    await expect(groups.update(ctx, "contosohr/sales", group, { ...group, members: [user(USER_1), user(USER_2)] })).rejects.toMatchObject({
      message:
        "2 of 2 member changes of group 'sales' failed (2 members are recorded as unconfirmed, as Graph's answer was lost; the next `pulumi up` settles them): " +
        "POST /external/connections/contosohr/groups/sales/members → no answer missingBatchResponse: the $batch answer had no response for this request; " +
        "POST /external/connections/contosohr/groups/sales/members → no answer missingBatchResponse: the $batch answer had no response for this request",
      properties: { members: [], unconfirmedMembers: [user(USER_1), user(USER_2)] },
    });
  });
});
