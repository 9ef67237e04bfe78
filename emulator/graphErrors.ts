import { randomUUID } from "node:crypto";
import { MALFORMED_REQUEST, OPERATION_IN_PROGRESS } from "../model/errors";
import { EmulatorResponse } from "./http";

/**
 * Graph-shaped error answers: `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`.
 * One named constructor per situation, so handlers read like the service's documented behaviour.
 */
export function graphError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
  inner: Record<string, string> = {},
): EmulatorResponse {
  const requestId = randomUUID();
  return {
    status,
    headers: { "request-id": requestId, ...headers },
    body: { error: { code, message, innerError: { ...inner, date: new Date().toISOString().slice(0, 19), "request-id": requestId } } },
  };
}

export const errors = {
  invalidRequest: (detail: string) => graphError(400, "InvalidRequest", `The request is malformed or incorrect. ${detail}`),
  /** What the OData layer answers for a body it cannot read (model/errors.ts). */
  malformed: (detail: string) =>
    graphError(
      MALFORMED_REQUEST.status,
      MALFORMED_REQUEST.code,
      MALFORMED_REQUEST.message,
      {},
      { code: MALFORMED_REQUEST.innerCode, message: detail },
    ),
  notFound: (what: string) => graphError(404, "itemNotFound", `${what} was not found.`),
  accessDenied: (detail = "Insufficient privileges to complete the operation.") => graphError(403, "accessDenied", detail),
  conflict: (detail: string) => graphError(409, "nameAlreadyExists", detail),
  operationInProgress: (detail: string) => graphError(OPERATION_IN_PROGRESS.status, OPERATION_IN_PROGRESS.code, detail),
  methodNotAllowed: (detail = "The HTTP method is not supported for this resource.") => graphError(405, "notSupported", detail),
  unauthenticated: (detail: string) => graphError(401, "InvalidAuthenticationToken", detail),
  serviceUnavailable: (detail = "The service is temporarily unavailable.") => graphError(503, "serviceNotAvailable", detail),
};

/** The default body for a status injected by a fault rule. */
export function errorForStatus(status: number, retryAfterSeconds?: number): EmulatorResponse {
  const headers: Record<string, string> = retryAfterSeconds === undefined ? {} : { "retry-after": String(retryAfterSeconds) };
  switch (status) {
    case 429:
      return graphError(429, "TooManyRequests", "Please retry again later.", headers);
    case 503:
      return graphError(503, "serviceNotAvailable", "The service is temporarily unavailable.", headers);
    case 504:
      return graphError(504, "gatewayTimeout", "The gateway timed out.", headers);
    default:
      return graphError(status, "generalException", `Injected HTTP ${status}.`, headers);
  }
}

/**
 * An answer carrying the caller's `client-request-id`: in an error's `innerError` (concepts/errors.md: innerError
 * holds `date`, `request-id` and `client-request-id`) and as a response header, where Graph's answers carry it
 * beside `request-id` (the reference pages name it only in innerError; answers recorded from Graph list both
 * headers). Without one from the caller, the request id stands in for it, so both always name the same request:
 * what Graph sends then is not documented.
 */
export function withClientRequestId(response: EmulatorResponse, clientRequestId: string | undefined): EmulatorResponse {
  const requestId = response.headers?.["request-id"] ?? randomUUID();
  const correlation = clientRequestId ?? requestId;
  const headers = { ...response.headers, "request-id": requestId, "client-request-id": correlation };
  const error = (response.body as { error?: { innerError?: Record<string, unknown> } } | undefined)?.error;
  if (!error || typeof error !== "object") return { ...response, headers };
  const innerError = { ...error.innerError, "request-id": error.innerError?.["request-id"] ?? requestId, "client-request-id": correlation };
  return { ...response, headers, body: { ...(response.body as object), error: { ...error, innerError } } };
}
