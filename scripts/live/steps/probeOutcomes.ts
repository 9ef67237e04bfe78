/**
 * How the schema operations the probes started ended: a schema Graph accepts with 202 may still fail in its
 * operation (connectionoperation-get: status `failed` with an error), which is then the answer to the question.
 * Looked at last, so that Graph's 5 to 15 minutes per schema passed while the other steps ran.
 */
import { isGraphError } from "../../../provider/graph/errors";
import { waitFor } from "../../../provider/resources/operations";
import { LiveRun } from "../run";
import { ScenarioState } from "./state";

export async function probeOutcomes(run: LiveRun, state: ScenarioState): Promise<string> {
  const ended: string[] = [];
  for (const probe of state.probeOperations) {
    const outcome = await run.ask(probe.question, () =>
      waitFor(
        run.app,
        `the schema operation of probe connection '${probe.connectionId}'`,
        async () => {
          const answer = await run.app.graph.requestUrl("GET", run.app.graph.followUrl(probe.location)).catch((error: unknown) => {
            if (isGraphError(error)) return error.response;
            throw error;
          });
          const body = (answer.body ?? {}) as { status?: string; error?: { code?: string; message?: string } };
          if (answer.status !== 200) return `the operation answered ${answer.status}`;
          if (body.status === "completed") return "its operation completed";
          if (body.status === "failed") return `its operation failed: ${body.error?.message ?? body.error?.code ?? "no reason given"}`;
          return undefined;
        },
        { timeoutMs: run.waitTimeoutMs, probeAtOnce: true },
      ).catch((error: Error) => `no end seen: ${error.message}`),
    );
    run.answer(
      probe.question,
      `accepted (202); ${outcome}`,
      run.transcript.since(0, (exchange) => exchange.question === probe.question).map((exchange) => exchange.seq),
    );
    ended.push(`${probe.question}: ${outcome}`);
  }
  return ended.length > 0 ? ended.join("; ") : "no probe schema was accepted, so no operation to look at";
}
