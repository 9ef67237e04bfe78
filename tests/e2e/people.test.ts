/**
 * People connectors end to end through the Pulumi CLI: the people example (examples/people) goes up in order
 * (connection, profile source, its place in the tenant's precedence list), updates, and is destroyed in reverse;
 * a stack deployed with 0.2.x (one ProfileSourcePriority per profile property) upgrades in place, through
 * refresh, up and destroy, also after a failed step; a connection that is not Copilot-ready shows the readiness
 * warnings in the preview output; `graph-connectors doctor` reports on the live connection with its exit code.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { emulatorEnvironment, GraphEmulator, trustBundlePath } from "../../emulator";
import { ENTRA_SOURCE_ID, profileSourceUrl } from "../../model/people";
import { packageRoot } from "../../scripts/emulatorStack";
import { ExternalConnection, ProfileSource, ProfileSourcePriority } from "../../sdk/dynamic";
import { adminClient, emulatorCredential, TITLE_SCHEMA, useEmulator } from "../helpers/harness";
import { describeWithCli, emulatorStack, requirePulumiCli, storedState, tenantSummary } from "../helpers/pulumiStack";
import { typescriptProgram } from "../helpers/typescriptProgram";
import * as dynamicSdk from "../../sdk/dynamic";

const env = useEmulator({ schemaProvisioningMs: 500, deletionMs: 300 });
jest.setTimeout(480_000);

/** The example as written, its imports served by this checkout. */
function exampleProgram(): () => Promise<Record<string, unknown>> {
  const run = typescriptProgram(readFileSync(join(packageRoot(), "examples", "people", "index.ts"), "utf8"), {
    "@pulumi/pulumi": pulumi,
    "pulumi-graph-connectors": dynamicSdk,
  });
  return async () => run();
}

async function doctor(connectionId: string): Promise<{ code: number; stdout: string }> {
  const result = await promisify(execFile)(process.execPath, [join(packageRoot(), "dist", "provider", "cli.js"), "doctor", connectionId], {
    env: {
      ...process.env,
      NODE_EXTRA_CA_CERTS: trustBundlePath(),
      ...emulatorEnvironment(env.emulator.url),
    },
  }).then(
    (done) => ({ code: 0, stdout: done.stdout }),
    (failed: { code: number; stdout: string }) => ({ code: failed.code, stdout: failed.stdout }),
  );
  return result;
}

/** The tenant's lists: the precedence list (the setting without a name) under "", named settings by name. */
function settingLists(emulator: GraphEmulator): Record<string, string[]> {
  return Object.fromEntries(
    [...emulator.store.profilePropertySettings.values()].map((setting) => [setting.name ?? "", setting.prioritizedSourceUrls]),
  );
}

/** Writes to Graph in the log, without reads and token traffic. */
const writes = (emulator: GraphEmulator) => emulator.requestLog().filter((line) => !line.startsWith("GET") && !line.includes("/token"));

