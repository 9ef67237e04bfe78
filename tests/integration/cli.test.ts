/**
 * `graph-connectors` as a person meets it: help for every command, and an untrusted certificate reported as
 * such (the CLI run as a process without NODE_EXTRA_CA_CERTS, against the emulator over HTTPS).
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { emulatorEnvironment } from "../../emulator";
import { main } from "../../provider/cli";
import { probeCertificate } from "../../provider/graph/tlsTrust";
import { packageRoot } from "../../scripts/emulatorStack";
import { useEmulator } from "../helpers/harness";
import { scratchDir } from "../helpers/scratch";

const env = useEmulator();

async function run(args: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await main(args, (line) => lines.push(line), { note: () => undefined, cwd: scratchDir("graph-cli-") });
  return { code, lines };
}

describe("help", () => {
  test.each([[["--help"]], [["-h"]], [["help"]]])("graph-connectors %j prints the usage of every command and exits 0", async (args) => {
    const { code, lines } = await run(args);
    expect(code).toBe(0);
    expect(lines.join("\n")).toMatch(/^usage: graph-connectors export .*\n\s+graph-connectors doctor <connectionId>/);
  });

  test.each([
    ["export", /^usage: graph-connectors export[^\n]*\n\nReads the tenant's connections/],
    ["doctor", /^usage: graph-connectors doctor <connectionId>[^\n]*\n\nChecks a live connection/],
  ])("graph-connectors %s --help prints that command's help and exits 0", async (command, expected) => {
    for (const args of [
      [command, "--help"],
      [command, "-h"],
      ["help", command],
    ]) {
      const { code, lines } = await run(args);
      expect([args, code]).toEqual([args, 0]);
      expect(lines.join("\n")).toMatch(expected);
      expect(lines.join("\n")).toContain("--stack <name>");
    }
  });

  test("an unknown option still fails, with the usage", async () => {
    await expect(run(["doctor", "kb", "--nope", "x"])).rejects.toThrow(/^unknown option --nope\nusage: graph-connectors export/);
  });
});

describe("an untrusted certificate", () => {
  test("is reported as such, not as MSAL's endpoints_resolution_error", async () => {
    // NODE_EXTRA_CA_CERTS is how Node trusts the emulator: without it, its certificate is unknown.
    const childEnv = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => key !== "NODE_EXTRA_CA_CERTS" && !/^(AZURE_|ARM_|MSGRAPH_)/.test(key)),
    );
    const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [join(packageRoot(), "dist", "provider", "cli.js"), "doctor", "contosokb"],
        { env: { ...childEnv, ...emulatorEnvironment(env.emulator.url) }, cwd: scratchDir("graph-cli-") },
        (error, _stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stderr }),
      );
    });
    expect(code).toBe(1);
    expect(stderr).toContain(`the TLS certificate of ${env.emulator.url} is not trusted (`);
    expect(stderr).toContain("NODE_EXTRA_CA_CERTS");
    expect(stderr).not.toContain("endpoints_resolution_error");
  });

  test("a trusted one is no finding", async () => {
    expect(await probeCertificate(env.emulator.url)).toBeUndefined();
  });
});
