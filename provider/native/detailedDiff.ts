/**
 * The engine's detailed diff from a handler's verdict. The handlers decide whether anything changes and what
 * replaces (they know Graph's rules: canonical schemas, case-insensitive ids); this names where: the property
 * paths that change, each marked as a change the program made or as drift, so `replaceOnChanges` has keys to
 * act on and `pulumi preview --diff` prints what really differs.
 *
 * How the CLI prints an entry (pkg/engine/detailedDiff.go, TranslateDetailedDiff): the old value is read at the
 * entry's path from the old *inputs* when `inputDiff` is set and from the old *outputs* otherwise, the new value
 * from the new (checked) inputs. So:
 * - a change the program made is an input diff, between old and new inputs as stored;
 * - drift (Graph changed after the last deployment, found by a refresh) is not: old inputs equal new ones, and
 *   marked as an input diff it printed `"X" => "X"`; marked as drift it prints Graph's value => the program's.
 *   It is named when the program changed nothing (see detailedDiff below);
 * - paths go down to what changed (`groups.sales.displayName`, `members[3]`), so an unchanged group of a set
 *   is not printed as removed and re-added, and members appear only where they changed. A path stops where the
 *   stored inputs hold a value in another form than the outputs (a group's members are stored as
 *   `"type:id"` strings, the registry's `stateForm`): below it the two sides would not name the same thing.
 */
import type { dynamic } from "@pulumi/pulumi";
import { stableJson } from "../../model/json";
import { sameValue } from "../resources/values";
import type { Props } from "./properties";

export type PropertyChange = "add" | "delete" | "update";

export interface PathDiff {
  change: PropertyChange;
  replaces: boolean;
  /** True for a change between old and new inputs, false for drift (outputs against inputs). */
  inputDiff: boolean;
}

export interface DetailedDiff {
  changes: boolean | undefined;
  /** Property paths that change (the engine's `detailedDiff`). */
  paths: Record<string, PathDiff>;
  /** The top-level properties those paths are under (the engine's `diffs`, what `replaceOnChanges` acts on). */
  keys: string[];
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/** One resource's properties for a diff, each as the engine stores it and as the handlers read it. */
export interface DiffSides {
  /** The inputs the state was made from, as stored. */
  oldInputs: Props;
  /** The state's outputs (the schema's form; the handlers read them as they are). */
  olds: Props;
  /** The new checked inputs, as stored. */
  news: Props;
  /** The new checked inputs as the handlers read them (members as objects, as the outputs hold them). */
  readNews: Props;
  /** The state's outputs as the handlers read them (outputs of an older release may be in the stored form). */
  readOlds: Props;
}

type Path = Array<string | number>;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A property path as the engine parses it (resource.ParsePropertyPath): `a.b[0]["c.d"]`. */
export function formatPath(path: Path): string {
  return path
    .map((segment, index) => {
      if (typeof segment === "number") return `[${segment}]`;
      if (IDENTIFIER.test(segment)) return index === 0 ? segment : `.${segment}`;
      return `[${JSON.stringify(segment)}]`;
    })
    .join("");
}

const isRecord = (value: unknown): value is Props => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * Records the paths where `old` and `next` differ; `stored` is `next` as stored, whose shape bounds how deep a
 * path may go (the printed new value is read from it).
 */
function diffValues(
  old: unknown,
  next: unknown,
  stored: unknown,
  path: Path,
  inputDiff: boolean,
  into: Record<string, Omit<PathDiff, "replaces">>,
): void {
  if (sameValue(old, next)) return;
  const entry = (change: PropertyChange) => {
    into[formatPath(path)] = { change, inputDiff };
  };
  if (old === undefined || old === null) return entry("add");
  if (next === undefined || next === null) return entry("delete");
  if (isRecord(old) && isRecord(next) && isRecord(stored)) {
    for (const key of new Set([...Object.keys(old), ...Object.keys(next)]))
      diffValues(old[key], next[key], stored[key], [...path, key], inputDiff, into);
    return;
  }
  if (Array.isArray(old) && Array.isArray(next) && Array.isArray(stored) && stored.length === next.length) {
    if (old.length === next.length) {
      // Same length: element by element (a schema property whose attributes changed prints as that attribute).
      old.forEach((item, index) => diffValues(item, next[index], stored[index], [...path, index], inputDiff, into));
      return;
    }
    // Elements added or removed: those that are gone from one side, by their place on their own side (a member
    // list prints the members that come and go, not every member after the first change as changed).
    const olderKeys = new Set(old.map((item) => stableJson(item ?? null)));
    const newerKeys = new Set(next.map((item) => stableJson(item ?? null)));
    old.forEach((item, index) => {
      if (!newerKeys.has(stableJson(item ?? null))) into[formatPath([...path, index])] = { change: "delete", inputDiff };
    });
    next.forEach((item, index) => {
      if (!olderKeys.has(stableJson(item ?? null))) into[formatPath([...path, index])] = { change: "add", inputDiff };
    });
    return;
  }
  entry("update");
}

export function detailedDiff(verdict: dynamic.DiffResult, sides: DiffSides): DetailedDiff {
  const replaces = [...new Set(verdict.replaces ?? [])];
  const found: Record<string, Omit<PathDiff, "replaces">> = {};
  const keys = new Set<string>();
  if (verdict.changes !== false) {
    const { oldInputs, news } = sides;
    const changedInputs = [...new Set([...Object.keys(oldInputs), ...Object.keys(news)])].filter(
      (key) => !sameValue(oldInputs[key], news[key]),
    );
    for (const key of changedInputs) {
      keys.add(key);
      // Both sides in the stored form: the CLI reads both from the stored inputs.
      diffValues(oldInputs[key], news[key], news[key], [key], true, found);
    }
    // Drift is named when the handler, which knows Graph's equality rules (a canonical schema, ids without
    // case), sees a change and the program made none: beside a change of the program, an output that differs
    // from its input only in form could not be told from drift here. The update corrects drift either way.
    if (verdict.changes && changedInputs.length === 0) {
      for (const key of Object.keys(news)) {
        if (sameValue(sides.readOlds[key], sides.readNews[key])) continue;
        keys.add(key);
        diffValues(sides.olds[key], sides.readNews[key], news[key], [key], false, found);
      }
    }
  }
  const under = (path: string, key: string) => path === key || path.startsWith(`${key}.`) || path.startsWith(`${key}[`);
  const paths: Record<string, PathDiff> = {};
  for (const [path, change] of Object.entries(found)) paths[path] = { ...change, replaces: replaces.some((key) => under(path, key)) };
  // A replace the values do not show (the handler's rules, such as an id compared without case) still names its key.
  for (const key of replaces) {
    keys.add(key);
    if (Object.keys(paths).some((path) => under(path, key))) continue;
    const before = sides.oldInputs[key] ?? sides.olds[key];
    paths[key] = {
      change: before === undefined ? "add" : sides.news[key] === undefined ? "delete" : "update",
      replaces: true,
      inputDiff: true,
    };
  }
  return { changes: verdict.changes, paths, keys: [...keys], replaces, deleteBeforeReplace: verdict.deleteBeforeReplace === true };
}
