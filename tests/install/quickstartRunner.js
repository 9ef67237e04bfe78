/**
 * Copied into a fresh project outside the repository, next to `node_modules` where npm installed the packed
 * tarball: runs the quickstart (compiled to ./program/index.js) through the Pulumi CLI against the emulator
 * of the installed package (up, a no-op preview, destroy), using nothing but what a user's project has.
 * Prints one JSON line with what happened.
 */
const path = require("node:path");
const { LocalWorkspace } = require("@pulumi/pulumi/automation");
const emulatorPackage = require("pulumi-graph-connectors/emulator");

async function main() {
  const emulator = new emulatorPackage.GraphEmulator({ schemaProvisioningMs: 500 });
  await emulator.start();
  try {
    // A fresh require per run: the program's top level declares the resources.
    const program = async () => {
      const file = require.resolve("./program/index.js");
      delete require.cache[file];
      return require(file);
    };
    const stateDir = path.join(__dirname, ".pulumi-state");
    require("node:fs").mkdirSync(stateDir, { recursive: true });
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName: "dev", projectName: "quickstart", program },
      {
        workDir: __dirname,
        projectSettings: { name: "quickstart", runtime: "nodejs" },
        secretsProvider: "passphrase",
        envVars: {
          PULUMI_BACKEND_URL: `file://${stateDir}`,
          PULUMI_CONFIG_PASSPHRASE: "",
          PULUMI_SKIP_UPDATE_CHECK: "true",
          PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
          NODE_EXTRA_CA_CERTS: emulatorPackage.trustBundlePath(),
          MSGRAPH_ENDPOINT: emulator.url,
          MSGRAPH_AUTHORITY_HOST: emulator.url,
          AZURE_TENANT_ID: emulatorPackage.EMULATOR_TENANT_ID,
          AZURE_CLIENT_ID: emulatorPackage.EMULATOR_CLIENT_ID,
          AZURE_CLIENT_SECRET: emulatorPackage.EMULATOR_CLIENT_SECRET,
        },
      },
    );
    const up = await stack.up();
    const connections = emulator.store.connections().map((connection) => connection.entity.id);
    // What each resource's state holds of its dynamic provider: the module it requires, and how long it is.
    const resources = (await stack.exportStack()).deployment.resources.filter((resource) => resource.inputs && resource.inputs.__provider);
    const providerState = resources.map((resource) => ({
      requires: [...resource.inputs.__provider.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]),
      short: resource.inputs.__provider.length < 400 && resource.outputs.__provider === resource.inputs.__provider,
    }));
    const preview = await stack.preview();
    const destroy = await stack.destroy();
    process.stdout.write(
      `${JSON.stringify({
        up: up.summary.resourceChanges,
        state: up.outputs.state.value,
        connections,
        preview: preview.changeSummary,
        destroy: destroy.summary.resourceChanges,
        connectionsAfter: emulator.store.connections().map((connection) => connection.entity.id),
        providerFrom: require.resolve("pulumi-graph-connectors/provider-impl"),
        providerState,
      })}\n`,
    );
  } finally {
    await emulator.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
