/**
 * `npm run live:fixture -- <transcript> [--name <name>] [--out <dir>]`: writes the fixture a live run's transcript
 * makes (fixture.ts) to `<dir>/<name>.json` (default tests/live-fixtures/, name from the transcript's source and
 * date), where `npm test` replays it against the emulator: what a tenant said becomes a regression test.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { GraphConnectorsError } from "../../provider/errors";
import { Transcript } from "./formats";
import { toFixture } from "./fixture";

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args[at + 1];
}

function main(args: string[]): void {
  const path = args.find((arg, index) => !arg.startsWith("--") && !["--name", "--out"].includes(args[index - 1]));
  if (!path) throw new GraphConnectorsError("usage: npm run live:fixture -- <transcript.json> [--name <name>] [--out <dir>]");
  const transcript = JSON.parse(readFileSync(path, "utf8")) as Transcript;
  const name = option(args, "--name") ?? `${transcript.source}-${transcript.startedAt.slice(0, 10)}`;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new GraphConnectorsError(`--name: '${name}' must be lowercase letters, digits and dashes`);
  const fixture = toFixture(transcript, { name, from: basename(path) });
  const dir = resolve(option(args, "--out") ?? join("tests", "live-fixtures"));
  mkdirSync(dir, { recursive: true });
  const out = join(dir, `${name}.json`);
  writeFileSync(out, `${JSON.stringify(fixture, null, 2)}\n`);
  console.log(
    `${out}: ${fixture.requests.length} requests, ${fixture.seed.length} seed requests; npm test replays it (tests/integration/liveFixtures.test.ts)`,
  );
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(`live:fixture: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
