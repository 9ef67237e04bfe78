/**
 * The engine's detailed diff from a handler's verdict. The handlers decide whether anything changes and what
 * replaces (they know Graph's rules: canonical schemas, case-insensitive ids); this names where: the property
 * paths that change, each marked as a change the program made or as drift, so `replaceOnChanges` has keys to
 * act on and `pulumi preview --diff` prints what really differs.
 *
 * How the CLI prints an entry (pkg/engine/detailedDiff.go, TranslateDetailedDiff: "Old values are always taken
 * from a step's Outputs; new values are always taken from its Inputs", except that an entry marked `inputDiff`
 * takes its old value from the old inputs): the old value is read at the entry's path from the old *inputs*
 * when `inputDiff` is set and from the old *outputs* otherwise, the new value from the new (checked) inputs. So:
 * - a change the program made is an input diff, between old and new inputs as stored;
 * - drift (Graph changed after the last deployment, found by a refresh) is not: old inputs equal new ones, and
 *   marked as an input diff it printed `"X" => "X"`; marked as drift it prints Graph's value => the program's.
 *   It is named when the program changed nothing (see detailedDiff below);
 * - paths go down to what changed (`groups.sales.displayName`, `members[3]`), so an unchanged group of a set
 *   is not printed as removed and re-added;
 * - members print as the `{ id, type }` objects the program declares, and only those that come or go. The
 *   stored inputs keep members packed (`"type:id"` strings, a set's group as lines: externalGroup/
 *   memberRecord.ts), except those a change adds, which check keeps as declared, at their place. So a member
 *   list is compared with the state's outputs, which follow the schema: a member that goes is named at its
 *   place in the outputs (not an input diff, so the CLI prints it from there), one that comes at its place in
 *   the new inputs, where it is an object. A member list is a set (the handlers compare memberships, not
 *   places): one moved within it is no change. A group of a set that goes is printed from the outputs too.
 * Paths are compared as the handlers read the values and go only as deep as the stored values have the shape
 * read: below that the CLI would read nothing.
 */
import type { dynamic } from "@pulumi/pulumi";
import { stableJson } from "../../model/json";
import { memberIdentity, storedPlaces } from "../resources/externalGroup/memberRecord";
import { isRecord, sameValue } from "../resources/values";
import type { Props } from "./properties";

export type PropertyChange = "add" | "delete" | "update";

