/**
 * The native provider from Python: a program using the generated Python SDK runs inline through Python's
 * Automation API (the `pulumi` package from PyPI; scripts/python-env.sh) and goes up, previews with no changes
 * and destroys, against the emulator.
 */
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { emulatorEnvironment, trustBundlePath } from "../../emulator";
import { packageRoot } from "../../scripts/emulatorStack";
import { useEmulator, USER_1, USER_2 } from "../helpers/harness";
import { describeWithCli, requirePulumiCli, tenantSummary } from "../helpers/pulumiStack";
import { scratchDir } from "../helpers/scratch";

const env = useEmulator({ schemaProvisioningMs: 500, deletionMs: 300 });
jest.setTimeout(480_000);

describeWithCli("the native provider from a Python program", () => {
  let python: string;
  beforeAll(async () => {
    await requirePulumiCli();
    const out = execFileSync("bash", [join(packageRoot(), "scripts", "python-env.sh")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    python = out.trim().split("\n").at(-1)!;
  });

  test("up, no-change preview and destroy through Python's Automation API", async () => {
    const stateDir = scratchDir("graph-py-");
    const workDir = join(stateDir, "project");
    mkdirSync(workDir);
    // Asynchronously: the emulator answers from this process's event loop.
    const run = async (step: string) =>
      JSON.parse(
        (
          await promisify(execFile)(python, [join(packageRoot(), "tests", "python", "native_inline.py"), step, workDir], {
            encoding: "utf8",
            env: {
              ...process.env,
              PULUMI_BACKEND_URL: `file://${stateDir}`,
              PULUMI_CONFIG_PASSPHRASE: "",
              NODE_EXTRA_CA_CERTS: trustBundlePath(),
              ...emulatorEnvironment(env.emulator.url),
            },
          })
        ).stdout
          .trim()
          .split("\n")
          .at(-1)!,
      );

    const up = await run("up");
    expect(up).toEqual({
      changes: { create: 4 },
      state: "ready",
      members: [{ id: USER_1, type: "user" }],
      // Exported from Python, an output type's keys are its Python names.
      groups: { writers: { display_name: "Writers", members: [{ id: USER_2, type: "user" }] } },
    });
    expect(tenantSummary(env.emulator)).toEqual({ pykb: { readers: [USER_1], writers: [USER_2] } });
    expect(env.emulator.store.connection("pykb")!.schema!.properties.map((property) => property.name)).toEqual(["title", "url"]);
    expect((await run("preview")).changes).toEqual({ same: 4 });
    expect((await run("destroy")).changes).toEqual({ delete: 4 });
    expect(tenantSummary(env.emulator)).toEqual({});
  });
});
