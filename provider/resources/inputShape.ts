/**
 * The shape of a resource's inputs, checked at `check` before any rule or request (the engine does, with the
 * shape its registry entry names): every key known (a near miss is named, e.g. `isSearchabel` →
 * `isSearchable`), every value of the expected JSON type. Graph-side objects (templates, resolvers,
 * configuration…) are checked against Graph's own types (model/types.ts). A flag given as "yes" or 1 is refused
 * rather than read as false.
 */
import type { Problem } from "../../model/problem";
import { typeProblem, TypeRef } from "../../model/types";
import { containsUnknown } from "./values";

/** `map`: an object whose keys the program chooses (e.g. group ids), each value of one shape; `anyOf`: a value of one of the shapes. */
export type Shape =
  | "string"
  | "boolean"
  | "number"
  | "stringList"
  | { graph: TypeRef }
  | { object: Record<string, Shape> }
  | { list: Shape }
  | { map: Shape }
  | { anyOf: Shape[] };

/** At most this much of a value goes into a message, so a 100,000-character input does not flood the preview. */
const SHOWN_CHARACTERS = 40;

export function shown(value: unknown): string {
  const text = typeof value === "string" ? `'${value}'` : (JSON.stringify(value) ?? String(value));
  return text.length > SHOWN_CHARACTERS ? `${text.slice(0, SHOWN_CHARACTERS)}… (${text.length} characters)` : text;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

function nearest(key: string, known: string[]): string | undefined {
  const ranked = known.map((candidate) => ({ candidate, score: distance(key, candidate) })).sort((x, y) => x.score - y.score);
  return ranked[0] && ranked[0].score <= Math.max(2, Math.floor(key.length / 4)) ? ranked[0].candidate : undefined;
}

function typeName(shape: Shape): string {
  if (typeof shape === "string") return shape === "stringList" ? "a list of strings" : `a ${shape}`;
  if ("graph" in shape) return `a ${shape.graph.replace(/^microsoft\.graph\.(externalConnectors\.)?/, "")}`;
  if ("anyOf" in shape) return shape.anyOf.map(typeName).join(" or ");
  return "list" in shape ? "a list" : "an object";
}

/** Problems of `value` against `shape`, each at its input path. Unknown (preview) values are skipped. */
function shapeProblems(value: unknown, shape: Shape, path: string, problems: Problem[]): void {
  if (value === undefined || value === null || containsUnknown(value)) return;
  const fail = (reason: string) => problems.push({ path, reason });
  if (typeof shape === "string") {
    const ok = shape === "stringList" ? Array.isArray(value) && value.every((item) => typeof item === "string") : typeof value === shape;
    if (!ok) fail(`must be ${typeName(shape)}, not ${shown(value)}`);
    return;
  }
  if ("anyOf" in shape) {
    const fits = (alternative: Shape) => {
      const found: Problem[] = [];
      shapeProblems(value, alternative, path, found);
      return found.length === 0;
    };
    if (!shape.anyOf.some(fits)) fail(`must be ${typeName(shape)}, not ${shown(value)}`);
    return;
  }
  if ("graph" in shape) {
    const problem = typeProblem(value, shape.graph, { version: "beta", includeUnknownEnumMembers: true });
    if (problem) fail(`is not ${typeName(shape)} as Graph defines it: ${problem}`);
    return;
  }
  if ("list" in shape) {
    if (!Array.isArray(value)) {
      fail(`must be a list, not ${shown(value)}`);
      return;
    }
    value.forEach((item, index) => shapeProblems(item, shape.list, `${path}[${index}]`, problems));
    return;
  }
  if (typeof value !== "object" || Array.isArray(value)) {
    fail(`must be an object, not ${shown(value)}`);
    return;
  }
  if ("map" in shape) {
    for (const [key, member] of Object.entries(value as Record<string, unknown>))
      shapeProblems(member, shape.map, path ? `${path}.${key}` : key, problems);
    return;
  }
  const known = Object.keys(shape.object);
  for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
    const at = path ? `${path}.${key}` : key;
    if (!(key in shape.object)) {
      const near = nearest(key, known);
      problems.push({
        path: at,
        reason: `is not an input of this resource${near ? `; did you mean '${near}'?` : ` (known: ${known.join(", ")})`}`,
      });
      continue;
    }
    shapeProblems(member, shape.object[key], at, problems);
  }
}

/** The problems of the top-level inputs against their shape (every input and its type), in input order. */
export function inputShapeProblems(inputs: Record<string, unknown>, shape: Record<string, Shape>): Problem[] {
  const problems: Problem[] = [];
  shapeProblems(inputs, { object: shape }, "", problems);
  return problems;
}
