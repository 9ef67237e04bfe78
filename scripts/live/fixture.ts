/**
 * Turns a live run's transcript into a fixture the emulator's tests replay (tests/live-fixtures/, replayed by
 * tests/integration/liveFixtures.test.ts): the requests in the order the run sent them, each with the status
 * the tenant answered. What differs between the tenant and a fresh emulator is made into placeholders the
 * replay fills in:
 * - the Graph root in bodies (precedence entries, `@odata.id` references) becomes `{{graphRoot}}`, the redacted
 *   tenant and client ids `{{tenantId}}` and `{{clientId}}`;
 * - ids Graph assigned (an operation's Location, a created object's id, an item of a list) become `{{vN}}`,
 *   captured by the replay from its own answers the same way;
 * - objects the tenant held before the run and the run used (its precedence setting, an installed connector, a
 *   connector group) become seed requests that put them into the emulator first.
 * Weather is left out, contract kept: answers 429/503/504 (Graph's load, retried by the client) and attempts
 * that got no answer are dropped, and a GET the run repeated while waiting is one entry that the replay
 * repeats, moving the emulator's clock, until the emulator answers as the tenant finally did.
 */
import { CONNECTOR_GROUPS_PATH, CONNECTORS_PATH } from "../../model/appProxy";
import { BatchResponse } from "../../model/batch";
import { TRANSIENT_STATUSES } from "../../model/limits";
import { PROFILE_PROPERTY_SETTINGS_PATH } from "../../model/people";
import { GraphConnectorsError } from "../../provider/errors";
import {
  CaptureSource,
  Fixture,
  FIXTURE_FORMAT,
  FixtureRequest,
  FixtureSeed,
  RecordedExchange,
  Transcript,
  TRANSCRIPT_FORMAT,
} from "./formats";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The placeholders of the transcript's redaction, and what the replay fills them with. */
const IDENTIFYING: Record<string, string> = { "<tenant-id>": "{{tenantId}}", "<client-id>": "{{clientId}}", "<user>": "{{user}}" };
/** Request headers that change what Graph does; the rest (ids, the redacted token) are the replay's own. */
const KEPT_HEADERS = ["content-type", "prefer"];
/** Body fields that say how far long-running work got: compared where the run waited for them. */
const PROGRESS_FIELDS = ["status", "state"];
/** Fields that pick one item out of a listed collection, most specific first. */
const MATCH_FIELDS = ["sourceId", "machineName", "name", "displayName"];

/** Where a value Graph assigned was first seen: the entry whose answer held it, and how to take it from there. */
interface Origin {
  entry: FixtureRequest;
  source: CaptureSource;
  /** The listed item it is the id of, when it came from a list (a tenant's object unless the run made it). */
  item?: Record<string, unknown>;
  listUrl?: string;
  name?: string;
}

const sameRequest = (a: RecordedExchange, b: RecordedExchange) =>
  a.request.method === "GET" && b.request.method === "GET" && a.request.url === b.request.url && a.as === b.as;

/** One entry per GET the run repeated while waiting (the last answer stands); weather dropped. */
function contractExchanges(transcript: Transcript): Array<{ exchange: RecordedExchange; waited: boolean }> {
  const answered = transcript.exchanges.filter((exchange) => exchange.response && !TRANSIENT_STATUSES.includes(exchange.response.status));
  const merged: Array<{ exchange: RecordedExchange; waited: boolean }> = [];
  for (const exchange of answered) {
    const previous = merged[merged.length - 1];
    if (previous && sameRequest(previous.exchange, exchange)) merged[merged.length - 1] = { exchange, waited: true };
    else merged.push({ exchange, waited: exchange.request.method === "GET" && exchange.waitedMs > 0 });
  }
  return merged;
}

function bodyText(exchange: RecordedExchange): string | undefined {
  if (exchange.request.bodyText !== undefined) return exchange.request.bodyText;
  return exchange.request.body === undefined ? undefined : JSON.stringify(exchange.request.body);
}

