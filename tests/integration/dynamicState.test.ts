/**
 * The dynamic resources' entry (`v1`) keeps a group's members in state as "type:id" strings, reads state of
 * either form, and still records the truth when a run stops halfway.
 */
import { v1 } from "../../provider/impl";
import { ResourceInitError } from "../../provider/resources/contract";
import { dynamicProcess } from "../../provider/dynamic/host";
import { adminClient, testContext, USER_1, USER_2, USER_3, useEmulator } from "../helpers/harness";

const env = useEmulator();
const member = (id: string) => ({ id, type: "user" });
const key = (id: string) => `user:${id}`;
const stored = () => [...env.emulator.store.connection("contosohr")!.groups.get("sales")!.members.keys()].sort();

beforeEach(async () => {
  await adminClient(env.emulator).request("POST", "v1.0", "/external/connections", { id: "contosohr", name: "Contoso HR" });
  dynamicProcess.useContext(testContext(env.emulator));
});
afterEach(() => dynamicProcess.useContext(undefined));

describe("the dynamic resources' member record", () => {
  test("check stores members as strings; create records the confirmed set as strings", async () => {
    const declared = { connectionId: "contosohr", groupId: "sales", members: [member(USER_1), member(USER_2)] };
    const checked = await v1.check("ExternalGroup", undefined, declared);
    expect(checked.inputs).toEqual({ ...declared, members: [key(USER_1), key(USER_2)] });

    const created = await v1.create("ExternalGroup", checked.inputs!);
    expect(created.outs).toEqual({ connectionId: "contosohr", groupId: "sales", members: [key(USER_1), key(USER_2)] });
    expect(stored()).toEqual([USER_1, USER_2]);

    // The next run: same members, no change; one more, a change; refresh keeps the record.
    const again = (await v1.check("ExternalGroup", checked.inputs, declared)).inputs!;
    expect((await v1.diff("ExternalGroup", "contosohr/sales", created.outs, again)).changes).toBe(false);
    const more = (await v1.check("ExternalGroup", checked.inputs, { ...declared, members: [...declared.members, member(USER_3)] })).inputs!;
    expect((await v1.diff("ExternalGroup", "contosohr/sales", created.outs, more)).changes).toBe(true);
    expect((await v1.read("ExternalGroup", "contosohr/sales", created.outs)).props).toEqual(created.outs);
  });

  test("state written by earlier releases (members as objects) reads alike and is rewritten on the next update", async () => {
    await adminClient(env.emulator).request("POST", "v1.0", "/external/connections/contosohr/groups", { id: "sales" });
    await adminClient(env.emulator).request("POST", "v1.0", "/external/connections/contosohr/groups/sales/members", {
      id: USER_1,
      type: "user",
    });
    const legacy = { connectionId: "contosohr", groupId: "sales", members: [member(USER_1)] };
    const same = (await v1.check("ExternalGroup", legacy, legacy)).inputs!;
    expect((await v1.diff("ExternalGroup", "contosohr/sales", legacy, same)).changes).toBe(false);

    const news = (await v1.check("ExternalGroup", legacy, { ...legacy, members: [member(USER_1), member(USER_2)] })).inputs!;
    const updated = await v1.update("ExternalGroup", "contosohr/sales", legacy, news);
    expect(updated.outs).toEqual({ connectionId: "contosohr", groupId: "sales", members: [key(USER_1), key(USER_2)] });
    expect(stored()).toEqual([USER_1, USER_2]);
    expect((await v1.read("ExternalGroup", "contosohr/sales", legacy)).props).toEqual({
      connectionId: "contosohr",
      groupId: "sales",
      members: [key(USER_1)],
    });
  });

  test("a run that stops halfway records, in the stored form, what Graph confirmed and what it may hold", async () => {
    const declared = { connectionId: "contosohr", groupId: "sales", members: [member(USER_1)] };
    const first = await v1.create("ExternalGroup", (await v1.check("ExternalGroup", undefined, declared)).inputs!);
    // Adding two more: Graph adds both, but the answer of one is lost (500 after it took effect).
    env.emulator.addFaults({ method: "POST", path: "/members$", status: 500, afterHandling: true, times: 10, every: 2 });
    const news = (await v1.check("ExternalGroup", undefined, { ...declared, members: [member(USER_1), member(USER_2), member(USER_3)] }))
      .inputs!;
    // The host hands in the serialized provider with the inputs; the partial outputs keep it, since `pulumi
    // refresh` and `pulumi destroy` load the provider from the stored outputs.
    const provider = 'exports.handler = () => require("pulumi-graph-connectors/dist/provider/dynamic/ExternalGroup.js")';
    const failure = await v1.update("ExternalGroup", "contosohr/sales", first.outs, { ...news, __provider: provider }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ResourceInitError);
    const partial = (failure as ResourceInitError).properties as Record<string, unknown>;
    expect(partial.__provider).toBe(provider);
    expect(partial.members).toEqual(expect.arrayContaining([key(USER_1)]));
    expect(partial.unconfirmedMembers).toEqual([expect.objectContaining({ type: "user" })]);
    expect(stored()).toEqual([USER_1, USER_2, USER_3]);

    // The next run settles the unconfirmed one from the recorded state.
    env.emulator.clearFaults();
    const settled = await v1.update("ExternalGroup", "contosohr/sales", partial, news);
    expect([...(settled.outs!.members as string[])].sort()).toEqual([key(USER_1), key(USER_2), key(USER_3)].sort());
    expect(settled.outs!.unconfirmedMembers).toBeUndefined();
  });
});

describe("the serialized provider in a half-done record", () => {
  const PROVIDER = "exports.handler = function () { /* the type's shim */ }";
  /** Checked inputs as the host hands them on: it adds the serialized provider back after check. */
  const checked = async (declared: object, provider: string) => ({
    ...(await v1.check("ExternalGroup", undefined, declared)).inputs!,
    __provider: provider,
  });

  test("a create or update that stops halfway records the serialized provider it ran with, as the host does on success", async () => {
    const declared = { connectionId: "contosohr", groupId: "sales", members: [member(USER_1)] };
    env.emulator.addFaults({ method: "POST", path: "/members$", status: 500, afterHandling: true, times: 2 });
    const created = await v1.create("ExternalGroup", await checked(declared, PROVIDER)).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(created).toBeInstanceOf(ResourceInitError);
    expect((created as ResourceInitError).properties).toMatchObject({ members: [], __provider: PROVIDER });

    const news = await checked({ ...declared, members: [member(USER_1), member(USER_2)] }, `${PROVIDER} // newer`);
    const updated = await v1.update("ExternalGroup", "contosohr/sales", (created as ResourceInitError).properties, news).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(updated).toBeInstanceOf(ResourceInitError);
    expect((updated as ResourceInitError).properties).toMatchObject({ __provider: `${PROVIDER} // newer` });
  });
});
