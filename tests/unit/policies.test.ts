import type { AccessToken, TokenCredential } from "@azure/identity";
import { GraphError, GraphNetworkError, isGraphError } from "../../provider/graph/errors";
import { AuthenticationError, bearerTokenPolicy } from "../../provider/graph/policies/bearerTokenPolicy";
import { exchangeObserverPolicy, HttpExchange } from "../../provider/graph/policies/exchangeObserverPolicy";
import { retryPolicy } from "../../provider/graph/policies/retryPolicy";
import { throwOnErrorPolicy } from "../../provider/graph/policies/throwOnErrorPolicy";
import { GraphRequest, GraphResponse, SendRequest } from "../../provider/graph/request";
import { exponentialRetryStrategy, throttlingRetryStrategy } from "../../provider/graph/retryStrategies";

const request: GraphRequest = { method: "POST", url: "https://graph.test/v1.0/external/connections", headers: {} };

/** A `next` that replays queued answers and records what it was sent. */
function replay(...answers: Array<Partial<GraphResponse> | Error>): SendRequest & { sent: GraphRequest[] } {
  const sent: GraphRequest[] = [];
  const next = async (req: GraphRequest) => {
    sent.push(req);
    const answer = answers.shift();
    if (!answer) throw new Error("no more answers queued");
    if (answer instanceof Error) throw answer;
    return { status: 200, headers: {}, body: undefined, request: req, ...answer };
  };
  return Object.assign(next, { sent });
}

describe("retryPolicy", () => {
  const build = (maxRetries = 3) => {
    const sleeps: number[] = [];
    const policy = retryPolicy(
      [
        throttlingRetryStrategy({ maxRetryAfterMs: 600_000 }),
        exponentialRetryStrategy({ baseDelayMs: 1000, maxDelayMs: 60_000, random: () => 0.5 }),
      ],
      {
        maxRetries,
        sleep: async (ms) => {
          sleeps.push(ms);
        },
        now: () => 0,
      },
    );
    return { policy, sleeps };
  };

  test("waits what Retry-After asks on 429, then returns the success", async () => {
    const { policy, sleeps } = build();
    const next = replay({ status: 429, headers: { "retry-after": "1" } }, { status: 201 });
    const response = await policy.send(request, next);
    expect(response.status).toBe(201);
    expect(sleeps).toEqual([1000]);
    expect(next.sent).toHaveLength(2);
  });

  test("backs off exponentially on 503 and 504 without Retry-After", async () => {
    const { policy, sleeps } = build();
    await policy.send(request, replay({ status: 503 }, { status: 504 }, { status: 200 }));
    expect(sleeps).toEqual([1000, 2000]);
  });

  test("returns the last response unchanged when retries run out", async () => {
    const { policy, sleeps } = build(2);
    const response = await policy.send(request, replay({ status: 503 }, { status: 503 }, { status: 503, body: "last" }));
    expect(response).toMatchObject({ status: 503, body: "last" });
    expect(sleeps).toEqual([1000, 2000]);
  });

  test("retries a connection reset and tells the request's observer", async () => {
    const { policy } = build();
    const events: string[] = [];
    await policy.send(
      { ...request, observer: { onRetry: (event) => events.push(event.reason) } },
      replay(new GraphNetworkError(request, "ECONNRESET", "socket hang up"), { status: 201 }),
    );
    expect(events).toEqual(["POST /v1.0/external/connections failed before a response: ECONNRESET (socket hang up)"]);
  });

  test.each([400, 404, 409])("does not retry %d", async (status) => {
    const { policy, sleeps } = build();
    expect((await policy.send(request, replay({ status }))).status).toBe(status);
    expect(sleeps).toEqual([]);
  });

  test("lets unknown errors through without retrying", async () => {
    const { policy, sleeps } = build();
    await expect(policy.send(request, replay(new TypeError("bug")))).rejects.toThrow("bug");
    expect(sleeps).toEqual([]);
  });

  describe("a request that must not be sent twice (notRepeatable)", () => {
    const once = { ...request, notRepeatable: true };

    test.each([503, 504, 500])("is not re-sent after a %i, which may hide work done", async (status) => {
      const { policy, sleeps } = build();
      const next = replay({ status, headers: { "retry-after": "1" } });
      expect((await policy.send(once, next)).status).toBe(status);
      expect([next.sent.length, sleeps]).toEqual([1, []]);
    });

    test("is not re-sent after a connection lost once it may have reached Graph", async () => {
      const { policy, sleeps } = build();
      const next = replay(new GraphNetworkError(request, "ECONNRESET", "socket hang up"));
      await expect(policy.send(once, next)).rejects.toThrow("ECONNRESET");
      expect([next.sent.length, sleeps]).toEqual([1, []]);
    });

    test("is re-sent after a 429 or a connection never made, which prove Graph did not act", async () => {
      const { policy, sleeps } = build();
      const next = replay({ status: 429, headers: { "retry-after": "2" } }, new GraphNetworkError(request, "ECONNREFUSED", "refused"), {
        status: 201,
      });
      expect((await policy.send(once, next)).status).toBe(201);
      expect(sleeps).toEqual([2000, 2000]);
    });
  });
});

