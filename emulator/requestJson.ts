/**
 * Reads a request body as JSON, tolerating a trailing comma before `}` or `]`. Several of the docs' own request
 * samples carry one (the member examples of externalconnectors-externalgroup-post-members.md, v1.0 example 3 and
 * all three beta examples) and are presented as answered 201. Whether Graph's JSON reader tolerates it is not
 * documented; RFC 8259 forbids it. No serializer writes one, so accepting it cannot hide a client's bug, while
 * refusing it would refuse the docs' samples: the emulator accepts it (an open question for a live tenant).
 */
export function parseRequestJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    try {
      return { value: JSON.parse(withoutTrailingCommas(text)) };
    } catch {
      return undefined;
    }
  }
}

/** The text without each comma that ends an object or array (before `}` or `]`), strings left alone. */
function withoutTrailingCommas(text: string): string {
  let out = "";
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      out += char;
      if (char === "\\") out += text[++index] ?? "";
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    // Only a comma after a member or element: `{,}` and `[1,,]` stay malformed.
    if (char === "," && /^\s*[}\]]/.test(text.slice(index + 1)) && !/[{[,]\s*$/.test(out)) continue;
    out += char;
  }
  return out;
}
