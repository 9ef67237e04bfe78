import { randomUUID } from "node:crypto";
import { EmulatorResponse } from "./http";

/**
 * Graph-shaped error answers: `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`.
 * One named constructor per situation, so handlers read like the service's documented behaviour.
 */
export function graphError(status: number, code: string, message: string, headers: Record<string, string> = {}): EmulatorResponse {
  const requestId = randomUUID();
  return {
    status,
    headers: { "request-id": requestId, ...headers },
    body: { error: { code, message, innerError: { date: new Date().toISOString().slice(0, 19), "request-id": requestId } } },
  };
}

export const errors = {
  invalidRequest: (detail: string) => graphError(400, "InvalidRequest", `The request is malformed or incorrect. ${detail}`),
  notFound: (what: string) => graphError(404, "itemNotFound", `${what} was not found.`),
  accessDenied: () => graphError(403, "accessDenied", "Insufficient privileges to complete the operation."),
  conflict: (detail: string) => graphError(409, "nameAlreadyExists", detail),
  operationInProgress: (detail: string) => graphError(409, "resourceModified", detail),
  methodNotAllowed: () => graphError(405, "notSupported", "The HTTP method is not supported for this resource."),
  unauthenticated: (detail: string) => graphError(401, "InvalidAuthenticationToken", detail),
  throttled: (retryAfterSeconds: number) =>
    graphError(429, "TooManyRequests", "Please retry again later.", { "retry-after": String(retryAfterSeconds) }),
  serviceUnavailable: (detail = "The service is temporarily unavailable.") => graphError(503, "serviceNotAvailable", detail),
  gatewayTimeout: () => graphError(504, "gatewayTimeout", "The gateway timed out."),
};

/** The default body for a status injected by a fault rule. */
export function errorForStatus(status: number, retryAfterSeconds?: number): EmulatorResponse {
  const headers: Record<string, string> = retryAfterSeconds === undefined ? {} : { "retry-after": String(retryAfterSeconds) };
  switch (status) {
    case 429: return graphError(429, "TooManyRequests", "Please retry again later.", headers);
    case 503: return graphError(503, "serviceNotAvailable", "The service is temporarily unavailable.", headers);
    case 504: return graphError(504, "gatewayTimeout", "The gateway timed out.", headers);
    default: return graphError(status, "generalException", `Injected HTTP ${status}.`, headers);
  }
}
