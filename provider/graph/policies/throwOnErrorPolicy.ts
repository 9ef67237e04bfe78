import { GraphError } from "../errors";
import { PipelinePolicy } from "../request";
import { parseRetryAfterMs } from "../retryAfter";

/** The one place a non-2xx response becomes a {@link GraphError}; everything inside it sees plain responses. */
export function throwOnErrorPolicy(now: () => number): PipelinePolicy {
  return {
    name: "throwOnError",
    async send(request, next) {
      const response = await next(request);
      if (response.status >= 400) throw new GraphError(response, parseRetryAfterMs(response.headers, now()));
      return response;
    },
  };
}
