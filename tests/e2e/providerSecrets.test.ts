/**
 * Where a client secret can show up, run with `--debug` (every debug event kept, as a Pulumi Cloud or
 * `--event-log` keeps them). Passed into an explicit `Provider`, the secret is in one debug line that Pulumi's
 * Node.js SDK writes itself: `RegisterResource RPC finished … resp: …` (runtime/resource.ts) prints the
 * engine's answer, the provider's inputs included, in clear. Nothing of ours holds it: not the state, not the
 * outputs, not a line of the plugin's (its warnings and progress reach the engine's log, so they are events too). Set as secret stack config, the
 * README's safe way, it is in no event at all, for the native and the dynamic provider alike.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import { EMULATOR_CLIENT_ID, EMULATOR_CLIENT_SECRET, EMULATOR_TENANT_ID } from "../../emulator";
import { ExternalConnection } from "../../sdk/dynamic";
import { projectDirectory } from "../../scripts/emulatorStack";
import { installNativeSdk } from "../../scripts/nativeSdk";
import { TITLE_SCHEMA, useEmulator } from "../helpers/harness";
import { describeWithCli, emulatorStack, requirePulumiCli, storedState } from "../helpers/pulumiStack";
import { scratchDir } from "../helpers/scratch";
import { requireInstalled } from "../../scripts/requireInstalled";

const env = useEmulator({ schemaProvisioningMs: 300, deletionMs: 300 });
jest.setTimeout(480_000);

/** No credential in the environment: the provider's configuration is the only way in. */
const NO_ENVIRONMENT_CREDENTIAL = {
  AZURE_TENANT_ID: "",
  AZURE_CLIENT_ID: "",
  AZURE_CLIENT_SECRET: "",
  MSGRAPH_ENDPOINT: "",
  MSGRAPH_AUTHORITY_HOST: "",
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the generated SDK is installed and required at run time; its classes have no static type here
let native: any;
let workDir: string;

beforeAll(async () => {
  await requirePulumiCli();
  workDir = projectDirectory(scratchDir("graph-secrets-"));
  writeFileSync(join(workDir, "Pulumi.yaml"), "name: graph-connectors-secrets\nruntime: nodejs\n");
  native = requireInstalled(installNativeSdk(workDir));
});

interface DebugRun {
  /** Every engine event's text, debug diagnostics included. */
  events: string[];
  /** The command's own output, as a person running it with --debug reads it. */
  output: string[];
}

/** `pulumi up` then `pulumi destroy`, both with --debug, every event and output line kept; the state is checked in between. */
async function runWithDebug(stack: Stack): Promise<DebugRun> {
  const events: string[] = [];
  const onEvent = (event: EngineEvent) => events.push(JSON.stringify(event));
  const up = await stack.up({ debug: true, onEvent });
  expect(storedState(stack)).not.toContain(EMULATOR_CLIENT_SECRET);
  expect(JSON.stringify(up.outputs)).not.toContain(EMULATOR_CLIENT_SECRET);
  const destroy = await stack.destroy({ debug: true, onEvent });
  return { events, output: [up.stdout, up.stderr, destroy.stdout, destroy.stderr].join("\n").split("\n") };
}

const holdingSecret = (lines: string[]) => lines.filter((line) => line.includes(EMULATOR_CLIENT_SECRET));

describeWithCli("a client secret under --debug", () => {
  test("passed to an explicit Provider, it is only in the SDK's own RegisterResource debug line; never in our state, outputs or logs", async () => {
    const stack = await emulatorStack(
      env.emulator,
      async () => {
        const tenant = new native.Provider("tenant", {
          tenantId: EMULATOR_TENANT_ID,
          clientId: EMULATOR_CLIENT_ID,
          clientSecret: pulumi.secret(EMULATOR_CLIENT_SECRET),
          endpoint: env.emulator.url,
          authorityHost: env.emulator.url,
        });
        const kb = new native.ExternalConnection(
          "kb",
          { connectionId: "secretkb", name: "KB", schema: TITLE_SCHEMA },
          { provider: tenant },
        );
        return { state: kb.state };
      },
      { workDir, envVars: NO_ENVIRONMENT_CREDENTIAL },
    );
    const run = await runWithDebug(stack);

    // The plugin's own lines (through the engine's Log) are in the events (so they were looked at), and none holds the secret.
    expect(run.events.some((event) => event.includes("connection 'secretkb'"))).toBe(true);
    const sdkLine = "RegisterResource RPC finished: resource:tenant[pulumi:providers:graph-connectors]";
    const leaks = holdingSecret(run.events).map((event) => JSON.parse(event).diagnosticEvent);
    expect(leaks.length).toBeGreaterThan(0); // if Pulumi stops printing it, this test has done its job: drop this line
    for (const leak of leaks)
      expect(leak).toMatchObject({
        prefix: "debug: ",
        message: expect.stringMatching(new RegExp(`^${sdkLine.replace(/[[\]]/g, "\\$&")}`)),
      });
    for (const line of holdingSecret(run.output)) expect(line).toContain(sdkLine);
  });

  test("set as secret stack config of the native provider, it is in no event and no output line", async () => {
    const stack = await emulatorStack(
      env.emulator,
      async () => {
        new native.ExternalConnection("kb", { connectionId: "secretkb", name: "KB", schema: TITLE_SCHEMA });
      },
      { workDir, envVars: NO_ENVIRONMENT_CREDENTIAL },
    );
    await stack.setAllConfig({
      "graph-connectors:tenantId": { value: EMULATOR_TENANT_ID },
      "graph-connectors:clientId": { value: EMULATOR_CLIENT_ID },
      "graph-connectors:clientSecret": { value: EMULATOR_CLIENT_SECRET, secret: true },
      "graph-connectors:endpoint": { value: env.emulator.url },
      "graph-connectors:authorityHost": { value: env.emulator.url },
    });
    const run = await runWithDebug(stack);
    expect(holdingSecret(run.events)).toEqual([]);
    expect(holdingSecret(run.output)).toEqual([]);
  });

  test("set as secret msgraph:* stack config of the dynamic resources, it is in no event and no output line", async () => {
    const stack = await emulatorStack(
      env.emulator,
      async () => {
        new ExternalConnection("kb", { connectionId: "secretkb", name: "KB", schema: TITLE_SCHEMA });
      },
      { credentialsVia: "config", envVars: NO_ENVIRONMENT_CREDENTIAL },
    );
    const run = await runWithDebug(stack);
    expect(run.events.some((event) => event.includes("[graph-connectors]"))).toBe(true);
    expect(holdingSecret(run.events)).toEqual([]);
    expect(holdingSecret(run.output)).toEqual([]);
  });
});
