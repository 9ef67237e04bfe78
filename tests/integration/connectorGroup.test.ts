/**
 * Connector groups are known by id, never by name (issue 27, part 5): Graph documents no uniqueness of names, so
 * a create takes over a group that already carries the name only when told to, a create whose answer was a 5xx
 * or was lost leaves exactly one group, and a delete Graph refuses says what the group still holds.
 */
import { connectorHandler } from "../../provider/resources/appProxy/connector";
import { connectorGroupHandler } from "../../provider/resources/appProxy/connectorGroup";
import { adminClient, delegatedCredential, graphCalls, testContext, useEmulator } from "../helpers/harness";

const env = useEmulator();
const GROUPS = "/beta/onPremisesPublishingProfiles/applicationProxy/connectorGroups";
const CONNECTORS = "/beta/onPremisesPublishingProfiles/applicationProxy/connectors";

const userContext = (overrides: Parameters<typeof testContext>[1] = {}) =>
  testContext(env.emulator, { credential: delegatedCredential(env.emulator), ...overrides });

/** Groups other than the default one, as Graph holds them. */
const groupsNamed = (name: string) =>
  [...env.emulator.store.connectorGroups.values()].filter((group) => group.name === name && !group.isDefault);

/** A group someone made outside this stack, through Graph. */
async function foreignGroup(name: string, region = "nam"): Promise<string> {
  const created = await adminClient(env.emulator, delegatedCredential(env.emulator)).request("POST", "beta", GROUPS.replace("/beta", ""), {
    name,
    region,
  });
  return (created.body as { id: string }).id;
}

