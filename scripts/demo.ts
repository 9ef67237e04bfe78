/**
 * `npm run demo`: `pulumi up` of the demo program (examples/demo) in the stack `dev` of this directory's
 * Pulumi.yaml, with a local file backend in .pulumi-state/.
 *
 * Against the embedded Graph emulator by default. When Pulumi.<stack>.yaml holds `msgraph:*` config
 * (`pulumi config set msgraph:tenantId …`, `pulumi config set --secret msgraph:clientSecret …`), the same
 * program deploys to that tenant instead and no emulator is started.
 *
 * Flags: `--destroy` tears the stack down after showing it is up to date. Env: DEMO_STACK (default dev).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { GraphEmulator } from "../emulator";
import { tenantSetup } from "../examples/demo/program";
import { openStack, packageRoot } from "./emulatorStack";

function usesRealTenant(root: string, stackName: string): boolean {
  const file = join(root, `Pulumi.${stackName}.yaml`);
  return existsSync(file) && /^\s+msgraph:/m.test(readFileSync(file, "utf8"));
}

async function main(): Promise<void> {
  const root = packageRoot();
  const stackName = process.env.DEMO_STACK ?? "dev";
  const realTenant = usesRealTenant(root, stackName);
  const emulator = realTenant ? undefined : new GraphEmulator({ schemaProvisioningMs: 3000, deletionMs: 1000 });
  const url = await emulator?.start();
  console.log(
    realTenant
      ? `Deploying stack '${stackName}' to the tenant configured in Pulumi.${stackName}.yaml`
      : `Deploying stack '${stackName}' to the embedded Graph emulator at ${url}`,
  );
  try {
    const stack = await openStack({
      stackName,
      program: async () => tenantSetup(),
      stateDir: join(root, ".pulumi-state"),
      workDir: root,
      emulatorUrl: url,
    });
    const print = (text: string) => process.stdout.write(text);
    // The embedded emulator starts empty on every run: refresh first so state from an earlier run is dropped.
    const up = await stack.up({ onOutput: print, refresh: !realTenant });
    const preview = await stack.preview();
    console.log(`\nA second preview proposes: ${JSON.stringify(preview.changeSummary)} (only "same" means the deployment converged)`);
    if (emulator) console.log(`Graph requests served by the emulator: ${emulator.requests().length}`);
    console.log("Outputs:", Object.fromEntries(Object.entries(up.outputs).map(([key, output]) => [key, output.value])));
    if (process.argv.includes("--destroy")) await stack.destroy({ onOutput: print });
  } finally {
    await emulator?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
