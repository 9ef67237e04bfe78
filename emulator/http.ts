/** The emulator's own request/response shapes, independent of node:http so `$batch` can dispatch inner requests. */
import type { ApiVersion } from "../model/apiVersion";
import type { TypeRef } from "../model/types";

export interface CallerIdentity {
  /** The calling application (token `appid`). */
  appId: string;
  /** `app` for client-credential tokens, `user` for delegated ones (token `idtyp`). */
  kind: "app" | "user";
  /** Application permissions (token `roles`). */
  roles: string[];
  /** Delegated permissions (token `scp`). */
  scopes: string[];
}

export interface EmulatorRequest extends CallerIdentity {
  method: string;
  /** Path after the version root, e.g. `/external/connections/hr`. */
  path: string;
  version: ApiVersion;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** The query string's options, e.g. `$select`. */
  query: URLSearchParams;
  body: unknown;
  /** Whether this request arrived inside a `$batch`. */
  inBatch: boolean;
  /** The request asked for evolvable enum members (`Prefer: include-unknown-enum-members`). */
  includeUnknownEnumMembers: boolean;
  /**
   * When its operation started (a CostTimer time): the request's arrival plus the network latency. Its
   * service time runs from there. Unset where the start is when it runs, e.g. a `$batch` request that waited
   * for another it depends on.
   */
  startedAt?: number;
}

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type RouteHandler = (request: EmulatorRequest, params: Record<string, string>) => EmulatorResponse | Promise<EmulatorResponse>;

export interface RouteOptions {
  /** Versions that serve this route. @default both */
  versions?: ApiVersion[];
  /** The OData type of the request body, checked (closed types, enums, nullability) before the handler runs. */
  body?: TypeRef;
  /** The OData type of a 2xx answer's body (or of each `value` of a collection), masked for evolvable enums. */
  response?: TypeRef;
  /**
   * Whether a GET honours `$select` (model/odata.ts). @default true for routes with a response type; false where
   * the docs page says the operation supports no OData query parameters (the option is then ignored).
   */
  select?: boolean;
}

export interface Route extends RouteOptions {
  method: string;
  pattern: RegExp;
  handler: RouteHandler;
}

/** Builds a route pattern from `/external/connections/{connectionId}`-style templates. */
export function route(method: string, template: string, handler: RouteHandler, options: RouteOptions = {}): Route {
  const source = template.replace(/[.$()]/g, (c) => `\\${c}`).replace(/\{(\w+)\}/g, "(?<$1>[^/]+)");
  return { method, pattern: new RegExp(`^${source}$`), handler, ...options };
}
