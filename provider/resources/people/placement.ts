/**
 * Where one source stands in the tenant's precedence list (`prioritizedSourceUrls`: "the first item in the
 * collection having the highest priority", profilepriority-configure-profilepropertysetting.md), as pure
 * functions over the list. Only our source's entry ever moves: every other entry stays exactly as it is, in its
 * order, whatever its form.
 *
 * `last` with the built-in Entra source: Graph keeps Entra in the list and appends it when a write leaves it
 * out (the v1.0 create and update samples answer a list without it with Entra last; model/people.ts). A source
 * placed literally last would be pushed in front of Entra again by the next write, and a placement checked
 * against that could never be met. So `last` means last among the other sources: behind every entry that is not
 * Entra, before Entra when Entra ends the list, wherever an administrator put Entra otherwise.
 */
import { isEntraEntry, namesSource } from "../../../model/people";

export const POSITIONS = ["first", "last"] as const;
export type Position = (typeof POSITIONS)[number];

export type Placement = { position: Position } | { before: string } | { after: string };

/** The placement the inputs ask for; `first` when they name none. */
export function placementOf(inputs: { position?: string; before?: string; after?: string }): Placement {
  if (typeof inputs.before === "string") return { before: inputs.before };
  if (typeof inputs.after === "string") return { after: inputs.after };
  return { position: inputs.position === "last" ? "last" : "first" };
}

/** The placement as inputs, every key present (undefined when unused), so two placements compare field by field. */
export function placementInputs(placement: Placement): { position?: Position; before?: string; after?: string } {
  return {
    position: "position" in placement ? placement.position : undefined,
    before: "before" in placement ? placement.before : undefined,
    after: "after" in placement ? placement.after : undefined,
  };
}

/** For messages: `first`, `last`, `before 'x'`, `after 'x'`. */
export function describePlacement(placement: Placement): string {
  if ("position" in placement) return placement.position;
  return "before" in placement ? `before '${placement.before}'` : `after '${placement.after}'`;
}

/** The source a placement is relative to, if any. */
export function anchorOf(placement: Placement): string | undefined {
  return "before" in placement ? placement.before : "after" in placement ? placement.after : undefined;
}

/** Whether the list holds our source exactly once and where the placement asks. */
export function isPlaced(list: readonly string[], sourceId: string, placement: Placement): boolean {
  const ours = list.map(namesSource(sourceId));
  if (ours.filter(Boolean).length !== 1) return false;
  const at = ours.indexOf(true);
  if ("position" in placement) {
    return placement.position === "first" ? at === 0 : list.slice(at + 1).every(isEntraEntry);
  }
  const anchor = list.findIndex(namesSource(anchorOf(placement)!));
  if (anchor < 0) return false;
  return "before" in placement ? at < anchor : at > anchor;
}

/**
 * The list with our source placed as asked: our entry (its existing text when the list has one, in whichever
 * form, else `ourEntry`) taken out and put back once; every other entry kept exactly. Undefined when the
 * placement is relative to a source the list does not hold.
 */
export function placed(list: readonly string[], ourEntry: string, sourceId: string, placement: Placement): string[] | undefined {
  const entry = list.find(namesSource(sourceId)) ?? ourEntry;
  const others = list.filter((item) => !namesSource(sourceId)(item));
  let at: number;
  if ("position" in placement) {
    const lastOther = others.map((item) => !isEntraEntry(item)).lastIndexOf(true);
    at = placement.position === "first" ? 0 : lastOther + 1;
  } else {
    const anchor = others.findIndex(namesSource(anchorOf(placement)!));
    if (anchor < 0) return undefined;
    at = "before" in placement ? anchor : anchor + 1;
  }
  return [...others.slice(0, at), entry, ...others.slice(at)];
}

/** The list without our source, in any of its forms. */
export function withoutSource(list: readonly string[], sourceId: string): string[] {
  return list.filter((item) => !namesSource(sourceId)(item));
}
