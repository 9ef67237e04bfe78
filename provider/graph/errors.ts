import { describeRequest, GraphRequest, GraphResponse } from "./request";
import { redact } from "./redact";
import type { GraphErrorBody as ModelErrorBody } from "../../model/errors";
import { missingPermissionAdvice } from "../../model/permissions";
import { GraphConnectorsError } from "../errors";

/** Graph's OData error body: `{ error: { code, message, innerError: { request-id, client-request-id, date } } }`. */
type GraphErrorBody = Partial<ModelErrorBody["error"]> & { innerError?: Record<string, unknown> };

function errorBody(body: unknown): GraphErrorBody {
  if (body && typeof body === "object" && "error" in body) {
    const error = (body as { error: unknown }).error;
    if (error && typeof error === "object") return error as GraphErrorBody;
  }
  return {};
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * What the person needs to read: Graph's message, the inner detail when the service put the real reason there
 * (a DeserializationError names the offending property), and for a 403 the permission the operation needs.
 */
function describeDetail(response: GraphResponse, body: GraphErrorBody): string {
  const message = text(body.message) ?? (typeof response.body === "string" ? response.body.slice(0, 200) : undefined);
  const inner = text(body.innerError?.message);
  const parts = [message, inner !== message ? inner : undefined];
  if (response.status === 403) {
    const url = new URL(response.request.url);
    parts.push(missingPermissionAdvice(response.request.method, url.pathname.replace(/^\/(v1\.0|beta)/, "")));
  }
  const detail = parts.filter((part): part is string => !!part).join(" ");
  return detail ? `: ${detail}` : "";
}

/** A non-2xx answer from Graph. `request` and `response` are non-enumerable so logging the error leaks nothing. */
export class GraphError extends GraphConnectorsError {
  override readonly name = "GraphError" as const;
  readonly status: number;
  /** Graph's error code; services differ in casing, so compare with {@link GraphError.hasCode}. */
  readonly code: string;
  readonly requestId?: string;
  readonly clientRequestId?: string;
  readonly retryAfterMs?: number;
  readonly method: string;
  /** Path and query only. */
  readonly path: string;
  declare readonly request: GraphRequest;
  declare readonly response: GraphResponse;

  constructor(response: GraphResponse, retryAfterMs?: number) {
    const body = errorBody(response.body);
    const inner = body.innerError ?? {};
    const code = text(body.code) ?? `HTTP${response.status}`;
    const requestId = text(response.headers["request-id"]) ?? text(inner["request-id"]);
    const clientRequestId = text(response.headers["client-request-id"]) ?? text(inner["client-request-id"]);
    const where = describeRequest(response.request);
    super(redact(`${where} → ${response.status} ${code}${describeDetail(response, body)}${requestId ? ` (requestId=${requestId})` : ""}`));
    this.status = response.status;
    this.code = code;
    this.requestId = requestId;
    this.clientRequestId = clientRequestId;
    this.retryAfterMs = retryAfterMs;
    this.method = response.request.method;
    this.path = where.slice(where.indexOf(" ") + 1);
    Object.defineProperty(this, "request", { value: response.request, enumerable: false });
    Object.defineProperty(this, "response", { value: response, enumerable: false });
  }

  hasCode(code: string): boolean {
    return this.code.toLowerCase() === code.toLowerCase();
  }
}

/** The request never got an HTTP answer (reset, refused, timed out, TLS failure). */
export class GraphNetworkError extends GraphConnectorsError {
  override readonly name = "GraphNetworkError" as const;
  /** Node's error code, e.g. ECONNRESET. */
  readonly code: string;
  declare readonly request: GraphRequest;

  constructor(request: GraphRequest, code: string, detail: string, options?: { cause?: unknown }) {
    super(redact(`${describeRequest(request)} failed before a response: ${code}${detail ? ` (${detail})` : ""}`), options);
    this.code = code;
    Object.defineProperty(this, "request", { value: request, enumerable: false });
  }
}

export function isGraphError(error: unknown, status?: number): error is GraphError {
  const isOne = error instanceof GraphError || (error instanceof Error && error.name === "GraphError");
  return isOne && (status === undefined || (error as GraphError).status === status);
}

export function isGraphNetworkError(error: unknown): error is GraphNetworkError {
  return error instanceof GraphNetworkError || (error instanceof Error && error.name === "GraphNetworkError");
}

/**
 * A request sent inside a `$batch` whose own answer never came back (the `$batch` call failed, or its answer
 * left the request out): Graph may or may not have carried it out.
 */
export class LostAnswerError extends GraphConnectorsError {
  override readonly name = "LostAnswerError" as const;
}

export function isLostAnswerError(error: unknown): error is LostAnswerError {
  return error instanceof LostAnswerError || (error instanceof Error && error.name === "LostAnswerError");
}
