/**
 * Connector groups through the Pulumi CLI (issue 27, part 5), signed in as a user as Application Proxy needs:
 * a create whose answer Graph lost leaves one group, not two; a group that already carries the name is never
 * taken over (so `pulumi destroy` cannot delete it) unless the program says so; refresh and destroy after each.
 */
import { ConnectorGroup } from "../../sdk/dynamic";
import { adminClient, delegatedCredential, useEmulator } from "../helpers/harness";
import { describeWithCli, emulatorStack, requirePulumiCli } from "../helpers/pulumiStack";

const env = useEmulator();
jest.setTimeout(480_000);

const GROUPS = "/beta/onPremisesPublishingProfiles/applicationProxy/connectorGroups";

function program(settings: { adoptExisting?: boolean }) {
  return async () => {
    new ConnectorGroup("hr", { name: "HR gateways", region: "eur", ...settings });
  };
}

/** The ids of the non-default groups named `name`, as Graph holds them. */
const groupsNamed = (name: string) =>
  [...env.emulator.store.connectorGroups.values()].filter((group) => group.name === name && !group.isDefault).map((group) => group.id);

/** A group someone made outside the stack, through Graph. */
async function foreignGroup(name: string): Promise<string> {
  const created = await adminClient(env.emulator, delegatedCredential(env.emulator)).request("POST", "beta", GROUPS.replace("/beta", ""), {
    name,
    region: "nam",
  });
  return (created.body as { id: string }).id;
}

/** The id the stack's state holds for the group, if any. */
async function stateId(stack: Awaited<ReturnType<typeof emulatorStack>>): Promise<string | undefined> {
  const deployment = await stack.exportStack();
  return (deployment.deployment.resources ?? []).find((resource: { urn: string }) => resource.urn.endsWith("::hr"))?.id;
}

describeWithCli("connector groups through the Pulumi CLI", () => {
  beforeAll(requirePulumiCli);

  test("a create answered 503 after Graph made the group leaves one group, which refresh keeps and destroy deletes", async () => {
    const { emulator } = env;
    emulator.addFaults({ method: "POST", path: `${GROUPS}$`, status: 503, retryAfterSeconds: 0, afterHandling: true });
    const stack = await emulatorStack(emulator, program({}), { credentialsVia: "user" });
    await stack.up();
    const ids = groupsNamed("HR gateways");
    expect(ids).toHaveLength(1);
    expect(await stateId(stack)).toBe(ids[0]);
    expect(emulator.requestLog(/^POST .*connectorGroups /)).toEqual([`POST ${GROUPS} 503`]);

    const refreshed = await stack.refresh();
    expect(refreshed.summary.resourceChanges).toEqual({ same: 2 });
    await stack.preview({ expectNoChanges: true });
    await stack.destroy();
    expect(groupsNamed("HR gateways")).toEqual([]);
  });

  test("a create whose outcome Graph would not tell fails; the next run takes the group over only when told to", async () => {
    const { emulator } = env;
    emulator.addFaults(
      { method: "POST", path: `${GROUPS}$`, status: 503, retryAfterSeconds: 0, afterHandling: true },
      // The list before the POST passes (a rule with no effect); every list after it fails until the client gives up.
      { method: "GET", path: `${GROUPS}$`, times: 1 },
      { method: "GET", path: `${GROUPS}$`, status: 503, retryAfterSeconds: 0, times: 9 },
    );
    const settings: { adoptExisting?: boolean } = {};
    const stack = await emulatorStack(emulator, program(settings), { credentialsVia: "user" });
    expect(String(await stack.up().catch((error: Error) => error))).toContain("creating connector group 'HR gateways' failed (POST");
    const [made] = groupsNamed("HR gateways");
    expect(groupsNamed("HR gateways")).toEqual([made]);
    expect(await stateId(stack)).toBeUndefined();

    await stack.refresh();
    const refused = String(await stack.up().catch((error: Error) => error));
    expect(refused).toContain(`a connector group named 'HR gateways' already exists (id ${made})`);
    expect(refused).toContain(
      `set adoptExisting: true on the resource, or with the native provider run \`pulumi import graph-connectors:index:ConnectorGroup <resource name> ${made}\``,
    );
    expect(groupsNamed("HR gateways")).toEqual([made]);

    settings.adoptExisting = true;
    await stack.up();
    expect([await stateId(stack), groupsNamed("HR gateways")]).toEqual([made, [made]]);
    await stack.refresh();
    await stack.preview({ expectNoChanges: true });
    await stack.destroy();
    expect(groupsNamed("HR gateways")).toEqual([]);
  });

  test("pulumi destroy leaves alone a group of the same name that another team made", async () => {
    const { emulator } = env;
    const theirs = await foreignGroup("HR gateways");
    const stack = await emulatorStack(emulator, program({}), { credentialsVia: "user" });
    expect(String(await stack.up().catch((error: Error) => error))).toContain(
      `a connector group named 'HR gateways' already exists (id ${theirs})`,
    );
    await stack.refresh();
    await stack.destroy();
    expect(groupsNamed("HR gateways")).toEqual([theirs]);
  });
});