function replaceAll(text: string, from: string, to: string): string {
  return from === "" ? text : text.split(from).join(to);
}

function matchOf(item: Record<string, unknown>): { field: string; equals: unknown } {
  if (item.isDefault === true) return { field: "isDefault", equals: true };
  const field = MATCH_FIELDS.find((name) => name in item) ?? "id";
  return { field, equals: item[field] ?? null };
}

/** The ids an answer introduces, with how to capture each. */
function introducedIds(exchange: RecordedExchange): Array<{ value: string; source: CaptureSource; item?: Record<string, unknown> }> {
  const found: Array<{ value: string; source: CaptureSource; item?: Record<string, unknown> }> = [];
  const location = exchange.response?.headers.location;
  const last = location?.split("?")[0].split("/").pop();
  if (last && GUID.test(last)) found.push({ value: last, source: { from: "location" } });
  const body = exchange.response?.body as { id?: unknown; value?: unknown } | undefined;
  if (typeof body?.id === "string" && GUID.test(body.id)) found.push({ value: body.id, source: { from: "body.id" } });
  if (Array.isArray(body?.value)) {
    for (const item of body.value as Array<Record<string, unknown>>) {
      if (item && typeof item.id === "string" && GUID.test(item.id))
        found.push({ value: item.id, source: { from: "body.value", ...matchOf(item) }, item });
    }
  }
  return found;
}

/** The seed requests that put a tenant's listed object into the emulator, capturing its new id as `name`. */
function seedFor(origin: Origin, name: string, graphRoot: string): FixtureSeed[] {
  const item = origin.item!;
  const url = origin.listUrl!.split("?")[0];
  const text = (value: unknown) => replaceAll(JSON.stringify(value), graphRoot, "{{graphRoot}}");
  const capture = { [name]: { from: "body.id" } as CaptureSource };
  if (url.endsWith(PROFILE_PROPERTY_SETTINGS_PATH)) {
    return [
      {
        why: "the tenant's precedence setting as it was before the run",
        method: "POST",
        url,
        body: text({
          name: item.name ?? null,
          displayName: item.displayName ?? null,
          prioritizedSourceUrls: item.prioritizedSourceUrls ?? [],
        }),
        capture,
      },
    ];
  }
  if (url.endsWith(CONNECTORS_PATH)) {
    return [
      {
        why: "the tenant's installed connector agent (Graph cannot create one; the emulator's control API installs it)",
        method: "POST",
        url: "/_emulator/connectors",
        body: text({ machineName: item.machineName, ...(item.version ? { version: item.version } : {}) }),
        capture,
      },
    ];
  }
  if (url.endsWith(CONNECTOR_GROUPS_PATH) || url.endsWith("/memberOf")) {
    return [
      {
        why: "a connector group the tenant had before the run",
        method: "POST",
        url: `/beta${CONNECTOR_GROUPS_PATH}`,
        as: "user",
        body: text({ name: item.name, ...(item.region ? { region: item.region } : {}) }),
        capture,
      },
    ];
  }
  throw new GraphConnectorsError(
    `the run used '${String(item.id)}' from ${url}, an object the tenant had before the run, and no seed is known for that collection`,
  );
}

export interface FixtureOptions {
  name: string;
  /** The transcript's file name, recorded as where the fixture came from. */
  from: string;
}

