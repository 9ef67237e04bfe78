import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import * as https from "node:https";
import { IncomingMessage, ServerResponse } from "node:http";
import { AddressInfo } from "node:net";
import { adminRequest } from "./admin";
import { EmulatorClock } from "./clock";
import { EmulatorContext } from "./context";
import { AppRegistration, DEFAULT_APPS, EMULATOR_TENANT_ID, EMULATOR_USER, UserAccount } from "./defaults";
import { dispatch, prepare, PreparedRequest } from "./dispatch";
import { EntraEmulator } from "./entra";
import { CostModel } from "./costModel";
import { CostTimer, realCostTimer } from "./costTimer";
import { FaultQueue, FaultRule } from "./faults";
import { errorForStatus, errors, graphError, withClientRequestId } from "./graphErrors";
import { appProxyRoutes } from "./handlers/appProxy";
import { batchRoutes } from "./handlers/batch";
import { connectionRoutes } from "./handlers/connections";
import { groupRoutes } from "./handlers/groups";
import { peopleRoutes } from "./handlers/people";
import { schemaRoutes } from "./handlers/schema";
import { EmulatorRequest, EmulatorResponse, Route } from "./http";
import { BATCH_PATH } from "../model/batch";
import { CloudName, CLOUDS, graphAudiences } from "../model/clouds";
import { prefersUnknownEnumMembers } from "../model/enums";
import { TenantStore } from "./store";
import { loadTls } from "./tls";
import { parseRequestJson } from "./requestJson";

export interface EmulatorOptions {
  /** @default 0 (any free port) */
  port?: number;
  /** @default "127.0.0.1" */
  host?: string;
  tenantId?: string;
  apps?: AppRegistration[];
  /** Users who can get delegated tokens with the password grant. @default [EMULATOR_USER] */
  users?: UserAccount[];
  /** How long schema operations run. @default 3000 (the real service takes 5-15 minutes) */
  schemaProvisioningMs?: number;
  /** How long a deleted connection stays visible. @default 1000 */
  deletionMs?: number;
  /** Added to every Graph request, to benchmark against realistic round trips. @default 0 */
  latencyMs?: number;
  /** Service time of each operation (inner `$batch` requests each take it, concurrently). @default 0; the CLI uses 30 */
  opMs?: number;
  /** Where latency, service times and injected delays are waited out; tests pass one that records. @default realCostTimer */
  timer?: CostTimer;
  /** Concurrent operations one app may run on one connection before 429. @default 25 (model/limits.ts) */
  concurrencyLimit?: number;
  /** Group and member requests per second one app may make before 429. @default 1000 (model/limits.ts) */
  groupRequestsPerSecond?: number;
  /**
   * Required as `Authorization: Bearer <token>` on the test-control API. Always required when the emulator listens
   * on anything but loopback (a random one is made when none is given). @default none on loopback
   */
  adminToken?: string;
  /**
   * The national clouds whose Graph the emulator stands in for: it accepts a token issued for any of their Graph
   * audiences (model/clouds.ts), as the one Graph host of the cloud a client is configured for would. A real
   * host accepts its own cloud's audience only; name one cloud here to hold clients to it.
   * @default every cloud with the connector APIs: global, usgov, usgovdod
   */
  graphClouds?: CloudName[];
  /** Where start-up warnings go. @default stderr */
  warn?: (line: string) => void;
  /** Told about every Graph request once answered (inner `$batch` requests too), e.g. to print a log. */
  onRequest?: (entry: LoggedRequest) => void;
}

export interface LoggedRequest {
  method: string;
  /** Path with version, e.g. `/v1.0/external/connections`. */
  path: string;
  /** 0 when the connection was reset. */
  status: number;
  inBatch: boolean;
}

/** 127.0.0.0/8, ::1 and localhost: addresses only this machine can reach. */
function isLoopback(host: string): boolean {
  if (host === "localhost" || host === "::1") return true;
  return isIP(host) === 4 && host.startsWith("127.");
}

/** A local Microsoft Graph (connectors surface) plus an Entra token endpoint, served over HTTPS. */
export class GraphEmulator {
  readonly clock = new EmulatorClock();
  readonly store: TenantStore;
  readonly faults = new FaultQueue();
  /** Service times, Graph's throttling limits and the counts `GET /_emulator/stats` reports. */
  readonly costs: CostModel;
  readonly entra: EntraEmulator;
  readonly requests: LoggedRequest[] = [];
  readonly tenantId: string;
  latencyMs: number;
  private readonly timer: CostTimer;
  private server?: https.Server;
  private readonly routes: Route[];
  private address = "";
  private adminToken?: string;
  /** Where the server really listens, e.g. `0.0.0.0:8443` (the base URL names a reachable loopback address). */
  listenAddress = "";