export interface PathDiff {
  change: PropertyChange;
  replaces: boolean;
  /** True for a change between old and new inputs, false for outputs against new inputs (drift, or members). */
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
  /** The old inputs as the handlers read them (members as objects, whatever release stored them). */
  readOldInputs: Props;
  /** The new checked inputs as the handlers read them. */
  readNews: Props;
  /** The state's outputs as the handlers read them. */
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

/** One side of a comparison at a path: the value as the handlers read it, and as the CLI will read it from state. */
interface Side {
  read: unknown;
  stored: unknown;
}

/** The sides at one path: old (inputs, or outputs for drift), new inputs, and the outputs beside old inputs. */
interface Sides {
  old: Side;
  next: Side;
  /** The state's outputs at the same path, when `old` is the old inputs and the outputs hold it. */
  outputs?: Side;
}

type Found = Record<string, Omit<PathDiff, "replaces">>;

const shapeOf = (value: unknown) => (Array.isArray(value) ? "array" : isRecord(value) ? "record" : "scalar");

/** A member list (a group's, or a set's group's): a set, named where members come and go. */
const isMemberList = (path: Path) => path[path.length - 1] === "members";

const ABSENT: Side = { read: undefined, stored: undefined };

const childOf = (side: Side | undefined, key: string | number): Side | undefined => {
  if (!side || !isRecord(side.read) || !isRecord(side.stored) || !(key in side.read)) return undefined;
  return { read: side.read[key], stored: side.stored[key] };
};

/** Records the paths where the two sides differ, as deep as both stored sides have the shape read. */
function diffValues({ old, next, outputs }: Sides, path: Path, inputDiff: boolean, into: Found): void {
  if (sameValue(old.read, next.read)) return;
  const entry = (change: PropertyChange, fromOutputs = false) => {
    into[formatPath(path)] = { change, inputDiff: inputDiff && !fromOutputs };
  };
  if (isMemberList(path) && Array.isArray(next.read)) {
    const state = inputDiff ? outputs : old;
    if (state && Array.isArray(state.read)) return memberChanges(state, next, path, into);
  }
  if (old.read === undefined || old.read === null) return entry("add");
  // What goes is printed from the outputs where they hold the same (a set's group: members as objects).
  if (next.read === undefined || next.read === null) return entry("delete", outputs !== undefined && sameValue(outputs.read, old.read));
  const shape = shapeOf(old.read);
  const descend = shape !== "scalar" && [next.read, old.stored, next.stored].every((value) => shapeOf(value) === shape);
  if (!descend) return entry("update");
  if (shape === "record") {
    for (const key of new Set([...Object.keys(old.read as Props), ...Object.keys(next.read as Props)]))
      diffValues(
        { old: childOf(old, key) ?? ABSENT, next: childOf(next, key) ?? ABSENT, outputs: childOf(outputs, key) },
        [...path, key],
        inputDiff,
        into,
      );
    return;
  }
  const [oldRead, nextRead, oldStored, nextStored] = [old.read, next.read, old.stored, next.stored] as unknown[][];
  // The stored arrays hold the read ones in another form: the same elements, at the same places.
  if (oldStored.length !== oldRead.length || nextStored.length !== nextRead.length) return entry("update");
  if (oldRead.length === nextRead.length) {
    // Same length: element by element (a schema property whose attributes changed prints as that attribute).
    oldRead.forEach((item, index) =>
      diffValues(
        { old: { read: item, stored: oldStored[index] }, next: { read: nextRead[index], stored: nextStored[index] } },
        [...path, index],
        inputDiff,
        into,
      ),
    );
    return;
  }
  // Elements added or removed: those that are gone from one side, by their place on their own side.
  const key = (item: unknown) => stableJson(item ?? null);
  changesByPlace(
    oldRead.map((item, index) => ({ key: key(item), place: index })),
    nextRead.map((item, index) => ({ key: key(item), place: index })),
    path,
    inputDiff,
    into,
  );
}

/** The members that go (at their place in the state's outputs) and come (at their place in the new inputs). */
function memberChanges(state: Side, next: Side, path: Path, into: Found): void {
  const places = ({ read, stored }: Side) => {
    const members = read as unknown[];
    const at = storedPlaces(stored, members.length);
    return members.map((member, index) => ({ key: memberIdentity(member), place: at[index] }));
  };
  changesByPlace(places(state), places(next), path, false, into);
}

/**
 * Elements gone from the old side and new on the next, each at its place on its own side; one path names a
 * place on both sides, so an element gone from a place another one took is an update there (the CLI prints the
 * old against the new). A place that is not an array index names the list itself.
 */
function changesByPlace(
  olds: Array<{ key: string; place: number | undefined }>,
  nexts: Array<{ key: string; place: number | undefined }>,
  path: Path,
  inputDiff: boolean,
  into: Found,
): void {
  const oldKeys = new Set(olds.map(({ key }) => key));
  const nextKeys = new Set(nexts.map(({ key }) => key));
  const at = (place: number | undefined) => formatPath(place === undefined ? path : [...path, place]);
  for (const { key, place } of olds)
    if (!nextKeys.has(key)) into[at(place)] = { change: place === undefined ? "update" : "delete", inputDiff };
  for (const { key, place } of nexts) {
    if (oldKeys.has(key)) continue;
    const target = at(place);
    const change = place === undefined || into[target] ? "update" : "add";
    into[target] = { change, inputDiff };
  }
}

export function detailedDiff(verdict: dynamic.DiffResult, sides: DiffSides): DetailedDiff {
  const replaces = [...new Set(verdict.replaces ?? [])];
  const found: Record<string, Omit<PathDiff, "replaces">> = {};
  const keys = new Set<string>();
  if (verdict.changes !== false) {
    const { oldInputs, news, readOldInputs, readNews } = sides;
    const changedInputs = [...new Set([...Object.keys(readOldInputs), ...Object.keys(readNews)])].filter(
      (key) => !sameValue(readOldInputs[key], readNews[key]),
    );
    for (const key of changedInputs) {
      keys.add(key);
      // The CLI reads both sides from the stored inputs (members: the old side from the outputs).
      const outputs = key in sides.readOlds ? { read: sides.readOlds[key], stored: sides.olds[key] } : undefined;
      diffValues(
        { old: { read: readOldInputs[key], stored: oldInputs[key] }, next: { read: readNews[key], stored: news[key] }, outputs },
        [key],
        true,
        found,
      );
    }
    // Drift is named when the handler, which knows Graph's equality rules (a canonical schema, ids without
    // case), sees a change and the program made none: beside a change of the program, an output that differs
    // from its input only in form could not be told from drift here. The update corrects drift either way.
    if (verdict.changes && changedInputs.length === 0) {
      for (const key of Object.keys(news)) {
        if (sameValue(sides.readOlds[key], sides.readNews[key])) continue;
        keys.add(key);
        // The CLI reads Graph's side from the outputs, the program's from the stored inputs.
        diffValues(
          { old: { read: sides.readOlds[key], stored: sides.olds[key] }, next: { read: readNews[key], stored: news[key] } },
          [key],
          false,
          found,
        );
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