describeWithCli("people connectors and readiness through the Pulumi CLI", () => {
  beforeAll(requirePulumiCli);

  test("the people example: create in order, update, doctor, destroy in reverse", async () => {
    const { emulator } = env;
    // The tenant's precedence list as an admin left it, in the precedence guide's older entry form: that entry
    // and Graph's Entra entry must survive everything below.
    const workday = "/external/connections/workday";
    const entra = profileSourceUrl(emulator.url, ENTRA_SOURCE_ID);
    await adminClient(emulator, emulatorCredential(emulator)).request("POST", "v1.0", "/admin/people/profilePropertySettings", {
      prioritizedSourceUrls: [workday, entra],
    });
    const stack = await emulatorStack(emulator, exampleProgram(), { projectName: "graph-connector-people" });

    emulator.clearRequests();
    const up = await stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: 4 });
    const firstIndex = (pattern: RegExp) => writes(emulator).findIndex((line) => pattern.test(line));
    // The source is registered once the connection's schema is ready, and placed after that.
    expect(firstIndex(/^PATCH \/v1\.0\/external\/connections\/contosohrpeople\/schema/)).toBeLessThan(
      firstIndex(/^POST \/v1\.0\/admin\/people\/profileSources /),
    );
    expect(firstIndex(/^POST \/v1\.0\/admin\/people\/profileSources /)).toBeLessThan(firstIndex(/profilePropertySettings/));
    const ours = profileSourceUrl(emulator.url, "contosohrpeople");
    expect(settingLists(emulator)).toEqual({ "": [ours, workday, entra] });
    expect(up.outputs.prioritizedSourceUrls.value).toEqual([ours, workday, entra]);
    expect(emulator.store.profileSources.get("contosohrpeople")).toMatchObject({ displayName: "Contoso HR", kind: "Connector" });
    await stack.preview({ expectNoChanges: true });

    const report = await doctor("contosohrpeople");
    expect(report.code).toBe(0);
    expect(report.stdout).toMatch(/^PASS {2}profile source +registered as 'Contoso HR'$/m);
    expect(report.stdout).toMatch(/^PASS {2}profile precedence +1 of 3 in the tenant's precedence list \(before 'workday'\)$/m);

    await stack.setConfig("sourceName", { value: "Contoso People" });
    const updated = await stack.up();
    expect(updated.summary.resourceChanges).toMatchObject({ update: 1 });
    expect(emulator.store.profileSources.get("contosohrpeople")!.displayName).toBe("Contoso People");

    emulator.clearRequests();
    await stack.destroy();
    const removals = writes(emulator);
    const lastIndex = (pattern: RegExp) => removals.map((line) => pattern.test(line)).lastIndexOf(true);
    expect(lastIndex(/profilePropertySettings/)).toBeLessThan(
      removals.findIndex((line) => line.startsWith("DELETE /v1.0/admin/people/profileSources")),
    );
    expect(removals.findIndex((line) => line.startsWith("DELETE /v1.0/admin/people/profileSources"))).toBeLessThan(
      removals.findIndex((line) => line.startsWith("DELETE /v1.0/external/connections/contosohrpeople")),
    );
    expect(settingLists(emulator)).toEqual({ "": [workday, entra] });
    expect(emulator.store.profileSources.size).toBe(0);
    expect(tenantSummary(emulator)).toEqual({});
    expect((await doctor("contosohrpeople")).code).toBe(1);
  });

  test("a connection that is not Copilot-ready deploys, with one warning per gap and its level in the preview", async () => {
    const stack = await emulatorStack(env.emulator, async () => {
      new ExternalConnection("wiki", { connectionId: "contosowiki", name: "Wiki", schema: TITLE_SCHEMA });
    });
    const preview = await stack.preview();
    for (const gap of [
      "required for Microsoft 365 Copilot: iconUrl label",
      "recommended for Microsoft 365 Copilot: URL-to-item resolver",
      "recommended for Microsoft 365 Copilot: result template",
      "recommended for Microsoft 365 Copilot: meaningful description",
    ]) {
      expect(preview.stdout).toContain(`connection 'contosowiki', ${gap}`);
    }
    expect(preview.stdout).toContain("https://learn.microsoft.com/graph/connecting-external-content-experiences");
    await stack.up();
    const report = await doctor("contosowiki");
    expect(report.code).toBe(0); // warnings only
    expect(report.stdout).toMatch(/^WARN {2}iconUrl label/m);
    await stack.destroy();
  });
});

/**
 * A stack deployed with 0.2.x: a profile source placed `first` for three profile properties, one
 * ProfileSourcePriority each (id `<propertyName>/<sourceId>`), each entry in a setting named after its property,
 * which Graph does not use for precedence. The state is what 0.2.x's create wrote (outputs: its inputs plus
 * `settingId` and `prioritizedSourceUrls` of the named setting; git history, provider/resources/people/
 * profileSourcePriority.ts before the precedence rebuild); the tenant is what it left.
 */