  constructor(private readonly options: EmulatorOptions = {}) {
    this.tenantId = options.tenantId ?? EMULATOR_TENANT_ID;
    this.latencyMs = options.latencyMs ?? 0;
    this.timer = options.timer ?? realCostTimer;
    this.costs = new CostModel({ timer: this.timer, opMs: options.opMs, concurrencyLimit: options.concurrencyLimit, groupRequestsPerSecond: options.groupRequestsPerSecond });
    this.store = new TenantStore({ schemaProvisioningMs: options.schemaProvisioningMs ?? 3000, deletionMs: options.deletionMs ?? 1000 });
    const audiences = (options.graphClouds ?? (Object.keys(CLOUDS) as CloudName[])).flatMap(graphAudiences);
    this.entra = new EntraEmulator(this.tenantId, options.apps ?? DEFAULT_APPS, options.users ?? [EMULATOR_USER], () => this.clock.now(), () => this.url, audiences);
    const ctx: EmulatorContext = { store: this.store, clock: this.clock, baseUrl: () => this.url };
    this.routes = [
      ...connectionRoutes(ctx), ...schemaRoutes(ctx), ...groupRoutes(ctx), ...appProxyRoutes(ctx), ...peopleRoutes(ctx),
      ...batchRoutes((request, fullPath) => this.dispatchWithFaults(request, fullPath)),
    ];
  }

  /** The base URL, e.g. `https://127.0.0.1:41234`; Graph lives under /v1.0 and /beta, Entra at the root. */
  get url(): string {
    return this.address;
  }

