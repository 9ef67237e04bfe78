/**
 * The live contract scenario: a bounded run against a tenant (or the emulator standing in for one) under one
 * prefix, whose every request and answer goes into its transcript, and which removes everything it made at the
 * end whatever happened on the way. The order lets Graph's slow work overlap: the probe schemas are submitted
 * first and looked at late; the repeated DELETE uses a probe connection once its question is answered.
 */
import { CONNECTIONS_PATH } from "../../model/connection";
import { cleanUp, CleanupReport } from "./cleanup";
import { Transcript } from "./formats";
import { namesFor } from "./names";
import { describeAnswer, expectThat, LiveRun, LiveTarget, RunOptions } from "./run";
import { adoption } from "./steps/adoption";
import { appProxy } from "./steps/appProxy";
import { batchProbe } from "./steps/batchProbe";
import { declaredConnection } from "./steps/connection";
import { groups } from "./steps/groups";
import { patchFields } from "./steps/patchFields";
import { people } from "./steps/people";
import { probeOutcomes } from "./steps/probeOutcomes";
import { repeatedDelete } from "./steps/repeatedDelete";
import { schemaProbes } from "./steps/schemaProbes";
import { ScenarioState } from "./steps/state";

export interface LiveReport {
  /** Every step passed or was skipped, and the cleanup left nothing behind. */
  ok: boolean;
  transcript: Transcript;
  cleanup: CleanupReport;
}

export async function runScenario(target: LiveTarget, options: RunOptions): Promise<LiveReport> {
  const run = new LiveRun(target, options);
  const state: ScenarioState = { names: namesFor(options.prefix), probeOperations: [] };
  let cleanup: CleanupReport;
  try {
    await run.step("preflight", [], async () => {
      const listed = await run.raw("GET", "v1.0", CONNECTIONS_PATH);
      expectThat(
        listed.status === 200,
        `listing connections answered ${describeAnswer(listed)}: check the app's permissions (docs/live-contract.md)`,
      );
      return `Graph answers at ${target.settings.endpoint} (${target.source})`;
    });
    await run.step("schema-probes", ["preflight"], () => schemaProbes(run, state));
    await run.step("connection", ["preflight"], () => declaredConnection(run, state));
    await run.step("adoption", ["connection"], () => adoption(run, state));
    await run.step("patch-fields", ["adoption"], () => patchFields(run, state));
    await run.step("groups", ["connection"], () => groups(run, state));
    await run.step("batch", ["groups"], () => batchProbe(run, state));
    await run.step("people", ["preflight"], () => people(run, state));
    await run.step("probe-outcomes", ["schema-probes"], () => probeOutcomes(run, state));
    await run.step("repeated-delete", ["schema-probes"], () => repeatedDelete(run, state));
    await run.step("app-proxy", ["preflight"], () => appProxy(run, state));
  } finally {
    run.transcript.step = "cleanup";
    run.transcript.question = undefined;
    options.log("cleanup…");
    cleanup = await cleanUp(run);
    for (const line of cleanup.done) options.log(`  ${line}`);
    for (const line of cleanup.failed) options.log(`  LEFT BEHIND: ${line}`);
  }
  const transcript = run.transcript.toJSON();
  const ok = transcript.steps.every((step) => step.outcome !== "failed") && cleanup.failed.length === 0;
  return { ok, transcript, cleanup };
}

/** Only the cleanup, for the leftovers of an aborted run of `options.prefix`. */
export async function runCleanup(target: LiveTarget, options: RunOptions): Promise<LiveReport> {
  const run = new LiveRun(target, options);
  run.transcript.step = "cleanup";
  const cleanup = await cleanUp(run);
  return { ok: cleanup.failed.length === 0, transcript: run.transcript.toJSON(), cleanup };
}
