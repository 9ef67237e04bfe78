/**
 * A schema slower than the run's wait (`schemaTimeoutSeconds`; Graph takes 5-15 minutes) must converge: the
 * run that stops waiting records the operation, and the next `pulumi up` waits for that operation instead of
 * submitting the schema again (which would start another operation as long as the first, every run), then
 * creates what depends on the connection. Graph's clock is the emulator's: the operation ends when the test
 * says so, whatever the machine's speed.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as dynamicSdk from "../../sdk/dynamic";
import { projectDirectory } from "../../scripts/emulatorStack";
import { installNativeSdk } from "../../scripts/nativeSdk";
import { TITLE_SCHEMA, useEmulator, USER_1 } from "../helpers/harness";
import { describeWithCli, emulatorStack, requirePulumiCli, storedState, tenantSummary } from "../helpers/pulumiStack";
import { scratchDir } from "../helpers/scratch";
import { requireInstalled } from "../../scripts/requireInstalled";

const PROVISIONING_MS = 3_600_000;
const env = useEmulator({ schemaProvisioningMs: PROVISIONING_MS, deletionMs: 300 });
jest.setTimeout(480_000);

type Library = Pick<typeof dynamicSdk, "ExternalConnection" | "ExternalGroup">;

function program(lib: Library) {
  return async () => {
    const connection = new lib.ExternalConnection("kb", {
      connectionId: "slowkb",
      name: "Slow KB",
      description: "Knowledge base",
      schema: TITLE_SCHEMA,
      schemaTimeoutSeconds: 2,
    });
    new lib.ExternalGroup("readers", {
      connectionId: connection.connectionId,
      groupId: "readers",
      members: [{ id: USER_1, type: "user" }],
    });
    return { state: connection.state };
  };
}

function recordedConnection(state: string): Record<string, unknown> {
  const resources = JSON.parse(state).checkpoint.latest.resources as Array<{ urn: string; outputs: Record<string, unknown> }>;
  return resources.find((resource) => resource.urn.endsWith("::kb"))!.outputs;
}

const schemaPatches = () => env.emulator.requestLog().filter((line) => line.startsWith("PATCH /v1.0/external/connections/slowkb/schema"));

/** `logsReachOutput`: the dynamic provider's progress lines reach the command's output (the native plugin's stderr does not, pulumi.md C4). */
async function slowSchemaConverges(lib: Library, options: { workDir?: string; logsReachOutput: boolean }): Promise<void> {
  const { emulator } = env;
  const stack = await emulatorStack(emulator, program(lib), { workDir: options.workDir });

  const failed = await stack.up().then(
    () => "succeeded",
    (error: Error) => String(error),
  );
  expect(failed).toContain("timed out after 2 s waiting for the schema of connection 'slowkb': Graph is still provisioning it");
  expect(failed).toContain("The next `pulumi up` waits for this operation instead of submitting the schema again");
  expect(tenantSummary(emulator)).toEqual({ slowkb: {} }); // the group waits for its connection
  const operation = recordedConnection(storedState(stack)).schemaOperation;
  expect(operation).toMatch(/\/v1\.0\/external\/connections\/slowkb\/operations\/[0-9a-f-]{36}$/);

  // A refresh while Graph still provisions keeps the operation on record.
  await stack.refresh();
  expect(recordedConnection(storedState(stack)).schemaOperation).toBe(operation);

  // Graph finishes; the next run waits for that operation and submits nothing.
  emulator.advanceClock(PROVISIONING_MS);
  const up = await stack.up();
  if (options.logsReachOutput)
    expect(up.stdout).toContain(`connection 'slowkb': waiting for the schema operation an earlier run left running (${operation})`);
  expect(up.outputs.state.value).toBe("ready");
  expect(schemaPatches()).toEqual(["PATCH /v1.0/external/connections/slowkb/schema 202"]);
  expect(tenantSummary(emulator)).toEqual({ slowkb: { readers: [USER_1] } });
  expect(recordedConnection(storedState(stack)).schemaOperation).toBeUndefined();

  await stack.preview({ expectNoChanges: true });
  await stack.refresh();
  await stack.destroy();
  expect(tenantSummary(emulator)).toEqual({});
}

describeWithCli("a schema slower than the wait, over several pulumi runs", () => {
  beforeAll(requirePulumiCli);

  test("dynamic resources: the run after a timed-out wait picks up the same operation and finishes the stack", async () => {
    await slowSchemaConverges(dynamicSdk, { logsReachOutput: true });
  });

  test("native resources: the same", async () => {
    const workDir = projectDirectory(scratchDir("graph-slowschema-"));
    writeFileSync(join(workDir, "Pulumi.yaml"), "name: graph-connectors-slowschema\nruntime: nodejs\n");
    await slowSchemaConverges(requireInstalled<Library>(installNativeSdk(workDir)), { workDir, logsReachOutput: false });
  });
});
