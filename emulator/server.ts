/**
 * The Graph emulator: Microsoft Graph's connector surface and an Entra token endpoint over HTTPS, with a
 * test-control API.
 *
 * A request goes through named steps, always in this order (as Azurite's request pipeline):
 *   1. log       the request is read and counted; it is logged once answered (status 0 when its connection is dropped);
 *   2. latency   a Graph request waits out the network latency (`latencyMs`); its service time starts after it;
 *   3. fault     the first matching fault rule (faults.ts) may delay the request, answer for it, or drop its
 *                connection, before or after it is handled (Graph and Entra requests; the control API has none);
 *   4. route     to the control API (`/_emulator/`, admin.ts), to Entra (entra.ts), or to Graph (`/v1.0`, `/beta`):
 *   5. auth      Graph's bearer token, as Entra issued it;
 *   6. parse     Graph's JSON body;
 *   7. dispatch  the route's checks and handler (dispatch.ts), held by the cost model for its service time; a
 *                `$batch` takes each inner request through the fault and dispatch steps itself;
 *   8. write     the answer, with the caller's `client-request-id`.
 *
 * Its test-control methods (reset, clearRequests, setLatency, setTimings, failSchemaOperations, addFaults,
 * installConnector, publishApplication, …) are what the control API calls, and what tests in this process call
 * instead of touching the tenant's data; `store` reads the tenant as Graph holds it now.
 */
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
import { CostModel, EmulatorStats } from "./costModel";
import { CostTimer, realCostTimer } from "./costTimer";
import { ControlError } from "./controlError";
import { FaultQueue, FaultRule } from "./faults";
import { errorForStatus, errors, graphError, withClientRequestId } from "./graphErrors";
import { appProxyRoutes } from "./handlers/appProxy";
import { batchRoutes } from "./handlers/batch";
import { connectionRoutes } from "./handlers/connections";
import { groupRoutes } from "./handlers/groups";
import { peopleRoutes } from "./handlers/people";
import { schemaRoutes } from "./handlers/schema";
import { CallerIdentity, EmulatorRequest, EmulatorResponse, Route } from "./http";
import { BATCH_PATH } from "../model/batch";
import { CloudName, CLOUDS, graphAudiences } from "../model/clouds";
import { prefersUnknownEnumMembers } from "../model/enums";
import { ConnectorRecord, ProfilePropertySettingRecord, PublishedApplicationRecord, StoreTimings, TenantStore } from "./store";
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

/** A request on its way through the pipeline (see the top of this file). */
interface Exchange {
  method: string;
  /** The URL path, e.g. `/v1.0/external/connections`. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  text: string;
  /** Which door it came in by: the control API, Entra, or Graph (with its version and the path under it). */
  area: { kind: "admin" } | { kind: "entra" } | { kind: "graph"; version: EmulatorRequest["version"]; path: string };
  /** For Graph: when its operation starts (the arrival plus latency and any injected delay), a CostTimer time. */
  startedAt?: number;
  fault?: FaultRule;
}

/** A connector agent's own report, or what an admin changed in the Entra admin center. */
export interface ConnectorChange {
  status?: ConnectorRecord["status"];
  /** The connector group it is in now. */
  groupId?: string;
}

