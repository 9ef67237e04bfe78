/**
 * A DELETE of a connection, and at once a second one, as a re-run of a killed `pulumi destroy` sends it: the
 * delete page documents 202 for the first; for the second only an issue's words, "an error message saying this
 * operation is already in progress" (docs/open-questions.md). The second is a raw request whose answer is
 * recorded whatever it is; then GET is asked until it answers 404, which is what tells a client the connection
 * is gone. On one of the probe connections, whose questions are answered by then.
 */
import { connectionPath } from "../../../model/connection";
import { waitFor } from "../../../provider/resources/operations";
import { describeAnswer, expectThat, LiveRun } from "../run";
import { ScenarioState } from "./state";

export async function repeatedDelete(run: LiveRun, state: ScenarioState): Promise<string> {
  const id = state.names.probes.booleans;
  const path = connectionPath(id);
  const first = await run.raw("DELETE", "v1.0", path);
  expectThat(first.status === 202, `the first DELETE answered ${describeAnswer(first)}, not 202`);
  const second = await run.ask("repeated-delete", () => run.raw("DELETE", "v1.0", path));
  const startedMs = run.options.now();
  let polls = 0;
  const statuses = new Set<number>();
  await run.ask("repeated-delete", () =>
    waitFor(
      run.app,
      `connection '${id}' to be deleted`,
      async () => {
        polls++;
        const answer = await run.raw("GET", "v1.0", path);
        statuses.add(answer.status);
        return answer.status === 404 ? true : undefined;
      },
      { timeoutMs: run.waitTimeoutMs },
    ),
  );
  const seconds = Math.round((run.options.now() - startedMs) / 1000);
  run.answer(
    "repeated-delete",
    `first DELETE ${first.status}; the second, sent at once: ${describeAnswer(second)}; GET answered ${[...statuses].join(", ")} ` +
      `until 404 after ${seconds} s (${polls} requests)`,
    [first.seq, ...run.transcript.since(first.seq, (exchange) => exchange.question === "repeated-delete").map((exchange) => exchange.seq)],
  );
  return `second DELETE: ${describeAnswer(second)}; gone after ${seconds} s`;
}
