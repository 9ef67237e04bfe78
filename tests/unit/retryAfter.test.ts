import { parseRetryAfterMs } from "../../provider/graph/retryAfter";

const NOW = Date.parse("2026-11-22T12:00:00Z");

describe("parseRetryAfterMs", () => {
  test.each([
    [{ "retry-after": "2" }, 2000],
    [{ "retry-after": "2.128" }, 2128],
    [{ "retry-after": "315" }, 315_000],
    [{ "retry-after": "0" }, 0],
    [{ "retry-after-ms": "150" }, 150],
    [{ "x-ms-retry-after-ms": "75", "retry-after": "9" }, 75],
    [{ "retry-after": "Sun, 22 Nov 2026 12:00:30 GMT" }, 30_000],
  ])("reads %j as %d ms", (headers, expected) => {
    expect(parseRetryAfterMs(headers, NOW)).toBe(expected);
  });

  test("treats an HTTP-date in the past as no wait", () => {
    expect(parseRetryAfterMs({ "retry-after": "Sun, 22 Nov 2026 11:59:00 GMT" }, NOW)).toBe(0);
  });

  test.each([[{}], [{ "retry-after": "soon" }], [{ "retry-after": "-3" }], [{ "retry-after": "" }]])(
    "returns undefined for %j so the caller falls back to backoff",
    (headers) => {
      expect(parseRetryAfterMs(headers, NOW)).toBeUndefined();
    },
  );
});