describe("a connector group create", () => {
  test("answered 503 after Graph made the group takes that group and sends no second POST", async () => {
    env.emulator.addFaults({ method: "POST", path: `${GROUPS}$`, status: 503, retryAfterSeconds: 2, afterHandling: true });
    const ctx = userContext();
    const { id, outs } = await connectorGroupHandler.create(ctx, { name: "HR gateways", region: "eur" });

    expect(groupsNamed("HR gateways").map((group) => group.id)).toEqual([id]);
    expect(outs).toEqual({
      name: "HR gateways",
      region: "eur",
      connectorGroupId: id,
      connectorGroupType: "applicationProxy",
      isDefault: false,
    });
    expect(graphCalls(env.emulator)).toEqual([`GET ${GROUPS} 200`, `POST ${GROUPS} 503`, `GET ${GROUPS} 200`]);
    expect(ctx.sleeps).toEqual([2000]); // the server's Retry-After, before looking
    expect(ctx.logs).toEqual([
      expect.stringMatching(
        new RegExp(
          `^connector group 'HR gateways' \\(${id}\\) was created although the request failed \\(POST .* → 503 .*\\); it is this stack's$`,
        ),
      ),
    ]);
  });

  test("whose answer was lost after Graph made the group takes that group", async () => {
    env.emulator.addFaults({ method: "POST", path: `${GROUPS}$`, reset: true, afterHandling: true });
    const { id } = await connectorGroupHandler.create(userContext(), { name: "HR gateways" });
    expect(groupsNamed("HR gateways").map((group) => group.id)).toEqual([id]);
    expect(graphCalls(env.emulator)).toEqual([`GET ${GROUPS} 200`, `POST ${GROUPS} 0`, `GET ${GROUPS} 200`]);
  });

  test("answered 503 before Graph acted is sent again after the back-off, and makes one group", async () => {
    env.emulator.addFaults({ method: "POST", path: `${GROUPS}$`, status: 503, retryAfterSeconds: 3 });
    const ctx = userContext();
    const { id } = await connectorGroupHandler.create(ctx, { name: "HR gateways" });
    expect(groupsNamed("HR gateways").map((group) => group.id)).toEqual([id]);
    expect(graphCalls(env.emulator)).toEqual([`GET ${GROUPS} 200`, `POST ${GROUPS} 503`, `GET ${GROUPS} 200`, `POST ${GROUPS} 201`]);
    expect(ctx.sleeps).toEqual([3000]);
  });

  test("throttled (429: Graph did not act) is retried by the client as any request", async () => {
    env.emulator.addFaults({ method: "POST", path: `${GROUPS}$`, status: 429, retryAfterSeconds: 1 });
    const ctx = userContext();
    await connectorGroupHandler.create(ctx, { name: "HR gateways" });
    expect(graphCalls(env.emulator)).toEqual([`GET ${GROUPS} 200`, `POST ${GROUPS} 429`, `POST ${GROUPS} 201`]);
    expect([ctx.sleeps, groupsNamed("HR gateways")]).toEqual([[1000], [expect.anything()]]);
  });

  test("that cannot learn whether Graph made the group fails saying so, and what the next run does", async () => {
    env.emulator.addFaults(
      { method: "POST", path: `${GROUPS}$`, status: 503, retryAfterSeconds: 0, afterHandling: true },
      { method: "GET", path: `${GROUPS}$`, times: 1 }, // the list before the POST passes
      { method: "GET", path: `${GROUPS}$`, status: 503, retryAfterSeconds: 0, times: 9 },
    );
    await expect(connectorGroupHandler.create(userContext(), { name: "HR gateways" })).rejects.toThrow(
      /^creating connector group 'HR gateways' failed \(POST .* → 503 .*\), and whether Graph made it could not be read \(GET .* → 503 .*\)\. If it did, the next run finds a group of that name and asks whether it is this stack's\.$/,
    );
    expect(groupsNamed("HR gateways")).toHaveLength(1);
  });

  test("that cannot tell its group from one someone made meanwhile fails, naming both", async () => {
    env.emulator.addFaults({ method: "POST", path: `${GROUPS}$`, status: 503, retryAfterSeconds: 1, afterHandling: true });
    let other: string | undefined;
    // Someone creates a group of the same name while the provider waits to look.
    const ctx = userContext({
      sleep: async () => {
        other ??= await foreignGroup("HR gateways");
      },
    });
    const error = await connectorGroupHandler.create(ctx, { name: "HR gateways" }).then(
      () => new Error("created"),
      (caught: Error) => caught,
    );
    const ids = groupsNamed("HR gateways").map((group) => group.id);
    expect(ids).toHaveLength(2);
    expect(ids).toContain(other);
    expect(error.message).toContain(
      `and 2 groups of that name appeared meanwhile (ids ${ids.join(", ")}): someone else created one at the same time`,
    );
  });

  test("does not take over a group that already carries the name: it fails naming its id and how to import it", async () => {
    const theirs = await foreignGroup("HR gateways");
    env.emulator.clearRequests();
    await expect(connectorGroupHandler.create(userContext(), { name: "HR gateways", region: "nam" })).rejects.toThrow(
      `a connector group named 'HR gateways' already exists (id ${theirs}). Graph does not keep names unique, so it may be another team's, ` +
        "and a group this stack takes over is deleted by `pulumi destroy`: it is taken over only when you say so. If it is this stack's own (an " +
        "earlier run was interrupted while creating it) or you mean to manage it here, set adoptExisting: true on the resource, or with the native " +
        `provider run \`pulumi import graph-connectors:index:ConnectorGroup <resource name> ${theirs}\`. Otherwise give this group another name.`,
    );
    expect(graphCalls(env.emulator)).toEqual([`GET ${GROUPS} 200`]);
    expect(groupsNamed("HR gateways").map((group) => group.id)).toEqual([theirs]);
  });

  test("with adoptExisting takes over the group of that name and sets the declared region (PATCH answered 200 with the group)", async () => {
    const existing = await foreignGroup("HR gateways", "nam");
    env.emulator.clearRequests();
    const ctx = userContext();
    const { id, outs } = await connectorGroupHandler.create(ctx, { name: "HR gateways", region: "eur", adoptExisting: true });
    expect([id, outs]).toEqual([
      existing,
      {
        name: "HR gateways",
        region: "eur",
        adoptExisting: true,
        connectorGroupId: existing,
        connectorGroupType: "applicationProxy",
        isDefault: false,
      },
    ]);
    expect(graphCalls(env.emulator)).toEqual([`GET ${GROUPS} 200`, `PATCH ${GROUPS}/${existing} 200`]);
    expect(ctx.logs).toContain(`connector group 'HR gateways' (${existing}) already exists; taking it over because adoptExisting is set`);
  });

  test("with adoptExisting fails when several groups carry the name, naming them", async () => {
    const ids = [await foreignGroup("HR gateways"), await foreignGroup("HR gateways")];
    await expect(connectorGroupHandler.create(userContext(), { name: "HR gateways", adoptExisting: true })).rejects.toThrow(
      `adoptExisting cannot tell which of 2 connector groups named 'HR gateways' to take over (ids ${ids.join(", ")})`,
    );
  });

  test("never takes the default group, whatever its name", async () => {
    const { id } = await connectorGroupHandler.create(userContext(), { name: "Default", adoptExisting: true });
    expect(id).not.toBe(env.emulator.store.defaultConnectorGroup().id);
  });
});

