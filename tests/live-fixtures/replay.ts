/**
 * Replays a live fixture (scripts/live/fixture.ts) against an emulator: its seed, then its requests in order,
 * each expected to get the status the tenant gave it (and each `$batch` inner request its own). A GET is sent
 * again, the emulator's clock moved on a second each time, until it answers as recorded: reads may be early or
 * late against a schema operation or a deletion, and "eventually" is what Graph promises there.
 *
 * A fixture recorded from the emulator itself holds the emulator's own answers to the open questions, which are
 * its readings, not evidence: those requests are replayed but not compared unless asked (`compareQuestions`),
 * so a reading can change (docs/open-questions.md) without a recording of it standing in the way. A tenant's
 * fixture is compared in full: there, every status is what Graph said.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { TokenCredential } from "@azure/identity";
import { EMULATOR_CLIENT_ID, EMULATOR_TENANT_ID, GraphEmulator } from "../../emulator";
import { EMULATOR_USER } from "../../emulator/defaults";
import { BatchResponse } from "../../model/batch";
import { CaptureSource, Fixture, FixtureRequest, Identity } from "../../scripts/live/formats";
import { Answer, readAnswer } from "../helpers/answer";

export const FIXTURE_DIR = __dirname;

export function loadFixtures(): Array<{ file: string; fixture: Fixture }> {
  return readdirSync(FIXTURE_DIR)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => ({ file, fixture: JSON.parse(readFileSync(join(FIXTURE_DIR, file), "utf8")) as Fixture }));
}

export interface ReplayOptions {
  credentials: Record<Identity, TokenCredential>;
  /** Compare the requests that ask an open question even in a fixture recorded from the emulator. */
  compareQuestions?: boolean;
  /** How often a GET is sent again before its answer counts as different. @default 120 */
  maxPolls?: number;
}

/** A request whose answer differs from the recording. */
export interface Mismatch {
  index: number;
  step: string;
  request: string;
  recorded: string;
  replayed: string;
}

const MATCH_ANY = /\{\{([A-Za-z0-9]+)\}\}/g;

export async function replayFixture(emulator: GraphEmulator, fixture: Fixture, options: ReplayOptions): Promise<Mismatch[]> {
  const values = new Map<string, string>([
    ["graphRoot", emulator.url],
    ["tenantId", EMULATOR_TENANT_ID],
    ["clientId", EMULATOR_CLIENT_ID],
    ["user", EMULATOR_USER.username],
  ]);
  const fill = (text: string) =>
    text.replace(MATCH_ANY, (_match, name: string) => {
      const value = values.get(name);
      if (value === undefined) throw new Error(`{{${name}}} was not captured before it is used`);
      return value;
    });
  const send = async (
    as: Identity | undefined,
    method: string,
    url: string,
    headers: Record<string, string> = {},
    body?: string,
  ): Promise<Answer> => {
    const sent: Record<string, string> = { ...headers };
    if (body !== undefined) sent["content-type"] = "application/json";
    if (!url.startsWith("/_emulator/"))
      sent.authorization = `Bearer ${(await options.credentials[as ?? "application"].getToken("https://graph.microsoft.com/.default"))!.token}`;
    return readAnswer(await fetch(`${emulator.url}${url}`, { method, headers: sent, body }));
  };
  const capture = (answer: Answer, what: Record<string, CaptureSource> | undefined): string[] => {
    const missing: string[] = [];
    for (const [name, source] of Object.entries(what ?? {})) {
      const body = answer.body as { id?: string; value?: Array<Record<string, unknown>> } | undefined;
      const value =
        source.from === "location"
          ? answer.location?.split("?")[0].split("/").pop()
          : source.from === "body.id"
            ? body?.id
            : (body?.value?.find((item) => (item[source.field] ?? null) === source.equals)?.id as string | undefined);
      if (value === undefined) missing.push(`{{${name}}} (${JSON.stringify(source)})`);
      else values.set(name, value);
    }
    return missing;
  };

  for (const seed of fixture.seed) {
    const answer = await send(seed.as, seed.method, fill(seed.url), {}, seed.body === undefined ? undefined : fill(seed.body));
    if (answer.status >= 400) throw new Error(`seed ${seed.method} ${seed.url} (${seed.why}) answered ${answer.status}: ${answer.text}`);
    capture(answer, seed.capture);
  }

  const mismatches: Mismatch[] = [];
  for (const [index, request] of fixture.requests.entries()) {
    const described = `${request.method} ${request.url}`;
    let url: string;
    let body: string | undefined;
    try {
      url = fill(request.url);
      body = request.body === undefined ? undefined : fill(request.body);
    } catch (error) {
      mismatches.push({
        index,
        step: request.step,
        request: described,
        recorded: String(request.status),
        replayed: `not sent: ${(error as Error).message}`,
      });
      continue;
    }
    const compared = options.compareQuestions || fixture.source === "tenant" || request.question === undefined;
    let answer = await send(request.as, request.method, url, request.headers, body);
    for (let polls = 0; request.until && compared && difference(request, answer) && polls < (options.maxPolls ?? 120); polls++) {
      emulator.advanceClock(1000);
      answer = await send(request.as, request.method, url, request.headers, body);
    }
    const differs = compared ? difference(request, answer) : undefined;
    const missing = capture(answer, request.capture);
    if (differs || missing.length > 0) {
      mismatches.push({
        index,
        step: request.step,
        request: described,
        recorded: recorded(request),
        replayed: differs ?? `${answer.status}, but nothing to capture ${missing.join(", ")}`,
      });
    }
  }
  return mismatches;
}

function recorded(request: FixtureRequest): string {
  const parts = [String(request.status)];
  if (request.until?.body) parts.push(JSON.stringify(request.until.body));
  if (request.batch) parts.push(`batch ${JSON.stringify(request.batch)}`);
  return parts.join(" ");
}

/** How the answer differs from the recording, or undefined. */
function difference(request: FixtureRequest, answer: Answer): string | undefined {
  if (answer.status !== request.status) return `${answer.status}: ${answer.text.slice(0, 400)}`;
  for (const [field, value] of Object.entries(request.until?.body ?? {})) {
    const got = (answer.body as Record<string, unknown> | undefined)?.[field];
    if (got !== value) return `${answer.status} with ${field} '${String(got)}'`;
  }
  if (request.batch) {
    const inner = new Map(
      ((answer.body as { responses?: BatchResponse[] } | undefined)?.responses ?? []).map((response) => [response.id, response.status]),
    );
    const off = Object.entries(request.batch).filter(([id, status]) => inner.get(id) !== status);
    if (off.length > 0)
      return `${answer.status}, inner ${off.map(([id, status]) => `${id}: ${inner.get(id) ?? "no answer"} (recorded ${status})`).join(", ")}`;
  }
  return undefined;
}
