/**
 * Issue 9 end to end through the Pulumi CLI: the people example (examples/people) goes up in order
 * (connection, profile source, priorities), updates, and is destroyed in reverse; a connection that is not
 * Copilot-ready shows the readiness warnings in the preview output; `graph-connectors doctor` reports on the
 * live connection with its exit code.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { EMULATOR_CLIENT_ID, EMULATOR_CLIENT_SECRET, EMULATOR_TENANT_ID, trustBundlePath } from "../../emulator";
import { packageRoot } from "../../scripts/emulatorStack";
import { ExternalConnection } from "../../sdk";
import { adminClient, emulatorCredential, TITLE_SCHEMA, useEmulator } from "../helpers/harness";
import { describeWithCli, emulatorStack, requirePulumiCli, tenantSummary } from "../helpers/pulumiStack";
import { typescriptProgram } from "../helpers/typescriptProgram";

const env = useEmulator({ schemaProvisioningMs: 500, deletionMs: 300 });
jest.setTimeout(480_000);

/** The example as written, its imports served by this checkout. */
function exampleProgram(): () => Promise<Record<string, unknown>> {
  const run = typescriptProgram(readFileSync(join(packageRoot(), "examples", "people", "index.ts"), "utf8"),
    { "@pulumi/pulumi": pulumi, "pulumi-graph-connectors": require("../../sdk") });
  return async () => run();
}

async function doctor(connectionId: string): Promise<{ code: number; stdout: string }> {
  const result = await promisify(execFile)(process.execPath, [join(packageRoot(), "dist", "provider", "cli.js"), "doctor", connectionId], {
    env: {
      ...process.env, NODE_EXTRA_CA_CERTS: trustBundlePath(), MSGRAPH_ENDPOINT: env.emulator.url, MSGRAPH_AUTHORITY_HOST: env.emulator.url,
      AZURE_TENANT_ID: EMULATOR_TENANT_ID, AZURE_CLIENT_ID: EMULATOR_CLIENT_ID, AZURE_CLIENT_SECRET: EMULATOR_CLIENT_SECRET,
    },
  }).then((done) => ({ code: 0, stdout: done.stdout }), (failed: { code: number; stdout: string }) => ({ code: failed.code, stdout: failed.stdout }));
  return result;
}

describeWithCli("people connectors and readiness through the Pulumi CLI", () => {
  beforeAll(requirePulumiCli);

  test("the people example: create in order, update, doctor, destroy in reverse", async () => {
    const { emulator } = env;
    // Another source already feeds `skills`: its entry must survive everything below.
    const workday = `${emulator.url}/v1.0/admin/people/profileSources(sourceId='workday')`;
    await adminClient(emulator, emulatorCredential(emulator)).request("POST", "v1.0", "/admin/people/profilePropertySettings", { name: "skills", prioritizedSourceUrls: [workday] });
    const stack = await emulatorStack(emulator, exampleProgram(), { projectName: "graph-connector-people" });

    emulator.requests.length = 0;
    const up = await stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: 6 });
    const writes = emulator.requestLog().filter((line) => !line.startsWith("GET") && !line.includes("/token"));
    const firstIndex = (pattern: RegExp) => writes.findIndex((line) => pattern.test(line));
    // The source is registered once the connection's schema is ready, and prioritized after that.
    expect(firstIndex(/^PATCH \/v1\.0\/external\/connections\/contosohrpeople\/schema/)).toBeLessThan(firstIndex(/^POST \/v1\.0\/admin\/people\/profileSources /));
    expect(firstIndex(/^POST \/v1\.0\/admin\/people\/profileSources /)).toBeLessThan(firstIndex(/profilePropertySettings/));
    const ours = `${emulator.url}/v1.0/admin/people/profileSources(sourceId='contosohrpeople')`;
    const settings = () => Object.fromEntries([...emulator.store.profilePropertySettings.values()].map((setting) => [setting.name, setting.prioritizedSourceUrls]));
    expect(settings()).toEqual({ skills: [ours, workday], positions: [ours], notes: [ours] });
    expect(emulator.store.profileSources.get("contosohrpeople")).toMatchObject({ displayName: "Contoso HR", kind: "Connector" });
    await stack.preview({ expectNoChanges: true });

    const report = await doctor("contosohrpeople");
    expect(report.code).toBe(0);
    expect(report.stdout).toMatch(/^PASS {2}profile source +registered as 'Contoso HR'$/m);
    expect(report.stdout).toMatch(/^PASS {2}profile properties +prioritized for notes, positions, skills$/m);

    await stack.setConfig("sourceName", { value: "Contoso People" });
    const updated = await stack.up();
    expect(updated.summary.resourceChanges).toMatchObject({ update: 1 });
    expect(emulator.store.profileSources.get("contosohrpeople")!.displayName).toBe("Contoso People");

    emulator.requests.length = 0;
    await stack.destroy();
    const removals = emulator.requestLog().filter((line) => !line.startsWith("GET") && !line.includes("/token"));
    const lastIndex = (pattern: RegExp) => removals.map((line) => pattern.test(line)).lastIndexOf(true);
    expect(lastIndex(/profilePropertySettings/)).toBeLessThan(removals.findIndex((line) => line.startsWith("DELETE /v1.0/admin/people/profileSources")));
    expect(removals.findIndex((line) => line.startsWith("DELETE /v1.0/admin/people/profileSources"))).toBeLessThan(removals.findIndex((line) => line.startsWith("DELETE /v1.0/external/connections/contosohrpeople")));
    expect(settings()).toEqual({ skills: [workday], positions: [], notes: [] });
    expect(emulator.store.profileSources.size).toBe(0);
    expect(tenantSummary(emulator)).toEqual({});
    expect((await doctor("contosohrpeople")).code).toBe(1);
  });

  test("a connection that is not Copilot-ready deploys, with one warning per gap and its level in the preview", async () => {
    const stack = await emulatorStack(env.emulator, async () => {
      new ExternalConnection("wiki", { connectionId: "contosowiki", name: "Wiki", schema: TITLE_SCHEMA });
    });
    const preview = await stack.preview();
    for (const gap of ["required for Microsoft 365 Copilot: iconUrl label", "recommended for Microsoft 365 Copilot: URL-to-item resolver",
      "recommended for Microsoft 365 Copilot: result template", "recommended for Microsoft 365 Copilot: meaningful description"]) {
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
