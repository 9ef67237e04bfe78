/**
 * How Graph counts `$batch` requests against "25 concurrent operations on a connection": reads of one group,
 * sent as two parallel batches of 20 at once (40 operations, if each inner request counts), then as a sequential
 * chain of 20 beside a parallel batch of 20 (21 at a time if a chain counts as it runs, 40 if it counts on
 * arrival). Inner answers are not retried here: a 429 among them is the answer. The inner requests carry no
 * client-request-id, so their answers also show what Graph puts there without one.
 */
import { BATCH_MAX_REQUESTS, BATCH_PATH, BatchRequest, BatchResponse } from "../../../model/batch";
import { groupPath } from "../../../model/group";
import { Answer, LiveRun } from "../run";
import { ScenarioState } from "./state";

function reads(url: string, tag: string, chained: boolean): BatchRequest[] {
  return Array.from({ length: BATCH_MAX_REQUESTS }, (_, index) => ({
    id: `${tag}${index + 1}`,
    method: "GET",
    url,
    ...(chained && index > 0 ? { dependsOn: [`${tag}${index}`] } : {}),
  }));
}

function innerAnswers(answer: Answer): BatchResponse[] {
  return (answer.body as { responses?: BatchResponse[] } | undefined)?.responses ?? [];
}

function tally(answers: Answer[]): string {
  const inner = answers.flatMap(innerAnswers);
  const throttled = inner.filter((response) => response.status === 429);
  const failed = answers.filter((answer) => answer.status !== 200).map((answer) => answer.status);
  const retryAfter = [
    ...new Set(
      throttled
        .map((response) => Object.entries(response.headers ?? {}).find(([name]) => name.toLowerCase() === "retry-after")?.[1])
        .filter(Boolean),
    ),
  ];
  return (
    `${inner.length} answered, ${throttled.length} of them 429${retryAfter.length ? ` (Retry-After ${retryAfter.join(", ")})` : ""}` +
    `${failed.length ? `; batch calls answered ${failed.join(", ")}` : ""}`
  );
}

export async function batchProbe(run: LiveRun, state: ScenarioState): Promise<string> {
  const url = groupPath(state.names.connection, state.names.groups.members);
  const send = (requests: BatchRequest[]) => run.raw("POST", "v1.0", BATCH_PATH, { requests });
  const from = run.transcript.lastSeq;
  const parallel = await run.ask("batch-concurrency", () => Promise.all([send(reads(url, "a", false)), send(reads(url, "b", false))]));
  const mixed = await run.ask("batch-concurrency", () => Promise.all([send(reads(url, "c", true)), send(reads(url, "d", false))]));
  const evidence = run.transcript.since(from).map((exchange) => exchange.seq);
  run.answer(
    "batch-concurrency",
    `two parallel batches of 20 at once: ${tally(parallel)}; a chain of 20 beside 20 parallel: ${tally(mixed)}`,
    evidence,
  );

  const inner = [...parallel, ...mixed]
    .flatMap(innerAnswers)
    .map((response) => Object.entries(response.headers ?? {}).find(([name]) => name.toLowerCase() === "client-request-id")?.[1]);
  const carried = inner.filter((value) => value !== undefined);
  run.answer(
    "client-request-id-echo",
    `inner $batch requests without one: ${carried.length} of ${inner.length} answers carry a client-request-id header` +
      `${carried.length ? ` (${new Set(carried).size} distinct values)` : ""}`,
    evidence,
  );
  return `${parallel.length + mixed.length} batches of 20 reads sent two at a time`;
}
