/**
 * The engine's detailed diff from a handler's verdict. The handlers decide whether anything changes and what
 * replaces (they know Graph's rules: canonical schemas, case-insensitive ids); this names the top-level
 * properties that change, so `replaceOnChanges` has keys to act on and the preview shows which ones.
 */
import type { dynamic } from "@pulumi/pulumi";
import { sameValue } from "../resources/values";
import type { Props } from "./properties";

export type PropertyChange = "add" | "delete" | "update";

export interface DetailedDiff {
  changes: boolean | undefined;
  /** Top-level properties that change, each with how and whether the change replaces the resource. */
  properties: Record<string, { change: PropertyChange; replaces: boolean }>;
  deleteBeforeReplace: boolean;
}

function changedKeys(from: Props, to: Props, among: Iterable<string>): string[] {
  return [...new Set(among)].filter((key) => !sameValue(from[key] ?? null, to[key] ?? null));
}

/**
 * `oldInputs` are the inputs the state was made from and `olds` its outputs. A change the program made shows
 * between old and new inputs; a change only Graph made (found by a refresh) shows between outputs and inputs.
 */
export function detailedDiff(verdict: dynamic.DiffResult, oldInputs: Props, olds: Props, news: Props): DetailedDiff {
  const replaces = new Set(verdict.replaces ?? []);
  let keys: string[] = [];
  if (verdict.changes !== false) {
    keys = changedKeys(oldInputs, news, [...Object.keys(oldInputs), ...Object.keys(news)]);
    if (keys.length === 0 && verdict.changes) keys = changedKeys(olds, news, Object.keys(news));
  }
  const properties: DetailedDiff["properties"] = {};
  for (const key of new Set([...keys, ...replaces])) {
    const before = oldInputs[key] ?? olds[key];
    const change: PropertyChange = before === undefined ? "add" : news[key] === undefined ? "delete" : "update";
    properties[key] = { change, replaces: replaces.has(key) };
  }
  return { changes: verdict.changes, properties, deleteBeforeReplace: verdict.deleteBeforeReplace === true };
}
