/**
 * `npm run test:live`: the live contract run (docs/live-contract.md).
 *
 *   npm run test:live                          against the tenant the environment names; skipped, with a line, when it names none
 *   npm run test:live -- --emulator            against the bundled emulator (what `npm test` also runs)
 *   npm run test:live -- --cleanup <prefix>    removes what an aborted run of <prefix> left
 *   --transcripts <dir>                        where transcripts and restore points go (LIVE_TRANSCRIPTS_DIR; default live-transcripts/)
 *
 * Exits 0 when every step passed or was skipped and the cleanup left nothing, 1 otherwise.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { GraphEmulator } from "../../emulator";
import { GraphConnectorsError } from "../../provider/errors";
import { QUESTIONS } from "./questions";
import { newPrefix, PREFIX_PATTERN } from "./names";
import { LiveReport, runCleanup, runScenario } from "./scenario";
import { LiveTarget, RunOptions } from "./run";
import { emulatorTarget, SKIP_LINE, tenantTarget } from "./target";

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith("--")) throw new GraphConnectorsError(`${name} needs a value`);
  return value;
}

function summary(report: LiveReport, transcriptPath: string): string[] {
  const lines = ["", "Steps:"];
  for (const step of report.transcript.steps) lines.push(`  ${step.outcome.toUpperCase().padEnd(7)} ${step.step}: ${step.detail}`);
  if (report.transcript.answers.length > 0) lines.push("", "What Graph answered (docs/open-questions.md):");
  for (const id of Object.keys(QUESTIONS)) {
    const answers = report.transcript.answers.filter((answer) => answer.question === id);
    if (answers.length > 0) lines.push(`  ${id}: ${answers.map((answer) => answer.answer).join(" / ")}`);
  }
  lines.push(
    "",
    "Cleanup:",
    ...report.cleanup.done.map((line) => `  ${line}`),
    ...report.cleanup.failed.map((line) => `  LEFT BEHIND: ${line}`),
  );
  lines.push("", `Transcript: ${transcriptPath}`);
  if (report.transcript.source === "tenant")
    lines.push(`Make it a regression test of the emulator: npm run live:fixture -- ${transcriptPath}`);
  return lines;
}

async function main(args: string[]): Promise<number> {
  if (args.includes("--help")) {
    console.log("npm run test:live [-- --emulator] [--cleanup <prefix>] [--transcripts <dir>]   (docs/live-contract.md)");
    return 0;
  }
  const dir = resolve(option(args, "--transcripts") ?? process.env.LIVE_TRANSCRIPTS_DIR ?? "live-transcripts");
  const cleanupPrefix = option(args, "--cleanup");
  if (cleanupPrefix !== undefined && !PREFIX_PATTERN.test(cleanupPrefix)) {
    throw new GraphConnectorsError(
      `--cleanup takes the prefix of a run, 'pgclive' and six lowercase letters or digits (e.g. pgclivek3x9q2), not '${cleanupPrefix}'`,
    );
  }
  const useEmulator = args.includes("--emulator");
  const emulator = useEmulator ? new GraphEmulator({ schemaProvisioningMs: 3000, deletionMs: 1000 }) : undefined;
  if (emulator) await emulator.start();
  try {
    const target: LiveTarget | undefined = emulator ? emulatorTarget(emulator) : tenantTarget(process.env);
    if (!target) {
      console.log(SKIP_LINE);
      return 0;
    }
    const prefix = cleanupPrefix ?? newPrefix();
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const transcriptPath = join(dir, `${prefix}-${cleanupPrefix ? "cleanup" : target.source}-${stamp}.json`);
    const options: RunOptions = {
      prefix,
      // Against the emulator a wait moves its clock instead of passing time: the same waits, at once.
      sleep: emulator ? async (ms) => emulator.advanceClock(ms) : (ms) => new Promise((done) => setTimeout(done, ms)),
      now: emulator ? () => emulator.now() : Date.now,
      log: (line) => console.log(line),
      restorePointPath: join(dir, `${prefix}.restore.json`),
      transcriptPath,
    };
    console.log(
      `${cleanupPrefix ? "Cleaning up after" : "Live contract run"} ${prefix} against ${target.settings.endpoint} (${target.source})`,
    );
    const report = cleanupPrefix ? await runCleanup(target, options) : await runScenario(target, options);
    mkdirSync(dir, { recursive: true });
    writeFileSync(transcriptPath, `${JSON.stringify(report.transcript, null, 2)}\n`);
    for (const line of summary(report, transcriptPath)) console.log(line);
    return report.ok ? 0 : 1;
  } finally {
    await emulator?.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`test:live: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
