/**
 * `graph-connectors doctor` and `export` reach the tenant a stack's config names: `graph-connectors:*` or
 * `msgraph:*` read with the real `pulumi config --json --show-secrets` (the stack named by --stack, or the
 * selected one of the project in the current directory), with nothing in the environment, secrets kept out
 * of the output; a bad value is named by its key.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { EMULATOR_CLIENT_ID, EMULATOR_CLIENT_SECRET, EMULATOR_TENANT_ID, trustBundlePath } from "../../emulator";
import { packageRoot } from "../../scripts/emulatorStack";
import { adminClient, TITLE_SCHEMA, useEmulator } from "../helpers/harness";
import { describeWithCli, requirePulumiCli } from "../helpers/pulumiStack";
import { scratchDir } from "../helpers/scratch";

const env = useEmulator({ schemaProvisioningMs: 100, deletionMs: 100 });
jest.setTimeout(240_000);

describeWithCli("graph-connectors reads the stack's config", () => {
  let project: string;
  let processEnv: Record<string, string>;

  beforeAll(async () => {
    await requirePulumiCli();
    const scratch = scratchDir("graph-cli-config-");
    project = join(scratch, "project");
    mkdirSync(project);
    writeFileSync(join(project, "Pulumi.yaml"), "name: cli-config\nruntime: yaml\n");
    // Nothing reaches the tenant from the environment: only the stack's config can.
    processEnv = {
      ...Object.fromEntries(
        Object.entries(process.env).filter(
          (entry): entry is [string, string] => entry[1] !== undefined && !/^(AZURE_|ARM_|MSGRAPH_)/.test(entry[0]),
        ),
      ),
      NODE_EXTRA_CA_CERTS: trustBundlePath(),
      PULUMI_BACKEND_URL: `file://${scratch}`,
      PULUMI_CONFIG_PASSPHRASE: "",
      PULUMI_HOME: join(scratch, "home"),
      PULUMI_SKIP_UPDATE_CHECK: "true",
    };
    const pulumi = (...args: string[]) => promisify(execFile)("pulumi", [...args, "--non-interactive"], { cwd: project, env: processEnv });
    await pulumi("stack", "init", "dev");
    await pulumi("config", "set", "graph-connectors:tenantId", EMULATOR_TENANT_ID);
    await pulumi("config", "set", "graph-connectors:clientId", EMULATOR_CLIENT_ID);
    await pulumi("config", "set", "--secret", "graph-connectors:clientSecret", EMULATOR_CLIENT_SECRET);
    await pulumi("config", "set", "graph-connectors:endpoint", env.emulator.url);
    await pulumi("config", "set", "msgraph:authorityHost", env.emulator.url);
    await pulumi("stack", "init", "broken");
    await pulumi("config", "set", "msgraph:endpoint", "http://127.0.0.1:9");
    await pulumi("stack", "select", "dev");
  });

  beforeEach(async () => {
    const admin = adminClient(env.emulator);
    await admin.request("POST", "v1.0", "/external/connections", {
      id: "contosokb",
      name: "Contoso KB",
      description: "Articles of the Contoso knowledge base",
    });
    await admin.request("PATCH", "v1.0", "/external/connections/contosokb/schema", TITLE_SCHEMA);
    env.emulator.advanceClock(1000);
  });

  function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [join(packageRoot(), "dist", "provider", "cli.js"), ...args],
        { cwd: project, env: processEnv },
        (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  test("doctor --stack reaches the tenant of that stack's config; no secret in what it prints", async () => {
    const { stdout, stderr } = await cli("doctor", "contosokb", "--stack", "dev", "--json");
    const report = JSON.parse(stdout) as { checks: Array<{ requirement: string; status: string; detail: string }> };
    expect(report.checks.slice(0, 3)).toEqual([
      { requirement: "settings", status: "pass", detail: `Graph at ${env.emulator.url}` },
      { requirement: "connection", status: "pass", detail: "'Contoso KB' (uncategorized)" },
      { requirement: "state", status: "pass", detail: "ready" },
    ]);
    expect(stderr).toContain(
      "using the config of stack 'dev' (graph-connectors:tenantId, graph-connectors:clientId, graph-connectors:clientSecret, graph-connectors:endpoint, msgraph:authorityHost), then the environment",
    );
    expect(`${stdout}${stderr}`).not.toContain(EMULATOR_CLIENT_SECRET);
  });

  test("without --stack, the selected stack of the project in the current directory; export writes from it", async () => {
    const out = scratchDir("graph-cli-export-");
    const { code, stdout, stderr } = await cli("export", "--out", out);
    expect([code, stderr]).toEqual([0, expect.stringContaining("using the config of the selected stack")]);
    expect(stdout).toContain("exported ExternalConnection contosokb");
    expect(existsSync(join(out, "import.json"))).toBe(true);
  });

  test("a value that cannot work is named by its stack config key; an unknown stack by Pulumi's words", async () => {
    const broken = await cli("doctor", "contosokb", "--stack", "broken");
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain("FAIL  settings  msgraph:endpoint must use https (got http://127.0.0.1:9)");
    const missing = await cli("doctor", "contosokb", "--stack", "nosuch");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/could not read the config of stack 'nosuch' with `pulumi config`.*no stack named 'nosuch' found/);
  });
});