export function toFixture(transcript: Transcript, options: FixtureOptions): Fixture {
  if (transcript.format !== TRANSCRIPT_FORMAT)
    throw new GraphConnectorsError(`not a live transcript (format '${String(transcript.format)}', expected '${TRANSCRIPT_FORMAT}')`);
  const origins = new Map<string, Origin>();
  const seeds: FixtureSeed[] = [];
  const sentBefore = new Set<string>();
  /** Per group id, the memberOf URL of the connector the run first saw in it: the connector's place before the run. */
  const memberships = new Map<string, string>();
  let named = 0;
  const requests: FixtureRequest[] = [];

  for (const { exchange, waited } of contractExchanges(transcript)) {
    let url = exchange.request.url;
    let body = bodyText(exchange);
    // Each id Graph assigned earlier that this request names: captured where it was first seen, filled in here.
    for (const [value, origin] of origins) {
      if (!url.includes(value) && !body?.includes(value)) continue;
      if (!origin.name) {
        origin.name = `v${++named}`;
        // First seen in a list (not in the answer to the run's own create): the tenant had it before the run.
        if (origin.item && origin.item.isDefault !== true) {
          seeds.push(...seedFor(origin, origin.name, transcript.graphRoot));
          // A group a seeded connector was in before the run: the connector goes back into it.
          const member = memberships.get(value);
          if (member) {
            seeds.push({
              why: "the connector in the group it was in before the run",
              method: "POST",
              url: `${member}/$ref`,
              as: "user",
              body: JSON.stringify({ "@odata.id": `{{graphRoot}}/beta${CONNECTOR_GROUPS_PATH}/{{${origin.name}}}` }),
            });
          }
        }
        origin.entry.capture = { ...origin.entry.capture, [origin.name]: origin.source };
      }
      url = replaceAll(url, value, `{{${origin.name}}}`);
      body = body === undefined ? undefined : replaceAll(body, value, `{{${origin.name}}}`);
    }
    if (body !== undefined) {
      body = replaceAll(body, transcript.graphRoot, "{{graphRoot}}");
      for (const [placeholder, fill] of Object.entries(IDENTIFYING)) body = replaceAll(body, placeholder, fill);
    }
    for (const part of [exchange.request.url, bodyText(exchange) ?? ""])
      for (const match of part.match(/[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}/gi) ?? []) sentBefore.add(match);

    const response = exchange.response!;
    const headers = Object.fromEntries(Object.entries(exchange.request.headers).filter(([header]) => KEPT_HEADERS.includes(header)));
    const entry: FixtureRequest = {
      step: exchange.step,
      ...(exchange.question ? { question: exchange.question } : {}),
      as: exchange.as,
      method: exchange.request.method,
      url,
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      ...(body !== undefined ? { body } : {}),
      status: response.status,
    };
    const inner = (response.body as { responses?: BatchResponse[] } | undefined)?.responses;
    if (url.endsWith("/$batch") && Array.isArray(inner)) {
      entry.batch = Object.fromEntries(
        inner.filter((answer) => !TRANSIENT_STATUSES.includes(answer.status)).map((answer) => [answer.id, answer.status]),
      );
    }
    if (exchange.request.method === "GET") {
      const answered = (
        waited && response.status < 300 && response.body && typeof response.body === "object" ? response.body : {}
      ) as Record<string, unknown>;
      const progress = Object.fromEntries(
        PROGRESS_FIELDS.filter((field) => typeof answered[field] === "string").map((field) => [field, answered[field]]),
      );
      entry.until = Object.keys(progress).length > 0 ? { body: progress } : {};
    }
    requests.push(entry);
    const group = (response.body as { value?: Array<{ id?: unknown }> } | undefined)?.value?.[0]?.id;
    if (
      exchange.request.method === "GET" &&
      url.endsWith("/memberOf") &&
      typeof group === "string" &&
      ![...memberships.values()].includes(url)
    )
      memberships.set(group, url);
    for (const introduced of introducedIds(exchange)) {
      if (origins.has(introduced.value) || sentBefore.has(introduced.value)) continue;
      origins.set(introduced.value, {
        entry,
        source: introduced.source,
        item: introduced.item,
        listUrl: introduced.item ? url : undefined,
      });
    }
  }

  return {
    format: FIXTURE_FORMAT,
    name: options.name,
    source: transcript.source,
    recordedAt: transcript.startedAt,
    from: options.from,
    description:
      `The live contract run ${transcript.prefix} against ${transcript.source === "tenant" ? `a tenant (${transcript.environment})` : "the emulator"}: ` +
      `${requests.length} requests in the order the run sent them, each with the status it got.`,
    seed: seeds,
    requests,
  };
}
