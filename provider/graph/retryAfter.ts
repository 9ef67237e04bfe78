/**
 * Reads how long the server asked us to wait. Checks `retry-after-ms`, `x-ms-retry-after-ms`, then
 * `Retry-After` as seconds (Graph sends fractions, e.g. 2.128) or an HTTP-date. A date in the past means 0.
 * Returns undefined when there is no usable value, so the caller falls back to computed backoff.
 */
export function parseRetryAfterMs(headers: Record<string, string>, nowMs: number): number | undefined {
  for (const name of ["retry-after-ms", "x-ms-retry-after-ms"]) {
    const value = Number(headers[name]);
    if (headers[name] !== undefined && headers[name].trim() !== "" && Number.isFinite(value) && value >= 0) return value;
  }
  const retryAfter = headers["retry-after"]?.trim();
  if (!retryAfter) return undefined;
  if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.round(Number(retryAfter) * 1000);
  // An HTTP-date always names its month ("Sun, 22 Nov 2026 12:00:30 GMT"); Date.parse alone accepts "-3".
  const date = /[a-z]/i.test(retryAfter) ? Date.parse(retryAfter) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
