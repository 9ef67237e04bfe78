/**
 * Every multi-request operation that fails halfway throws a ResourceInitError whose properties say what
 * Graph holds (the engine records them as the resource's outputs and runs update next time), and the
 * next update, started from those outputs, ends in the desired state.
 */
import { canonicalSchema } from "../../model/schema";
import { sendBatch } from "../../provider/graph/batch";
import { ResourceInitError } from "../../provider/resources/contract";
import { externalConnectionHandler as connections } from "../../provider/resources/externalConnection/handler";
import { ExternalConnectionInputs, ExternalConnectionOutputs } from "../../provider/resources/externalConnection/types";
import { externalGroupHandler as groups } from "../../provider/resources/externalGroup/handler";
import { externalGroupMemberHandler as members } from "../../provider/resources/externalGroup/memberHandler";
import { ExternalGroupOutputs } from "../../provider/resources/externalGroup/types";
import { adminClient, graphCalls, testContext, TITLE_SCHEMA, useEmulator, USER_1, USER_2 } from "../helpers/harness";

const env = useEmulator({ schemaProvisioningMs: 3000 });

async function initError(operation: Promise<unknown>): Promise<ResourceInitError> {
  const error = await operation.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ResourceInitError);
  return error as ResourceInitError;
}

const base: ExternalConnectionInputs = {
  connectionId: "contosohr",
  name: "Contoso HR",
  description: "HR articles",
  schema: canonicalSchema(TITLE_SCHEMA),
};
const OWNER = { name: "owner", type: "string" as const, isQueryable: true, isRetrievable: true };

describe("ExternalConnection: a failed update records what Graph holds", () => {
  test("a renamed connection whose schema submission lost its answer records the new name and an unknown schema", async () => {
    const ctx = testContext(env.emulator);
    const { outs } = await connections.create(ctx, base);
    const next = { ...base, name: "Contoso people", schema: canonicalSchema({ properties: [...TITLE_SCHEMA.properties, OWNER] }) };
    env.emulator.addFaults({ method: "PATCH", path: "/schema$", status: 500, afterHandling: true });
    const error = await initError(connections.update(ctx, "contosohr", outs, next));
    expect(error.id).toBe("contosohr");
    expect(error.properties).toMatchObject({ name: "Contoso people", state: "ready" });
    expect(error.properties).not.toHaveProperty("schema");

    // The next run starts from the recorded outputs: it reads the schema instead of trusting the old one and,
    // as the lost submission's operation cannot be followed, submits it again (409 while that one still runs)
    // and waits for its own operation.
    env.emulator.clearRequests();
    const repaired = await connections.update(ctx, "contosohr", error.properties as ExternalConnectionOutputs, next);
    expect(repaired.outs).toMatchObject({ name: "Contoso people", schema: next.schema, state: "ready" });
    const calls = graphCalls(env.emulator);
    expect(calls[0]).toBe("GET /v1.0/external/connections/contosohr 200");
    expect(calls).toContain("GET /v1.0/external/connections/contosohr/schema 200");
    expect(calls).toContain("PATCH /v1.0/external/connections/contosohr/schema 202");
    expect(calls.filter((call) => call.startsWith("PATCH /v1.0/external/connections/contosohr "))).toEqual([]);
    expect(env.emulator.store.connection("contosohr")?.schema?.properties.map((p) => p.name)).toEqual(["title", "url", "owner"]);
  });

  test("a rename refused by Graph records the name Graph still has", async () => {
    const ctx = testContext(env.emulator);
    const { outs } = await connections.create(ctx, base);
    env.emulator.addFaults({ method: "PATCH", path: "^/v1.0/external/connections/contosohr$", status: 500 });
    const error = await initError(connections.update(ctx, "contosohr", outs, { ...base, name: "Contoso people" }));
    expect(error.properties).toMatchObject({ name: "Contoso HR", schema: base.schema });
    // Reverting the program is then no change at all; keeping it is an update.
    expect(connections.diff("contosohr", error.properties as ExternalConnectionOutputs, base).changes).toBe(false);
    expect(connections.diff("contosohr", error.properties as ExternalConnectionOutputs, { ...base, name: "Contoso people" }).changes).toBe(
      true,
    );
  });

  test("an adopted connection whose reconciling PATCH fails records the fields it really has", async () => {
    await adminClient(env.emulator).request("POST", "v1.0", "/external/connections", {
      id: "contosohr",
      name: "Made by hand",
      description: "HR articles",
    });
    env.emulator.addFaults({ method: "PATCH", path: "^/v1.0/external/connections/contosohr$", status: 500 });
    const error = await initError(connections.create(testContext(env.emulator), { ...base, adoptExisting: true }));
    expect(error.properties).toMatchObject({ name: "Made by hand", state: "draft" });
    expect(error.properties).not.toHaveProperty("schema");
  });
});

