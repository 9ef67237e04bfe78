import { GraphNetworkError } from "../../provider/graph/errors";
import { GraphResponse } from "../../provider/graph/request";
import { exponentialRetryStrategy, throttlingRetryStrategy } from "../../provider/graph/retryStrategies";

const request = { method: "GET" as const, url: "https://graph.test/v1.0/x", headers: {} };
const response = (status: number, headers: Record<string, string> = {}): GraphResponse => ({ status, headers, body: undefined, request });

describe("throttlingRetryStrategy", () => {
  const strategy = throttlingRetryStrategy({ maxRetryAfterMs: 600_000 });

  test.each([429, 503, 504])("honours Retry-After on %d", (status) => {
    expect(strategy.decide({ retryCount: 0, response: response(status, { "retry-after": "3" }), nowMs: 0 })).toEqual({
      retryAfterMs: 3000,
    });
  });

  test("keeps a 315 s Retry-After, which Graph has sent, and caps longer ones", () => {
    expect(strategy.decide({ retryCount: 0, response: response(429, { "retry-after": "315" }), nowMs: 0 })).toEqual({
      retryAfterMs: 315_000,
    });
    expect(strategy.decide({ retryCount: 0, response: response(429, { "retry-after": "3600" }), nowMs: 0 })).toEqual({
      retryAfterMs: 600_000,
    });
  });

  test("skips transient statuses without Retry-After and non-transient statuses", () => {
    expect(strategy.decide({ retryCount: 0, response: response(503), nowMs: 0 })).toEqual({ skip: true });
    expect(strategy.decide({ retryCount: 0, response: response(400, { "retry-after": "1" }), nowMs: 0 })).toEqual({ skip: true });
  });
});

describe("exponentialRetryStrategy", () => {
  const strategy = (random: number) => exponentialRetryStrategy({ baseDelayMs: 1000, maxDelayMs: 60_000, random: () => random });

  test("doubles per retry with ±20% jitter", () => {
    expect(strategy(0.5).decide({ retryCount: 0, response: response(503), nowMs: 0 })).toEqual({ retryAfterMs: 1000 });
    expect(strategy(0.5).decide({ retryCount: 3, response: response(504), nowMs: 0 })).toEqual({ retryAfterMs: 8000 });
    expect(strategy(0).decide({ retryCount: 1, response: response(429), nowMs: 0 })).toEqual({ retryAfterMs: 1600 });
    expect(strategy(1).decide({ retryCount: 1, response: response(429), nowMs: 0 })).toEqual({ retryAfterMs: 2400 });
  });

  test("caps the delay after jitter", () => {
    expect(strategy(1).decide({ retryCount: 10, response: response(503), nowMs: 0 })).toEqual({ retryAfterMs: 60_000 });
  });

  test.each(["ECONNRESET", "ETIMEDOUT", "ECONNREFUSED"])("retries the network failure %s", (code) => {
    expect(strategy(0.5).decide({ retryCount: 0, error: new GraphNetworkError(request, code, ""), nowMs: 0 })).toEqual({
      retryAfterMs: 1000,
    });
  });

  test.each([400, 401, 403, 404, 409, 500])("never retries HTTP %d", (status) => {
    expect(strategy(0.5).decide({ retryCount: 0, response: response(status), nowMs: 0 })).toEqual({ skip: true });
  });

  test("does not retry unknown errors or TLS failures", () => {
    expect(strategy(0.5).decide({ retryCount: 0, error: new TypeError("bug"), nowMs: 0 })).toEqual({ skip: true });
    expect(
      strategy(0.5).decide({ retryCount: 0, error: new GraphNetworkError(request, "DEPTH_ZERO_SELF_SIGNED_CERT", ""), nowMs: 0 }),
    ).toEqual({ skip: true });
  });
});
