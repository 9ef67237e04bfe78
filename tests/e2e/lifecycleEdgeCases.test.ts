/**
 * The dynamic provider's edge cases through the Pulumi CLI: Graph's 503-then-409 known issue, throttling inside
 * a $batch, credentials from msgraph:* stack config, bad input at preview, a connection that already exists.
 */
import { EMULATOR_CLIENT_SECRET } from "../../emulator";
import { ExternalConnection, ExternalGroup } from "../../sdk/dynamic";
import { adminClient, useEmulator, USER_1, USER_2, USER_3 } from "../helpers/harness";
import { programFor, TITLE } from "../helpers/lifecycleProgram";
import { describeWithCli, emulatorStack, requirePulumiCli, storedState, tenantSummary } from "../helpers/pulumiStack";

const env = useEmulator({ schemaProvisioningMs: 500, deletionMs: 500 });
jest.setTimeout(480_000); // several `pulumi` runs; generous for a loaded 2-core CI machine

describeWithCli("edge cases of pulumi up/preview against the emulator", () => {
  beforeAll(requirePulumiCli);

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
