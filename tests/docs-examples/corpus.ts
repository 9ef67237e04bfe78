/**
 * The docs' request examples as data (tests/docs-examples/*.json): each file is one scenario, its examples in the
 * order that sets up what the next ones name (`contosohr`, its group `31bea3d537902000`, …), replayed verbatim
 * against the emulator by tests/integration/docsExamples.test.ts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** A request the replay makes before an example, to create what the example names; never compared with the docs. */
export interface SetupRequest {
  method: string;
  /** A Graph URL as the docs write it, or a `/_emulator/…` control path. */
  url: string;
  body?: string;
  capture?: Record<string, CaptureSource>;
  /** Why the example needs it. */
  why: string;
}

/** Where a value the later examples name comes from: the answer's `Location` (its last segment) or its body's `id`. */
export type CaptureSource = "location" | "body.id";

export interface DocsExample {
  /** The docs' name of the request block (`<!-- { "blockType": "request", "name": … } -->`). */
  name: string;
  /** The page it is on, in microsoftgraph/microsoft-graph-docs-contrib. */
  page: string;
  method: string;
  /** Verbatim, `https://graph.microsoft.com/…`. */
  url: string;
  headers?: Record<string, string>;
  /** The request body, verbatim text. */
  body?: string;
  /** The page's documented success status. */
  status: number;
  /** Text in the URL and body replaced before sending: template placeholders, or ids Graph assigns (`$name`: a captured value). */
  fill?: Record<string, string>;
  fillUrl?: Record<string, string>;
  fillBody?: Record<string, string>;
  capture?: Record<string, CaptureSource>;
  before?: SetupRequest[];
  /** Why this example is what it is (a sample's quirk the emulator accepts). */
  note?: string;
  /** A written, sourced exception: the emulator answers `status` instead, for `reason`. */
  exception?: { status: number; reason: string };
}

export interface DocsCorpus {
  file: string;
  title: string;
  source: string;
  /** `delegated` for APIs that accept delegated tokens only (Application Proxy). @default application */
  credential?: "application" | "delegated";
  examples: DocsExample[];
}

export const CORPUS_DIR = __dirname;

export function loadCorpus(): DocsCorpus[] {
  return readdirSync(CORPUS_DIR)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => ({ file, ...(JSON.parse(readFileSync(join(CORPUS_DIR, file), "utf8")) as Omit<DocsCorpus, "file">) }));
}

/** `text` with every key of each map replaced by its value (a `$name` value by the captured value of that name). */
export function filled(text: string, captured: ReadonlyMap<string, string>, ...maps: Array<Record<string, string> | undefined>): string {
  let out = text;
  for (const map of maps) {
    for (const [from, to] of Object.entries(map ?? {})) {
      const value = to.startsWith("$") ? captured.get(to.slice(1)) : to;
      if (value === undefined) throw new Error(`nothing was captured as '${to}' before it is used`);
      out = out.split(from).join(value);
    }
  }
  return out;
}