/** A local Microsoft Graph (connectors surface) plus an Entra token endpoint, served over HTTPS. */
export class GraphEmulator {
  private readonly clock = new EmulatorClock();
  /** The tenant's data; its reads settle time-based changes (schema operations, deletions) against the clock. */
  readonly store: TenantStore;
  /** Service times, Graph's throttling limits and the counts `GET /_emulator/stats` reports. */
  private readonly costs: CostModel;
  readonly entra: EntraEmulator;
  readonly tenantId: string;
  private readonly faults = new FaultQueue();
  private readonly logged: LoggedRequest[] = [];
  private latencyMs: number;
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
    this.costs = new CostModel({
      timer: this.timer,
      opMs: options.opMs,
      concurrencyLimit: options.concurrencyLimit,
      groupRequestsPerSecond: options.groupRequestsPerSecond,
    });
    this.store = new TenantStore(
      { schemaProvisioningMs: options.schemaProvisioningMs ?? 3000, deletionMs: options.deletionMs ?? 1000 },
      () => this.clock.now(),
    );
    const audiences = (options.graphClouds ?? (Object.keys(CLOUDS) as CloudName[])).flatMap(graphAudiences);
    this.entra = new EntraEmulator(
      this.tenantId,
      options.apps ?? DEFAULT_APPS,
      options.users ?? [EMULATOR_USER],
      () => this.clock.now(),
      () => this.url,
      audiences,
    );
    const ctx: EmulatorContext = { store: this.store, baseUrl: () => this.url };
    this.routes = [
      ...connectionRoutes(ctx),
      ...schemaRoutes(ctx),
      ...groupRoutes(ctx),
      ...appProxyRoutes(ctx),
      ...peopleRoutes(ctx),
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
      warn(
        this.options.adminToken
          ? "The /_emulator/ control API requires the bearer token given in EMULATOR_ADMIN_TOKEN."
          : `The /_emulator/ control API requires: Authorization: Bearer ${this.adminToken}`,
      );
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

  // Test control: what the control API (admin.ts) calls, and tests in this process.

  /** Forgets all tenant data, faults, logged requests and counts. */
  reset(): void {
    this.store.clear();
    this.faults.clear();
    this.clearRequests();
    this.costs.reset();
  }

  /** The requests answered so far (inner `$batch` requests each on their own), oldest first. */
  requests(): readonly LoggedRequest[] {
    return this.logged;
  }

  /** Forgets the requests logged so far, so a test asserts the sequence of what follows. */
  clearRequests(): void {
    this.logged.length = 0;
  }

  /** Logged requests as `METHOD /path STATUS` lines, optionally only those matching `filter`. */
  requestLog(filter?: RegExp): string[] {
    return this.logged
      .map((entry) => `${entry.method} ${entry.path} ${entry.status}${entry.inBatch ? " (batch)" : ""}`)
      .filter((line) => !filter || filter.test(line));
  }

  /** Added to every Graph request from now on, as a network round trip would. */
  setLatency(latencyMs: number): void {
    this.latencyMs = latencyMs;
  }

  /** How long schema operations run and deleted connections stay visible, from now on. */
  setTimings(timings: Partial<StoreTimings>): void {
    this.store.setTimings(timings);
  }

  /** The next `times` schema operations fail with `message`. */
  failSchemaOperations(times = 1, message = "Server error, something went wrong"): void {
    this.store.failSchemaOperations(Array.from({ length: times }, () => message));
  }

  /** Adds fault rules, all or none (an invalid one throws FaultRuleError). */
  addFaults(...rules: FaultRule[]): void {
    this.faults.add(...rules);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Fault rules still waiting to apply. */
  pendingFaults(): number {
    return this.faults.pending();
  }

  /** The emulator's time (wall time plus every advance), in ms since the epoch. */
  now(): number {
    return this.clock.now();
  }

  /** Moves the emulator's time on: schema operations complete, deletions finish, tokens expire. */
  advanceClock(ms: number): void {
    this.clock.advance(ms);
  }

  stats(): EmulatorStats {
    return this.costs.stats;
  }

  resetStats(): void {
    this.costs.reset();
  }

  /** The tenant as Graph holds it now, as JSON. */
  state(): unknown {
    return this.store.snapshot();
  }

  /** What installing the connector agent on a server does (Graph cannot create connectors): it registers itself into the default group. */
  installConnector(agent: {
    machineName: string;
    externalIp?: string;
    status?: ConnectorRecord["status"];
    version?: string;
  }): ConnectorRecord {
    return this.store.installConnector(agent);
  }

  /** What the agent reports of itself (its status), or an admin changes in the Entra admin center (its group). */
  changeConnector(id: string, change: ConnectorChange): ConnectorRecord {
    const connector = this.store.connectors.get(id);
    if (!connector) throw new ControlError(`no connector '${id}' is installed`);
    if (change.status !== undefined) connector.status = change.status;
    if (change.groupId !== undefined) connector.groupId = change.groupId;
    return connector;
  }

  /** What publishing an on-premises application through Application Proxy does: it is assigned to a connector group. */
  publishApplication(app: { displayName: string; connectorGroupId: string }): PublishedApplicationRecord {
    return this.store.publishApplication(app);
  }

  /** What removing a published application does: its connector group holds it no more. */
  unpublishApplication(id: string): void {
    this.store.applications.delete(id);
  }

  /**
   * What Graph shows of a connection after changes of its own that no API of the emulator makes: items ingested
   * (`ingestedItemsCount`), a flag list written in another order.
   */
  changeConnection(id: string, fields: Record<string, unknown>): void {
    const connection = this.store.connection(id);
    if (!connection) throw new ControlError(`no connection '${id}'`);
    Object.assign(connection.entity, fields);
  }

  /**
   * A profile property setting written by another writer, as it is (`id` included): a tenant Graph's own API
   * could not make, such as two settings without a name, or another writer's setting appearing between two requests.
   */
  putProfilePropertySetting(setting: ProfilePropertySettingRecord): void {
    this.store.profilePropertySettings.set(setting.id, setting);
  }

  /** Profile property settings removed by another writer: those of `ids`, or every one. */
  removeProfilePropertySettings(ids?: string[]): void {
    if (!ids) this.store.profilePropertySettings.clear();
    for (const id of ids ?? []) this.store.profilePropertySettings.delete(id);
  }

  // The request pipeline, step by step (see the top of this file).

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const exchange = await this.receive(req);
    await this.latency(exchange);
    if ((await this.fault(exchange)) === "dropped") return this.drop(req, exchange);
    const response = await this.route(exchange);
    // The work is done but its answer is lost on the way back.
    if (exchange.fault?.reset) return this.drop(req, exchange);
    if (exchange.area.kind === "graph") this.log({ method: exchange.method, path: exchange.path, status: response.status, inBatch: false });
    this.write(res, response, exchange.headers["client-request-id"]);
  }

  /** Step 1, log: the request read and sorted by the door it came in by; a Graph request is counted. */
  private async receive(req: IncomingMessage): Promise<Exchange> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "https://emulator");
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : String(value ?? "")]),
    );
    const version = /^\/(v1\.0|beta)(\/.*)$/.exec(url.pathname);
    const area: Exchange["area"] = url.pathname.startsWith("/_emulator/")
      ? { kind: "admin" }
      : version
        ? { kind: "graph", version: version[1] as EmulatorRequest["version"], path: version[2] }
        : { kind: "entra" };
    if (area.kind === "graph") this.costs.countRequest();
    return {
      method: (req.method ?? "GET").toUpperCase(),
      path: url.pathname,
      query: url.searchParams,
      headers,
      text: Buffer.concat(chunks).toString("utf8"),
      area,
    };
  }

  /** Step 2, latency: the operation starts once the request has crossed the network; its service time is charged from there. */
  private async latency(exchange: Exchange): Promise<void> {
    if (exchange.area.kind !== "graph") return;
    exchange.startedAt = this.timer.now() + this.latencyMs;
    if (this.latencyMs > 0) await this.timer.until(exchange.startedAt);
  }

  /** Step 3, fault: the first matching rule's delay; "dropped" when it drops the connection before the request is handled. */
  private async fault(exchange: Exchange): Promise<"dropped" | undefined> {
    if (exchange.area.kind === "admin") return undefined;
    const fault = this.faults.take(exchange.method, exchange.path);
    exchange.fault = fault;
    if (fault?.delayMs) {
      exchange.startedAt = this.timer.now() + fault.delayMs;
      await this.timer.until(exchange.startedAt);
    }
    return fault?.reset && !fault.afterHandling ? "dropped" : undefined;
  }

  /** Step 4, route: the control API, Entra or Graph; a fault's status stands in for the answer before or after the work. */
  private async route(exchange: Exchange): Promise<EmulatorResponse> {
    const { area, fault } = exchange;
    if (area.kind === "admin") {
      const authorized = !this.adminToken || exchange.headers.authorization === `Bearer ${this.adminToken}`;
      return authorized
        ? adminRequest(this, exchange.method, exchange.path, exchange.text)
        : errors.unauthenticated("The emulator's control API needs its bearer token.");
    }
    if (fault?.status && !fault.afterHandling) return this.faultResponse(fault);
    if (area.kind === "entra")
      return (
        this.entra.handle(exchange.method, exchange.path, exchange.text) ?? graphError(404, "notFound", `No route for ${exchange.path}.`)
      );
    const response = await this.graph(exchange, area);
    return fault?.status ? this.faultResponse(fault) : response;
  }

  /** Steps 5 to 7 for a Graph request: auth, parse, dispatch. */
  private async graph(exchange: Exchange, area: { version: EmulatorRequest["version"]; path: string }): Promise<EmulatorResponse> {
    const caller = this.authenticate(exchange.headers);
    if ("refused" in caller) return caller.refused;
    const body = this.parse(exchange);
    if ("refused" in body) return body.refused;
    const request: EmulatorRequest = {
      method: exchange.method,
      path: area.path,
      version: area.version,
      headers: exchange.headers,
      query: exchange.query,
      body: body.value,
      ...caller.identity,
      inBatch: false,
      includeUnknownEnumMembers: prefersUnknownEnumMembers(exchange.headers.prefer),
      startedAt: exchange.startedAt,
    };
    return this.dispatchRequest(request);
  }

  /** Step 5, auth: the caller as Entra's token names it. */
  private authenticate(headers: Record<string, string>): { identity: CallerIdentity } | { refused: EmulatorResponse } {
    const check = this.entra.validate(headers.authorization);
    if ("refused" in check) return { refused: errors.unauthenticated(check.refused) };
    const { appId, kind, roles, scopes } = check.token;
    return { identity: { appId, kind, roles, scopes } };
  }

  /** Step 6, parse: the JSON body, if any. */
  private parse(exchange: Exchange): { value: unknown } | { refused: EmulatorResponse } {
    if (exchange.text === "") return { value: undefined };
    if (!/application\/json/i.test(exchange.headers["content-type"] ?? ""))
      return { refused: graphError(415, "UnsupportedMediaType", "Content-Type must be application/json.") };
    const parsed = parseRequestJson(exchange.text);
    return parsed ? { value: parsed.value } : { refused: errors.invalidRequest("The request body is not valid JSON.") };
  }

  /** Step 7, dispatch: a `$batch` is a container whose inner requests are the operations (dispatchWithFaults). */
  private dispatchRequest(request: EmulatorRequest): Promise<EmulatorResponse> {
    return request.path === BATCH_PATH
      ? dispatch(this.routes, request, this.url)
      : this.costs.operate(request, prepare(this.routes, request, this.url));
  }

  /** Inner `$batch` requests: matched against faults and logged on their own, like top-level ones. */
  private async dispatchWithFaults(request: EmulatorRequest, fullPath: string): Promise<EmulatorResponse> {
    const fault = this.faults.take(request.method, fullPath);
    let response =
      fault?.status && !fault.afterHandling ? this.faultResponse(fault) : await this.costs.operate(request, this.prepare(request));
    if (fault?.status && fault.afterHandling) response = this.faultResponse(fault);
    this.log({ method: request.method, path: fullPath, status: response.status, inBatch: true });
    return response;
  }

  /** An operation checked on arrival, to run once the cost model has held it for its service time. */
  private prepare(request: EmulatorRequest): PreparedRequest {
    return prepare(this.routes, request, this.url);
  }

  private faultResponse(fault: FaultRule): EmulatorResponse {
    // A success status stands for another documented answer (e.g. the twin page's 204): no error body.
    if (fault.status! < 400) return { status: fault.status!, headers: { ...fault.headers }, body: fault.body };
    const base = errorForStatus(fault.status!, fault.retryAfterSeconds);
    return { status: fault.status!, headers: { ...base.headers, ...fault.headers }, body: fault.body ?? base.body };
  }

  /** A connection dropped by a fault: logged with status 0, no answer. */
  private drop(req: IncomingMessage, exchange: Exchange): void {
    this.log({ method: exchange.method, path: exchange.path, status: 0, inBatch: false });
    req.socket.destroy();
  }

  private log(entry: LoggedRequest): void {
    this.logged.push(entry);
    this.options.onRequest?.(entry);
  }

  /** Step 8, write. */
  private write(res: ServerResponse, answer: EmulatorResponse, clientRequestId?: string): void {
    const response = withClientRequestId(answer, clientRequestId);
    const headers: Record<string, string> = { ...response.headers };
    if (response.body !== undefined) headers["content-type"] = "application/json; charset=utf-8";
    res.writeHead(response.status, headers);
    res.end(response.body === undefined ? undefined : JSON.stringify(response.body));
  }
}
