/**
 * A Pulumi program described by plain data, for the crash-recovery tests: a child process runs it with
 * `pulumi up` and is killed mid-deploy (`kill -9` of its process tree: Node, the Pulumi CLI and the provider
 * plugin), then the test runs the same program again to recover. Plain JavaScript over the compiled package
 * (`dist/`, built before the tests run), so the child needs nothing but Node.
 *
 * Run as a script: `node crashProgram.js '<json>'` with { stateDir, stackName, emulatorUrl, spec, command }, where
 * command is "up" (the default) or "destroy"; it prints "<command>: done" when the command finished (which a
 * killed run never does).
 */
const { ExternalConnection, ExternalGroup } = require("../../dist/sdk/dynamic");

/**
 * spec: { connection: ExternalConnection args, groups: [{ name, groupId, displayName, members: [user ids] }] }
 */
function programFrom(spec) {
  return async () => {
    const connection = new ExternalConnection("connection", spec.connection);
    for (const group of spec.groups ?? []) {
      new ExternalGroup(group.name, {
        connectionId: connection.connectionId,
        groupId: group.groupId,
        displayName: group.displayName,
        members: group.members.map((id) => ({ id, type: "user" })),
      });
    }
    return { state: connection.state };
  };
}

module.exports = { programFrom };

if (require.main === module) {
  const { openStack } = require("../../dist/scripts/emulatorStack");
  const options = JSON.parse(process.argv[2]);
  (async () => {
    const command = options.command ?? "up";
    const stack = await openStack({
      stackName: options.stackName,
      projectName: "graph-connectors-crash",
      stateDir: options.stateDir,
      emulatorUrl: options.emulatorUrl,
      program: programFrom(options.spec),
    });
    await stack[command]({ onOutput: (text) => process.stdout.write(text) });
    process.stdout.write(`${command}: done\n`);
  })().catch((error) => {
    process.stdout.write(`${options.command ?? "up"}: failed: ${error}\n`);
    process.exit(1);
  });
}