describeWithCli("a stack deployed with 0.2.x (one ProfileSourcePriority per profile property) upgrades in place", () => {
  beforeAll(requirePulumiCli);
  const PROPERTIES = ["skills", "positions", "notes"];
  const TYPE = "pulumi-nodejs:dynamic/graph-connectors:ProfileSourcePriority";
  const workday = "/external/connections/workday";

  /** The program: 0.2.x's (three resources with propertyName), or one resource per source as today, keeping `hr-skills`. */
  function program(shape: { legacy: boolean }) {
    return async () => {
      const source = new ProfileSource("hr", { sourceId: "contosohrpeople", displayName: "Contoso HR", webUrl: "https://hr.contoso.com" });
      const names = shape.legacy ? PROPERTIES : ["skills"];
      for (const propertyName of names) {
        new ProfileSourcePriority(`hr-${propertyName}`, {
          sourceId: source.sourceId,
          position: "first",
          ...(shape.legacy ? { propertyName } : {}),
        });
      }
    };
  }

  async function deployedWith02(shape: { legacy: boolean }) {
    const { emulator } = env;
    const admin = adminClient(emulator, emulatorCredential(emulator));
    const entra = profileSourceUrl(emulator.url, ENTRA_SOURCE_ID);
    const ours = profileSourceUrl(emulator.url, "contosohrpeople");
    const stack = await emulatorStack(emulator, program({ legacy: true }), { projectName: "graph-connector-people-upgrade" });
    await stack.up();
    // Rewind the tenant and the state to what 0.2.x left.
    emulator.removeProfilePropertySettings();
    await admin.request("POST", "v1.0", "/admin/people/profilePropertySettings", { prioritizedSourceUrls: [workday, entra] });
    const exported = await stack.exportStack();
    for (const resource of exported.deployment.resources.filter((candidate: { type: string }) => candidate.type === TYPE)) {
      const propertyName = resource.inputs.propertyName as string;
      const others = propertyName === "skills" ? [profileSourceUrl(emulator.url, "workday")] : [];
      const setting = (
        await admin.request("POST", "v1.0", "/admin/people/profilePropertySettings", {
          name: propertyName,
          prioritizedSourceUrls: [ours, ...others],
        })
      ).body as { id: string; prioritizedSourceUrls: string[] };
      const inputs = { __provider: resource.inputs.__provider, propertyName, sourceId: "contosohrpeople", position: "first" };
      Object.assign(resource, {
        id: `${propertyName}/contosohrpeople`,
        inputs,
        outputs: { ...inputs, settingId: setting.id, prioritizedSourceUrls: setting.prioritizedSourceUrls },
      });
    }
    await stack.importStack(exported);
    // Read from the backend's checkpoint file (what `pulumi stack export` prints, without a start of the CLI).
    const ids = async () =>
      (JSON.parse(storedState(stack)).checkpoint.latest.resources as Array<{ type: string; id: string }>)
        .filter((resource) => resource.type === TYPE)
        .map((resource) => resource.id)
        .sort();
    expect(await ids()).toEqual(["notes/contosohrpeople", "positions/contosohrpeople", "skills/contosohrpeople"]);
    stack.workspace.program = program(shape);
    return { stack, ids, ours, entra };
  }

  test("a program keeping one per source: refresh keeps the 0.2.x state, up updates the kept one and deletes the others without a replace, then refresh and destroy", async () => {
    const { emulator } = env;
    const { stack, ids, ours, entra } = await deployedWith02({ legacy: false });
    const named = (lists: Record<string, string[]>) => Object.fromEntries(Object.entries(lists).filter(([name]) => name !== ""));
    const before = named(settingLists(emulator));

    // A refresh before upgrading anything reads the 0.2.x state as it is.
    await stack.refresh();
    expect(await ids()).toEqual(["notes/contosohrpeople", "positions/contosohrpeople", "skills/contosohrpeople"]);

    const preview = await stack.preview();
    expect(preview.changeSummary).toEqual({ same: 2, update: 1, delete: 2 });
    expect(preview.stdout).toContain(
      "its entry moves from the setting named 'skills', which Graph does not use for precedence, into the tenant's precedence list (first); nothing is deleted",
    );

    emulator.clearRequests();
    const up = await stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 2, update: 1, delete: 2 });
    expect(writes(emulator).filter((line) => /profileSources/.test(line))).toEqual([]);
    expect(settingLists(emulator)).toEqual({
      "": [ours, workday, entra],
      skills: [profileSourceUrl(emulator.url, "workday"), entra],
      positions: [entra],
      notes: [entra],
    });
    expect(Object.keys(named(settingLists(emulator)))).toEqual(Object.keys(before));
    // The kept resource keeps its id; its state is today's form.
    expect(await ids()).toEqual(["skills/contosohrpeople"]);

    await stack.refresh();
    await stack.preview({ expectNoChanges: true });

    await stack.destroy();
    expect(settingLists(emulator)).toEqual({
      "": [workday, entra],
      skills: [profileSourceUrl(emulator.url, "workday"), entra],
      positions: [entra],
      notes: [entra],
    });
    expect(emulator.store.profileSources.size).toBe(0);
  });

  test("a program left as it was: the preview says propertyName is ignored, up moves all three into one entry, refresh and destroy leave the rest", async () => {
    const { emulator } = env;
    const { stack, ours, entra } = await deployedWith02({ legacy: true });
    const preview = await stack.preview();
    expect(preview.changeSummary).toEqual({ same: 2, update: 3 });
    expect(preview.stdout).toContain("propertyName 'positions' is ignored. Graph keeps source precedence in one list for the tenant");

    const up = await stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 2, update: 3 });
    expect(settingLists(emulator)).toEqual({
      "": [ours, workday, entra],
      skills: [profileSourceUrl(emulator.url, "workday"), entra],
      positions: [entra],
      notes: [entra],
    });
    await stack.refresh();
    await stack.preview({ expectNoChanges: true });

    await stack.destroy();
    expect(settingLists(emulator)[""]).toEqual([workday, entra]);
  });

  test("an upgrade whose placement fails records today's form: refresh finds the entry, destroy removes it and leaves the rest", async () => {
    const { emulator } = env;
    const { stack, ids, entra } = await deployedWith02({ legacy: false });
    const precedenceId = [...emulator.store.profilePropertySettings.values()].find((setting) => !setting.name)!.id;
    // The old entry comes out; then every write to the precedence list is answered 500 although it landed.
    emulator.addFaults({ method: "PATCH", path: `/profilePropertySettings/${precedenceId}$`, status: 500, afterHandling: true, times: 20 });
    await expect(stack.up()).rejects.toThrow(/500/);
    emulator.clearFaults();
    expect(settingLists(emulator).skills).toEqual([profileSourceUrl(emulator.url, "workday"), entra]);

    await stack.refresh();
    // The kept resource is in today's form, placed; the ones the failed run did not get to delete are still 0.2.x state.
    const resources = (await stack.exportStack()).deployment.resources.filter((resource: { type: string }) => resource.type === TYPE);
    const kept = resources.find((resource: { id: string }) => resource.id === "skills/contosohrpeople");
    expect(kept.outputs).toMatchObject({ sourceId: "contosohrpeople", position: "first", settingId: precedenceId });
    expect(kept.outputs).not.toHaveProperty("propertyName");
    expect(await ids()).toContain("skills/contosohrpeople");
    await stack.destroy();
    expect(settingLists(emulator)).toEqual({
      "": [workday, entra],
      skills: [profileSourceUrl(emulator.url, "workday"), entra],
      positions: [entra],
      notes: [entra],
    });
    expect(emulator.store.profileSources.size).toBe(0);
  });
});
