/**
 * What becomes of each request of an attempt (provider/graph/batching/answers.ts): settled, sent again after
 * a delay with its own retries counted, or sent again at once; and when chains stop.
 */
import { AttemptOutcome } from "../../provider/graph/batching/sender";
import { CallOutcome, judgeAttempt, Verdict } from "../../provider/graph/batching/answers";
import { Queued } from "../../provider/graph/batching/queued";
import { GraphNetworkError } from "../../provider/graph/errors";
import { GraphResponse } from "../../provider/graph/request";

function queued(overrides: Partial<Queued> = {}): Queued {
  return {
    item: { method: "POST", url: "/external/connections/hr/groups", body: { id: "g" } },
    startsWork: false,
    arrivedAt: 0,
    retries: 0,
    callRetries: 0,
    retriedAfter: [],
    settle: () => undefined,
    ...overrides,
  };
}

/** The client's policy in small: the Retry-After when there is one, else 1 s, for 2 retries. */
const policy = (outcome: AttemptOutcome, retryCount: number): number | undefined => {
  if (retryCount >= 2) return undefined;
  if ("error" in outcome) return 1000;
  if (![429, 503, 504].includes(outcome.response.status)) return undefined;
  const after = outcome.response.headers["retry-after"];
  return after === undefined ? 1000 : Number(after) * 1000;
};

const answer = (status: number, headers: Record<string, string> = {}) => ({ status, headers, body: undefined });
const call = (status: number, headers: Record<string, string> = {}): GraphResponse => ({
  status,
  headers,
  body: undefined,
  request: { method: "POST", url: "https://graph.microsoft.com/v1.0/$batch", headers: {} },
});
const kinds = (verdicts: Verdict[]) =>
  verdicts.map((verdict) =>
    "settle" in verdict
      ? `settle ${verdict.settle.delivery} ${verdict.settle.status}`
      : "unrun" in verdict
        ? "unrun"
        : `again ${verdict.again.delayMs} ${verdict.again.call ? "call" : "own"}`,
  );
const judge = (chunk: Queued[], outcome: CallOutcome, sequential = false) => judgeAttempt(chunk, outcome, sequential, policy);

describe("each request's own answer", () => {
  test("a 429 or 503 goes again after the client's delay, counted as its own; any other answer settles it", () => {
    const judged = judge([queued(), queued(), queued(), queued()], {
      answers: [answer(201), answer(429, { "retry-after": "3" }), answer(503), answer(409)],
    });
    expect(kinds(judged.verdicts)).toEqual(["settle answered 201", "again 3000 own", "again 1000 own", "settle answered 409"]);
    expect(judged.stopChains).toBe(false);
  });

  test("once its own retries are used up, it settles with the last answer and what came before it", () => {
    const [verdict] = judge([queued({ retries: 2, retriedAfter: ["HTTP 429", "HTTP 429"] })], { answers: [answer(429)] }).verdicts;
    expect(verdict).toEqual({
      settle: expect.objectContaining({ status: 429, delivery: "answered", retriedAfter: ["HTTP 429", "HTTP 429"] }),
    });
  });

  test("the retries its calls used are not its own", () => {
    expect(kinds(judge([queued({ callRetries: 2 })], { answers: [answer(429)] }).verdicts)).toEqual(["again 1000 own"]);
  });

  test("a request the answer left out is lost", () => {
    expect(kinds(judge([queued(), queued()], { answers: [answer(201), undefined] }).verdicts)).toEqual([
      "settle answered 201",
      "settle lost 0",
    ]);
  });
});

describe("a chain", () => {
  test("what a failed request left unrun (424) goes again at once; a refusal does not stop chains", () => {
    const judged = judge([queued(), queued(), queued()], { answers: [answer(201), answer(400), answer(424)] }, true);
    expect(kinds(judged.verdicts)).toEqual(["settle answered 201", "settle answered 400", "unrun"]);
    expect(judged.stopChains).toBe(false);
  });

  test("a request of it throttled stops chains for good", () => {
    const judged = judge([queued(), queued()], { answers: [answer(429), answer(424)] }, true);
    expect(kinds(judged.verdicts)).toEqual(["again 1000 own", "unrun"]);
    expect(judged.stopChains).toBe(true);
  });

  test("refused whole (its call answered 400): none of it ran, it all goes again, and chains stop", () => {
    const judged = judge([queued(), queued()], { call: call(400) }, true);
    expect(kinds(judged.verdicts)).toEqual(["unrun", "unrun"]);
    expect(judged.stopChains).toBe(true);
  });

  test("its call throttled: each request goes again, counted as its call's, and chains stop", () => {
    const judged = judge([queued(), queued()], { call: call(429, { "retry-after": "2" }) }, true);
    expect(kinds(judged.verdicts)).toEqual(["again 2000 call", "again 2000 call"]);
    expect(judged.stopChains).toBe(true);
  });
});

describe("a $batch call that failed whole", () => {
  test.each([429, 503, 504])("answered %i: every request goes again, counted apart from its own answers", (status) => {
    const judged = judge([queued({ retries: 2 }), queued()], { call: call(status) });
    expect(kinds(judged.verdicts)).toEqual(["again 1000 call", "again 1000 call"]);
    expect(judged.stopChains).toBe(false);
  });

  test("once its calls' retries are used up: a 429 is an answer (nothing was done), a 503 may hide work done", () => {
    expect(kinds(judge([queued({ callRetries: 2 })], { call: call(429) }).verdicts)).toEqual(["settle answered 429"]);
    expect(kinds(judge([queued({ callRetries: 2 }), queued({ callRetries: 2 })], { call: call(503) }).verdicts)).toEqual([
      "settle lost 0",
      "settle lost 0",
    ]);
  });

  test("refused (400): each request is answered with it, the call's error attached; a 500 makes them lost", () => {
    const [refused] = judge([queued(), queued()], { call: call(400) }).verdicts;
    expect(refused).toEqual({
      settle: expect.objectContaining({
        status: 400,
        delivery: "answered",
        error: expect.objectContaining({ name: "GraphError", status: 400 }),
      }),
    });
    expect(kinds(judge([queued(), queued()], { call: call(500) }).verdicts)).toEqual(["settle lost 0", "settle lost 0"]);
  });

  test("no answer at all: a lost connection goes again (a lone request's own retry, a batch's call retry); anything else is lost", () => {
    const reset = new GraphNetworkError(
      { method: "POST", url: "https://graph.microsoft.com/v1.0/$batch", headers: {} },
      "ECONNRESET",
      "socket hang up",
    );
    expect(kinds(judge([queued()], { error: reset }).verdicts)).toEqual(["again 1000 own"]);
    expect(kinds(judge([queued(), queued()], { error: reset }).verdicts)).toEqual(["again 1000 call", "again 1000 call"]);
    expect(kinds(judge([queued()], { error: new Error("a bug") }).verdicts)).toEqual(["settle lost 0"]);
  });

  test("a retry cut short settles as the attempt it follows was answered", () => {
    const [verdict] = judge([queued()], { call: call(429) }).verdicts;
    expect(verdict).toEqual({
      again: expect.objectContaining({ otherwise: expect.objectContaining({ status: 429, delivery: "answered" }) }),
    });
  });
});