describe("throwOnErrorPolicy", () => {
  test("turns a Graph error body into a typed GraphError that hides request and response", async () => {
    const next = replay({
      status: 409,
      headers: { "request-id": "rid-1", "client-request-id": "cid-1", "retry-after": "2" },
      body: { error: { code: "nameAlreadyExists", message: "A connection with the same name already exists." } },
    });
    const error = await throwOnErrorPolicy(() => 0)
      .send({ ...request, headers: { authorization: "Bearer secret.token.value" } }, next)
      .catch((e: unknown) => e);
    expect(isGraphError(error, 409)).toBe(true);
    const graphError = error as GraphError;
    expect(graphError).toMatchObject({
      status: 409,
      code: "nameAlreadyExists",
      requestId: "rid-1",
      clientRequestId: "cid-1",
      retryAfterMs: 2000,
      method: "POST",
      path: "/v1.0/external/connections",
    });
    expect(graphError.message).toBe(
      "POST /v1.0/external/connections → 409 nameAlreadyExists: A connection with the same name already exists. (requestId=rid-1)",
    );
    expect(graphError.hasCode("NAMEALREADYEXISTS")).toBe(true);
    expect(Object.keys(graphError)).not.toContain("request");
    expect(JSON.stringify(graphError)).not.toContain("secret.token.value");
  });
});

describe("bearerTokenPolicy", () => {
  class CountingCredential implements TokenCredential {
    calls = 0;
    async getToken(): Promise<AccessToken> {
      this.calls += 1;
      return { token: `token-${this.calls}`, expiresOnTimestamp: 60 * 60 * 1000 };
    }
  }

  test("fetches one token for concurrent requests and reuses it", async () => {
    const credential = new CountingCredential();
    const policy = bearerTokenPolicy({ credential, scope: "https://graph.test/.default", now: () => 0 });
    const next = replay({ status: 200 }, { status: 200 }, { status: 200 });
    await Promise.all([policy.send(request, next), policy.send(request, next), policy.send(request, next)]);
    expect(credential.calls).toBe(1);
    expect(next.sent.map((sent) => sent.headers.authorization)).toEqual(["Bearer token-1", "Bearer token-1", "Bearer token-1"]);
  });

  test("refreshes shortly before expiry and after a 401", async () => {
    const credential = new CountingCredential();
    let now = 0;
    const policy = bearerTokenPolicy({ credential, scope: "s/.default", now: () => now });
    const next = replay({ status: 200 }, { status: 401 }, { status: 200 });
    await policy.send(request, next);
    now = 59 * 60 * 1000; // inside the 2-minute refresh margin
    await policy.send(request, next);
    expect(next.sent.map((sent) => sent.headers.authorization)).toEqual(["Bearer token-1", "Bearer token-2", "Bearer token-3"]);
  });

  test("refuses to send a token over plain http", async () => {
    const policy = bearerTokenPolicy({ credential: new CountingCredential(), scope: "s/.default", now: () => 0 });
    await expect(policy.send({ ...request, url: "http://graph.test/v1.0/x" }, replay({ status: 200 }))).rejects.toThrow(
      AuthenticationError,
    );
  });

  // Regression (issue 8, 4): a credential error whose message is an object read "[object Object]".
  test("shows an object-shaped credential failure as JSON and names who signed in where", async () => {
    const failing: TokenCredential = {
      getToken: async () => {
        throw Object.assign(new Error(), { name: "AuthenticationRequiredError", message: { error: "invalid_client", code: 7000215 } });
      },
    };
    const policy = bearerTokenPolicy({
      credential: failing,
      scope: "https://graph.test/.default",
      now: () => 0,
      identity: "tenant t1, client id c1, authority https://login.test",
    });
    await expect(policy.send(request, replay())).rejects.toThrow(
      'could not get a token for https://graph.test/.default (tenant t1, client id c1, authority https://login.test): AuthenticationRequiredError: {"error":"invalid_client","code":7000215}',
    );
  });

  test("wraps credential failures without leaking secrets", async () => {
    const failing: TokenCredential = {
      getToken: async () => {
        throw new Error("bad request: client_secret=hunter2hunter2&x=1");
      },
    };
    const policy = bearerTokenPolicy({ credential: failing, scope: "https://graph.test/.default", now: () => 0 });
    await expect(policy.send(request, replay())).rejects.toThrow(
      "could not get a token for https://graph.test/.default: Error: bad request: client_secret=[REDACTED]&x=1",
    );
  });
});

describe("exchangeObserverPolicy", () => {
  test("reports each attempt with its answer and timing, the token replaced", async () => {
    const seen: HttpExchange[] = [];
    let clock = 100;
    const policy = exchangeObserverPolicy(
      (exchange) => seen.push(exchange),
      () => (clock += 5),
    );
    const sent = { ...request, headers: { authorization: "Bearer eyJ0eXAiOiJKV1QifQ.e30.sig", "client-request-id": "c1" } };
    const next = replay({ status: 201, body: { id: "x" } });
    const response = await policy.send(sent, next);
    expect(next.sent[0].headers.authorization).toBe("Bearer eyJ0eXAiOiJKV1QifQ.e30.sig");
    expect(response.request.headers.authorization).toBe("Bearer eyJ0eXAiOiJKV1QifQ.e30.sig");
    expect(seen).toEqual([
      {
        request: { ...sent, headers: { authorization: "Bearer [REDACTED]", "client-request-id": "c1" } },
        response: expect.objectContaining({
          status: 201,
          body: { id: "x" },
          request: expect.objectContaining({ headers: { authorization: "Bearer [REDACTED]", "client-request-id": "c1" } }),
        }),
        startedAtMs: 105,
        durationMs: 5,
      },
    ]);
  });

  test("reports an attempt that got no answer, and rethrows its error", async () => {
    const seen: HttpExchange[] = [];
    const lost = new GraphNetworkError(request, "ECONNRESET", "socket hang up");
    await expect(
      exchangeObserverPolicy(
        (exchange) => seen.push(exchange),
        () => 0,
      ).send(request, replay(lost)),
    ).rejects.toBe(lost);
    expect(seen).toEqual([{ request, error: lost, startedAtMs: 0, durationMs: 0 }]);
  });
});
