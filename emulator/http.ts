/** The emulator's own request/response shapes, independent of node:http so `$batch` can dispatch inner requests. */

export interface EmulatorRequest {
  method: string;
  /** Path after the version root, e.g. `/external/connections/hr`. */
  path: string;
  version: "v1.0" | "beta";
  headers: Record<string, string>;
  body: unknown;
  /** The calling application (from its token). */
  appId: string;
  /** Its application permissions (token `roles`). */
  roles: string[];
  /** Whether this request arrived inside a `$batch`. */
  inBatch: boolean;
}

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type RouteHandler = (request: EmulatorRequest, params: Record<string, string>) => EmulatorResponse | Promise<EmulatorResponse>;

export interface Route {
  method: string;
  pattern: RegExp;
  handler: RouteHandler;
  /** Versions that serve this route. @default both */
  versions?: Array<"v1.0" | "beta">;
}

/** Builds a route pattern from `/external/connections/{connectionId}`-style templates. */
export function route(method: string, template: string, handler: RouteHandler, versions?: Array<"v1.0" | "beta">): Route {
  const source = template.replace(/[.$]/g, (c) => `\\${c}`).replace(/\{(\w+)\}/g, "(?<$1>[^/]+)");
  return { method, pattern: new RegExp(`^${source}$`), handler, versions };
}
