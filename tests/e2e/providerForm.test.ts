/**
 * The serialized provider in state has two forms: a `require` of its type's module when the package is
 * installed in node_modules (provider/dynamic/shim.ts), and the shim's closures by value when it is linked from
 * elsewhere, which is also what every earlier release wrote. A stack deployed with the long form runs on once
 * the package is installed: no changes planned, the next update writes the short form, refresh and destroy work.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as linkedPackage from "../../sdk/dynamic";
import { openStack } from "../../scripts/emulatorStack";
import { installPackageCopy } from "../../scripts/packageCopy";
import { useEmulator, USER_1, USER_2 } from "../helpers/harness";
import { readResultsFromFiles } from "../helpers/fileBackend";
import { checkpointText, describeWithCli, pulumiCli, requirePulumiCli, tenantSummary } from "../helpers/pulumiStack";
import { scratchDir } from "../helpers/scratch";
import { requireInstalled } from "../../scripts/requireInstalled";

const env = useEmulator({ schemaProvisioningMs: 300, deletionMs: 100 });
jest.setTimeout(480_000);

type Classes = Pick<typeof linkedPackage, "ExternalConnection" | "ExternalGroup">;

function program(classes: Classes, members: string[]) {
  return async () => {
    const connection = new classes.ExternalConnection("wiki", {
      connectionId: "formwiki",
      name: "Wiki",
      description: "The team wiki pages",
    });
    new classes.ExternalGroup("editors", {
      connectionId: connection.connectionId,
      groupId: "editors",
      members: members.map((id) => ({ id, type: "user" as const })),
    });
  };
}

/** Each dynamic resource's serialized provider as stored: its inputs' and its outputs'. */
function providerTexts(stateDir: string): Array<{ type: string; inputs: string; outputs: string }> {
  const checkpoint = JSON.parse(checkpointText(stateDir, "form"));
  return (
    checkpoint.checkpoint.latest.resources as Array<{ type: string; inputs?: Record<string, string>; outputs?: Record<string, string> }>
  )
    .filter((resource) => resource.inputs?.__provider)
    .map((resource) => ({
      type: resource.type.split(":").at(-1)!,
      inputs: resource.inputs!.__provider,
      outputs: resource.outputs!.__provider,
    }));
}

const SHORT = (type: string) => `require("pulumi-graph-connectors/dist/provider/dynamic/${type}.js")`;
const LONG = 'require("pulumi-graph-connectors/provider-impl")';

describeWithCli("the serialized provider's two forms", () => {
  beforeAll(requirePulumiCli);

  test("a stack written with closures by value previews no changes once the package is installed, updates to the short form and is destroyed", async () => {
    const { emulator } = env;
    const stateDir = scratchDir("graph-form-");
    const base = { stackName: "form", projectName: "graph-form", stateDir, emulatorUrl: emulator.url, pulumiCommand: await pulumiCli() };

    // Linked from this repository: the long form earlier releases wrote.
    const linked = readResultsFromFiles(await openStack({ ...base, program: program(linkedPackage, [USER_1]) }), stateDir);
    expect((await linked.up()).summary.resourceChanges).toEqual({ create: 3 });
    for (const text of providerTexts(stateDir)) {
      expect(text.inputs).toContain(LONG);
      expect(text.inputs.length).toBeGreaterThan(1500);
    }

    // The same stack from a project where npm installed the package.
    const project = join(stateDir, "installed");
    mkdirSync(project);
    writeFileSync(join(project, "Pulumi.yaml"), "name: graph-form\nruntime: nodejs\n");
    const installed = requireInstalled<Classes>(installPackageCopy(project));
    const members = [USER_1];
    const stack = readResultsFromFiles(
      await openStack({ ...base, workDir: project, program: async () => program(installed, members)() }),
      stateDir,
    );
    await stack.preview({ expectNoChanges: true });
    expect((await stack.up()).summary.resourceChanges).toEqual({ same: 3 });

    // An update: the group's outputs are rewritten with the short form; the connection's keep the long one
    // until it changes, and both run.
    members.push(USER_2);
    expect((await stack.up()).summary.resourceChanges).toEqual({ same: 2, update: 1 });
    expect(tenantSummary(emulator)).toEqual({ formwiki: { editors: [USER_1, USER_2] } });
    const texts = providerTexts(stateDir);
    expect(texts.map(({ type, inputs }) => [type, inputs.includes(SHORT(type)), inputs.length < 400])).toEqual([
      ["ExternalConnection", true, true],
      ["ExternalGroup", true, true],
    ]);
    expect(texts.find(({ type }) => type === "ExternalGroup")!.outputs).toContain(SHORT("ExternalGroup"));
    expect(texts.find(({ type }) => type === "ExternalConnection")!.outputs).toContain(LONG);

    expect((await stack.refresh()).summary.resourceChanges).toEqual({ same: 3 });
    expect((await stack.destroy()).summary.resourceChanges).toEqual({ delete: 3 });
    expect(tenantSummary(emulator)).toEqual({});
  });
});