  async start(): Promise<string> {
    const tls = loadTls();
    const server = https.createServer({ key: tls.key, cert: tls.cert, keepAlive: true }, (req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) this.write(res, graphError(500, "generalException", String(error)));
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.options.port ?? 0, this.options.host ?? "127.0.0.1", () => resolve());
    });
    this.server = server;
    const { port } = server.address() as AddressInfo;
    const bound = this.options.host ?? "127.0.0.1";
    this.listenAddress = `${bound.includes(":") ? `[${bound}]` : bound}:${port}`;
    const host = bound !== "127.0.0.1" && bound !== "0.0.0.0" ? bound : "127.0.0.1";
    this.address = `https://${host.includes(":") ? `[${host}]` : host}:${port}`;
    this.adminToken = this.options.adminToken;
    if (!isLoopback(bound)) {
      // Anyone who reaches the port could rewrite tenant state and inject faults: the control API needs a token.
      this.adminToken ??= randomBytes(24).toString("base64url");
      const warn = this.options.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
      warn(`WARNING: the Graph emulator listens on ${this.listenAddress}, beyond loopback; it is a test double with a published secret.`);
      warn(this.options.adminToken ? "The /_emulator/ control API requires the bearer token given in EMULATOR_ADMIN_TOKEN."
        : `The /_emulator/ control API requires: Authorization: Bearer ${this.adminToken}`);
    }
    return this.address;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Forgets all tenant data, faults and logged requests. */
  reset(): void {
    this.store.clear();
    this.faults.clear();
    this.requests.length = 0;
    this.costs.reset();
  }

  /** Logged requests as `METHOD /path STATUS` lines, optionally only those matching `filter`. */
  requestLog(filter?: RegExp): string[] {
    return this.requests
      .map((entry) => `${entry.method} ${entry.path} ${entry.status}${entry.inBatch ? " (batch)" : ""}`)
      .filter((line) => !filter || filter.test(line));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "https://emulator");
    const method = (req.method ?? "GET").toUpperCase();
    const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : String(value ?? "")]));
    if (url.pathname.startsWith("/_emulator/")) {
      const authorized = !this.adminToken || headers.authorization === `Bearer ${this.adminToken}`;
      return this.write(res, authorized ? adminRequest(this, method, url.pathname, text) : errors.unauthenticated("The emulator's control API needs its bearer token."));
    }

    const version = /^\/(v1\.0|beta)(\/.*)$/.exec(url.pathname);
    if (version) this.costs.countRequest();
    // The operation starts once the request has crossed the network; its service time is charged from there.
    let startedAt = version ? this.timer.now() + this.latencyMs : undefined;
    if (startedAt !== undefined && this.latencyMs > 0) await this.timer.until(startedAt);
    const fault = this.faults.take(method, url.pathname);
    if (fault?.delayMs) {
      startedAt = this.timer.now() + fault.delayMs;
      await this.timer.until(startedAt);
    }
    const dropConnection = () => {
      this.log({ method, path: url.pathname, status: 0, inBatch: false });
      req.socket.destroy();
    };
    if (fault?.reset && !fault.afterHandling) return dropConnection();
    let response: EmulatorResponse;
    if (fault?.status && !fault.afterHandling) response = this.faultResponse(fault);
    else if (!version) response = this.entra.handle(method, url.pathname, text) ?? graphError(404, "notFound", `No route for ${url.pathname}.`);
    else {
      response = await this.graph(method, version[1] as EmulatorRequest["version"], version[2], url.searchParams, headers, text, startedAt);
      if (fault?.status) response = this.faultResponse(fault);
    }
    // The work is done but its answer is lost on the way back.
    if (fault?.reset) return dropConnection();
    if (version) this.log({ method, path: url.pathname, status: response.status, inBatch: false });
    this.write(res, response, headers["client-request-id"]);
  }

  private log(entry: LoggedRequest): void {
    this.requests.push(entry);
    this.options.onRequest?.(entry);
  }

  private faultResponse(fault: FaultRule): EmulatorResponse {
    // A success status stands for another documented answer (e.g. the twin page's 204): no error body.
    if (fault.status! < 400) return { status: fault.status!, headers: { ...fault.headers }, body: fault.body };
    const base = errorForStatus(fault.status!, fault.retryAfterSeconds);
    return { status: fault.status!, headers: { ...base.headers, ...fault.headers }, body: fault.body ?? base.body };
  }

  private async graph(method: string, version: EmulatorRequest["version"], path: string, query: URLSearchParams, headers: Record<string, string>, text: string, startedAt?: number): Promise<EmulatorResponse> {
    const check = this.entra.validate(headers.authorization);
    if ("refused" in check) return errors.unauthenticated(check.refused);
    const { appId, kind, roles, scopes } = check.token;
    let body: unknown;
    if (text !== "") {
      if (!/application\/json/i.test(headers["content-type"] ?? "")) return graphError(415, "UnsupportedMediaType", "Content-Type must be application/json.");
      const parsed = parseRequestJson(text);
      if (!parsed) return errors.invalidRequest("The request body is not valid JSON.");
      body = parsed.value;
    }
    const request: EmulatorRequest = {
      method, path, version, headers, query, body, appId, kind, roles, scopes, inBatch: false, includeUnknownEnumMembers: prefersUnknownEnumMembers(headers.prefer), startedAt,
    };
    // A $batch is a container: its inner requests are the operations (dispatchWithFaults).
    return path === BATCH_PATH ? this.dispatch(request) : this.costs.operate(request, this.prepare(request));
  }

  /** Inner `$batch` requests: matched against faults and logged on their own, like top-level ones. */
  private async dispatchWithFaults(request: EmulatorRequest, fullPath: string): Promise<EmulatorResponse> {
    const fault = this.faults.take(request.method, fullPath);
    let response = fault?.status && !fault.afterHandling ? this.faultResponse(fault) : await this.costs.operate(request, this.prepare(request));
    if (fault?.status && fault.afterHandling) response = this.faultResponse(fault);
    this.log({ method: request.method, path: fullPath, status: response.status, inBatch: true });
    return response;
  }

  private dispatch(request: EmulatorRequest): Promise<EmulatorResponse> {
    return dispatch(this.routes, request, this.url);
  }

  /** An operation checked on arrival, to run once the cost model has held it for its service time. */
  private prepare(request: EmulatorRequest): PreparedRequest {
    return prepare(this.routes, request, this.url);
  }

  private write(res: ServerResponse, answer: EmulatorResponse, clientRequestId?: string): void {
    const response = withClientRequestId(answer, clientRequestId);
    const headers: Record<string, string> = { ...response.headers };
    if (response.body !== undefined) headers["content-type"] = "application/json; charset=utf-8";
    res.writeHead(response.status, headers);
    res.end(response.body === undefined ? undefined : JSON.stringify(response.body));
  }
}
