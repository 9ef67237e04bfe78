/** An HTTP answer as the replaying tests read it: status, Location, the body parsed when it is JSON, and its text. */
export interface Answer {
  status: number;
  location?: string;
  body?: unknown;
  text: string;
}

/** Reads a fetch response whole; a body that is not JSON (an empty 204, an HTML error page) keeps only its text. */
export async function readAnswer(response: Response): Promise<Answer> {
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, location: response.headers.get("location") ?? undefined, body: parsed, text };
}