describe("ExternalGroup: a failed run records the member set as applied so far", () => {
  const group = { connectionId: "contosohr", groupId: "sales", displayName: "Sales" };
  beforeEach(async () => {
    await adminClient(env.emulator).request("POST", "v1.0", "/external/connections", { id: "contosohr", name: "Contoso HR" });
  });

  test("confirmed, refused and lost changes each end where Graph put them", async () => {
    const ctx = testContext(env.emulator);
    const { outs } = await groups.create(ctx, { ...group, members: [{ id: USER_1, type: "user" }] });
    // USER_1's removal lands but its answer is lost; USER_2's addition is refused (403): nothing happened.
    env.emulator.addFaults({ method: "DELETE", path: "/members/", status: 500, afterHandling: true });
    const first = await initError(groups.update(ctx, "contosohr/sales", outs, { ...group, members: [] }));
    expect(first.properties).toEqual({ ...group, members: [], unconfirmedMembers: [{ id: USER_1, type: "user" }] });
    env.emulator.addFaults({ method: "POST", path: "/members$", status: 403 });
    const second = await initError(
      groups.update(ctx, "contosohr/sales", first.properties as ExternalGroupOutputs, {
        ...group,
        members: [{ id: USER_2, type: "user" }],
      }),
    );
    // USER_1's removal was repeated (404: already gone) and so confirmed; USER_2 is still not a member.
    expect(second.properties).toEqual({ ...group, members: [] });
    const done = await groups.update(ctx, "contosohr/sales", second.properties as ExternalGroupOutputs, {
      ...group,
      members: [{ id: USER_2, type: "user" }],
    });
    expect(done.outs).toEqual({ ...group, members: [{ id: USER_2, type: "user" }] });
    expect([...env.emulator.store.connection("contosohr")!.groups.get("sales")!.members.keys()]).toEqual([USER_2]);
  });

  test("a display name PATCH that fails records the name Graph still has", async () => {
    const ctx = testContext(env.emulator);
    const { outs } = await groups.create(ctx, group);
    env.emulator.addFaults({ method: "PATCH", path: "/groups/sales$", status: 500 });
    const error = await initError(
      groups.update(ctx, "contosohr/sales", outs, { ...group, displayName: "Sales EMEA", members: [{ id: USER_1, type: "user" }] }),
    );
    expect(error.properties).toEqual({ ...group, displayName: "Sales", members: [] });
  });

  test("an ExternalGroupMember whose create lost its answer is recorded, and update adds it again", async () => {
    const ctx = testContext(env.emulator);
    await groups.create(ctx, group);
    const inputs = { connectionId: "contosohr", groupId: "sales", memberId: USER_1, memberType: "user" as const };
    env.emulator.addFaults({ method: "POST", path: "/members$", status: 500, afterHandling: true });
    const error = await initError(members.create(ctx, inputs));
    expect(error).toMatchObject({ id: `contosohr/sales/${USER_1}`, properties: inputs });
    env.emulator.clearRequests();
    await members.update(ctx, error.id, inputs, inputs);
    expect(graphCalls(env.emulator)).toEqual(["POST /v1.0/external/connections/contosohr/groups/sales/members 409"]);
  });

  test("a refused ExternalGroupMember create is a plain failure: nothing to record", async () => {
    const ctx = testContext(env.emulator);
    await groups.create(ctx, group);
    env.emulator.addFaults({ method: "POST", path: "/members$", status: 403 });
    const error = await members
      .create(ctx, { connectionId: "contosohr", groupId: "sales", memberId: USER_1, memberType: "user" })
      .catch((e: Error) => e);
    expect(error).not.toBeInstanceOf(ResourceInitError);
  });
});

describe("$batch: what a failed batch call leaves known", () => {
  beforeEach(async () => {
    await adminClient(env.emulator).request("POST", "v1.0", "/external/connections", { id: "batchtest", name: "Batch" });
  });
  const items = Array.from({ length: 25 }, (_, i) => ({
    method: "POST" as const,
    url: "/external/connections/batchtest/groups",
    body: { id: `g${i}` },
  }));

  // A budget of 20 makes the two $batch calls go one after the other; the fault hits the first.
  test("a batch call that fails with 5xx makes its requests lost; the others are answered on their own", async () => {
    const ctx = testContext(env.emulator, { concurrencyLimit: 20 });
    env.emulator.addFaults({ method: "POST", path: "/\\$batch$", status: 500, afterHandling: true });
    const results = await sendBatch(ctx.graph, "v1.0", items);
    expect(results.slice(0, 20).map((result) => result.delivery)).toEqual(Array(20).fill("lost"));
    expect(results.slice(20).map((result) => [result.delivery, result.status])).toEqual(Array(5).fill(["answered", 201]));
    // It was lost, not refused: the emulator did create the first 20.
    expect(env.emulator.store.connection("batchtest")!.groups.size).toBe(25);
  });

  test("a batch call refused with 4xx answers each of its requests with that status", async () => {
    const ctx = testContext(env.emulator, { concurrencyLimit: 20 });
    env.emulator.addFaults({ method: "POST", path: "/\\$batch$", status: 400 });
    const results = await sendBatch(ctx.graph, "v1.0", items);
    expect(results.slice(0, 20).map((result) => [result.delivery, result.status])).toEqual(Array(20).fill(["answered", 400]));
    expect(results.slice(20).map((result) => [result.delivery, result.status])).toEqual(Array(5).fill(["answered", 201]));
  });
});