describe("a connector group update", () => {
  test("takes the group from the PATCH's 200 answer, and reads it back when Graph answers 204 instead", async () => {
    const ctx = userContext();
    const created = await connectorGroupHandler.create(ctx, { name: "HR gateways" });
    env.emulator.clearRequests();
    const renamed = await connectorGroupHandler.update(ctx, created.id, created.outs, { name: "HR gateways (EU)", region: "eur" });
    expect(renamed.outs).toMatchObject({ name: "HR gateways (EU)", region: "eur" });
    env.emulator.addFaults({ method: "PATCH", status: 204, afterHandling: true });
    const again = await connectorGroupHandler.update(ctx, created.id, renamed.outs, { name: "HR", region: "eur" });
    expect(again.outs).toMatchObject({ name: "HR", region: "eur" });
    expect(graphCalls(env.emulator)).toEqual([
      `PATCH ${GROUPS}/${created.id} 200`,
      `PATCH ${GROUPS}/${created.id} 204`,
      `GET ${GROUPS}/${created.id} 200`,
    ]);
  });

  test("a change of adoptExisting alone is a change in state only", async () => {
    const ctx = userContext();
    const created = await connectorGroupHandler.create(ctx, { name: "HR gateways" });
    expect(connectorGroupHandler.diff(created.id, created.outs, { name: "HR gateways", adoptExisting: true })).toEqual({
      changes: true,
      replaces: [],
    });
    env.emulator.clearRequests();
    await connectorGroupHandler.update(ctx, created.id, created.outs, { name: "HR gateways", adoptExisting: true });
    expect(graphCalls(env.emulator)).toEqual([`GET ${GROUPS}/${created.id} 200`]);
  });
});

describe("a connector moved into a group", () => {
  test.each([
    ["the documented 201 with the group", undefined],
    ["the twin page's 204", 204],
  ])("accepts %s", async (_answer, status) => {
    const ctx = userContext();
    const installed = env.emulator.installConnector({ machineName: "gw01" });
    const group = await connectorGroupHandler.create(ctx, { name: "HR gateways" });
    if (status) env.emulator.addFaults({ method: "POST", path: "/memberOf/\\$ref$", status, afterHandling: true });
    await connectorHandler.create(ctx, { machineName: "gw01", connectorGroupId: group.id });
    expect(env.emulator.store.connectors.get(installed.id)!.groupId).toBe(group.id);
    expect(graphCalls(env.emulator).filter((line) => line.startsWith("POST"))).toEqual([
      `POST ${GROUPS} 201`,
      `POST ${CONNECTORS}/${installed.id}/memberOf/$ref ${status ?? 201}`,
    ]);
  });
});

describe("a connector group delete", () => {
  test("that Graph refuses because the group holds an application says what it holds and that Graph needs it removed first", async () => {
    const ctx = userContext();
    const group = await connectorGroupHandler.create(ctx, { name: "Apps" });
    const app = env.emulator.publishApplication({ displayName: "Expenses", connectorGroupId: group.id });
    env.emulator.clearRequests();
    await expect(connectorGroupHandler.delete(ctx, group.id, group.outs)).rejects.toThrow(
      `connector group 'Apps' (${group.id}) still holds 1 application (Expenses ${app.id}): all connectors and applications must be removed from ` +
        "the connector group before it can be deleted (connectorgroup-delete). Move the connectors to another group (destroying a Connector resource " +
        "returns its connector to the default group) and assign the applications to another connector group, then destroy again.",
    );
    expect(graphCalls(env.emulator).sort()).toEqual([
      `DELETE ${GROUPS}/${group.id} 400`,
      `GET ${GROUPS}/${group.id}/applications 200`,
      `GET ${GROUPS}/${group.id}/members 200`,
    ]);

    env.emulator.unpublishApplication(app.id);
    await connectorGroupHandler.delete(ctx, group.id, group.outs);
    expect(env.emulator.store.connectorGroups.has(group.id)).toBe(false);
  });

  test("of a group already gone is done", async () => {
    const ctx = userContext();
    const group = await connectorGroupHandler.create(ctx, { name: "Gone" });
    // Deleted by someone else, as an admin would, through Graph.
    await adminClient(env.emulator, delegatedCredential(env.emulator)).request(
      "DELETE",
      "beta",
      `${GROUPS.replace("/beta", "")}/${group.id}`,
    );
    await connectorGroupHandler.delete(ctx, group.id, group.outs);
  });
});
