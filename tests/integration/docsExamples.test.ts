/**
 * The docs' own request examples (tests/docs-examples/*.json), replayed verbatim against the emulator: each gets
 * the status its page documents, or the written exception its entry gives. A fresh tenant per file; the examples
 * of a file run in order, so the objects they name exist.
 */
import { TokenCredential } from "@azure/identity";
import { GraphEmulator } from "../../emulator";
import { CaptureSource, DocsExample, filled, loadCorpus, SetupRequest } from "../docs-examples/corpus";
import { Answer, readAnswer } from "../helpers/answer";
import { delegatedCredential, emulatorCredential } from "../helpers/harness";

const GRAPH_ROOT = "https://graph.microsoft.com";
// Graph assigns request lengths itself; a sample's Content-length describes the sample, not the replayed body.
const NOT_REPLAYED = new Set(["content-length"]);

async function send(
  emulator: GraphEmulator,
  credential: TokenCredential,
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Answer> {
  const target = url.startsWith("/_emulator/") ? `${emulator.url}${url}` : url.replace(GRAPH_ROOT, emulator.url);
  const token = await credential.getToken("https://graph.microsoft.com/.default");
  const sent = Object.fromEntries(Object.entries(headers).filter(([name]) => !NOT_REPLAYED.has(name.toLowerCase())));
  return readAnswer(await fetch(target, { method, headers: { ...sent, authorization: `Bearer ${token!.token}` }, body }));
}

function capture(into: Map<string, string>, answer: Answer, what: Record<string, CaptureSource> | undefined): void {
  for (const [name, source] of Object.entries(what ?? {})) {
    const value = source === "location" ? answer.location?.split("/").pop() : (answer.body as { id?: string } | undefined)?.id;
    if (!value) throw new Error(`could not capture '${name}' from the ${source} of an answer ${answer.status}: ${answer.text}`);
    into.set(name, value);
  }
}

async function setUp(
  emulator: GraphEmulator,
  credential: TokenCredential,
  captured: Map<string, string>,
  step: SetupRequest,
): Promise<void> {
  const answer = await send(
    emulator,
    credential,
    step.method,
    filled(step.url, captured),
    step.body ? { "Content-Type": "application/json" } : {},
    step.body,
  );
  if (answer.status >= 400) throw new Error(`set-up ${step.method} ${step.url} (${step.why}) answered ${answer.status}: ${answer.text}`);
  capture(captured, answer, step.capture);
}

function title(example: DocsExample): string {
  const page = example.page.replace(/^api-reference\//, "");
  const expected = example.exception ? `${example.exception.status} (written exception)` : String(example.status);
  return `${example.method} ${example.name} (${page}) answers ${expected}`;
}

for (const corpus of loadCorpus()) {
  describe(`${corpus.file}: ${corpus.title}`, () => {
    // Schema operations complete at once and deletions are immediate, so an example never waits on the one before.
    const emulator = new GraphEmulator({ schemaProvisioningMs: 0, deletionMs: 0 });
    const captured = new Map<string, string>();
    let credential: TokenCredential;
    beforeAll(async () => {
      await emulator.start();
      credential = corpus.credential === "delegated" ? delegatedCredential(emulator) : emulatorCredential(emulator);
    });
    afterAll(async () => {
      await emulator.stop();
    });

    test.each(corpus.examples.map((example) => [title(example), example] as const))("%s", async (_title, example) => {
      for (const step of example.before ?? []) await setUp(emulator, credential, captured, step);
      const url = filled(example.url, captured, example.fillUrl, example.fill);
      const body = example.body === undefined ? undefined : filled(example.body, captured, example.fillBody, example.fill);
      const answer = await send(emulator, credential, example.method, url, example.headers ?? {}, body);
      const expected = example.exception?.status ?? example.status;
      expect({ status: answer.status, body: answer.status === expected ? undefined : answer.text }).toEqual({
        status: expected,
        body: undefined,
      });
      capture(captured, answer, example.capture);
    });
  });
}

test("every example names its page, its documented status and, where it deviates, why", () => {
  for (const corpus of loadCorpus()) {
    expect(corpus.source).toMatch(/microsoft-graph-docs-contrib/);
    for (const example of corpus.examples) {
      expect([example.name, example.page]).toEqual([
        example.name,
        expect.stringMatching(/^(api-reference\/(v1\.0|beta)\/api\/|concepts\/)[a-z0-9-]+\.md$/),
      ]);
      expect([example.name, example.url]).toEqual([
        example.name,
        expect.stringMatching(/^https:\/\/graph\.microsoft\.com\/(v1\.0|beta)\//),
      ]);
      expect(Number.isInteger(example.status)).toBe(true);
      if (example.exception) expect(example.exception.reason.length).toBeGreaterThan(40);
    }
  }
});
