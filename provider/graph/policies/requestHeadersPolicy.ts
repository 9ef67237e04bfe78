import { randomUUID } from "node:crypto";
import { PipelinePolicy } from "../request";

/**
 * Sets the headers every Graph call carries. `client-request-id` is chosen once per logical request, so all
 * retries of it share one id that support can trace.
 */
export function requestHeadersPolicy(userAgent: string): PipelinePolicy {
  return {
    name: "requestHeaders",
    send(request, next) {
      const headers: Record<string, string> = { accept: "application/json", "user-agent": userAgent, ...request.headers };
      headers["client-request-id"] ??= randomUUID();
      if (request.body !== undefined) headers["content-type"] ??= "application/json";
      return next({ ...request, headers });
    },
  };
}
