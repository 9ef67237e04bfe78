import { PipelinePolicy, SendRequest } from "./request";
import { GraphConnectorsError } from "../errors";

/**
 * Folds policies around the transport: the first policy is outermost, the transport is the last `next`.
 * Duplicate policy names are refused because each policy is meant to run once per request.
 */
export function createPipeline(policies: PipelinePolicy[], transport: SendRequest): SendRequest {
  const names = new Set<string>();
  for (const policy of policies) {
    if (names.has(policy.name)) throw new GraphConnectorsError(`pipeline policy '${policy.name}' is added twice`);
    names.add(policy.name);
  }
  return policies.reduceRight<SendRequest>((next, policy) => (request) => policy.send(request, next), transport);
}
