/**
 * How an ExternalGroup keeps its member set in Pulumi's state: as `"type:id"` strings, not the
 * `{ id, type }` objects the program declares and the handlers work with. The state is the only record of the
 * members (Graph cannot list them), and on a file or blob backend Pulumi rewrites the whole state after every
 * step: a member object costs about five times a string to serialize (scripts/bench/checkpoint-cost.sh: one
 * save of 500 groups with 20,000 members takes a little over twice as long with objects as with strings;
 * docs/performance.md has the measured figures), and the dynamic provider host decodes every
 * resource's properties on each call.
 *
 * - Stored inputs (what `check` returns) hold `members` as strings, in both providers (GROUP_STATE_FORM, which
 *   the engine applies: ../../engine/engine.ts). The native plugin keeps the members a change adds (those not
 *   in the old inputs) as the objects the program declares, at their place among the strings: the CLI prints
 *   a detailed diff's new side from the stored inputs (provider/native/detailedDiff.ts), and the next change
 *   packs them like the others, so only a change's additions are ever saved as objects.
 * - The dynamic resource's outputs (the set Graph confirmed) do too, and the SDK's `ExternalGroup` reads them
 *   back as objects (sdk/dynamic/externalGroup.ts): whatever the engine hands the program (outputs, or in the
 *   preview of a create or update the checked inputs) is in this form. The native provider's outputs follow
 *   its schema.
 * - Reading accepts both forms, so state written by earlier releases (objects) keeps working.
 * Values that hold unknowns (a preview with members computed from other resources) are left as they are.
 *
 * Each group of an ExternalGroupSet keeps its members as one string of `"type:id"` lines (joinMembers); in the
 * native plugin, a group a change adds members to keeps them as an array of runs of lines and the added
 * members' objects, in the declared order (packKeepingAdditions). A set
 * is one resource holding every group's members, so every copy Pulumi makes of its properties (each request
 * from the engine, the protobuf Struct the dynamic host decodes it from, the answer) holds all of them at
 * once: one such copy of 500 groups with 20,000 members took ~3 MB of heap as one string per group, ~15 MB
 * as a string per member and ~72 MB as objects (a Struct round trip and its JavaScript value, measured).
 */
import { memberKey } from "../../../model/group";
import { stableJson } from "../../../model/json";
import type { StateForm } from "../contract";
import { containsUnknown, isRecord } from "../values";

type Props = Record<string, unknown>;

function isPlainMember(member: unknown): member is { id: string; type: string } {
  const { id, type } = (member ?? {}) as { id?: unknown; type?: unknown };
  return typeof id === "string" && typeof type === "string" && Object.keys(member as object).length === 2;
}

/**
 * `{ id, type }` objects as `"type:id"` strings, when every one is a plain, known member whose type holds no
 * colon and whose id no line break (one that did would read back split elsewhere: another type and id, or two
 * members, and a check failure naming another value); else as given. So members as a program declares them,
 * not yet checked, pack without loss too (sdk/dynamic/externalGroup.ts). Not model/group.ts `memberKey`: that
 * one lower-cases the id to compare memberships, this one must give back the id as declared.
 */
export function packMembers(members: unknown): unknown {
  // The shape first: an unchecked array may hold Outputs, which are not to be walked into.
  if (
    !Array.isArray(members) ||
    !members.every((member) => isPlainMember(member) && !member.type.includes(":") && !member.id.includes("\n")) ||
    containsUnknown(members)
  )
    return members;
  return members.map((member) => `${member.type}:${member.id}`);
}

/** Known, plain members as one string of `"type:id"` lines (`""` for none); else as given. */
export function joinMembers(members: unknown): unknown {
  const packed = packMembers(members);
  return Array.isArray(packed) && !containsUnknown(packed) && packed.every((member) => typeof member === "string")
    ? packed.join("\n")
    : packed;
}

/**
 * `"type:id"` strings, or strings of such lines (a whole set's group, or runs of one among objects), back as
 * `{ id, type }` objects (types never hold a colon); objects pass through.
 */
export function unpackMembers(members: unknown): unknown {
  if (typeof members === "string" && !containsUnknown(members)) return members === "" ? [] : unpackMembers(members.split("\n"));
  if (!Array.isArray(members)) return members;
  return members.flatMap((member) => {
    if (typeof member !== "string" || containsUnknown(member)) return [member];
    if (member.includes("\n")) return unpackMembers(member) as unknown[];
    const colon = member.indexOf(":");
    return [colon < 0 ? member : { id: member.slice(colon + 1), type: member.slice(0, colon) }];
  });
}

/** A member's identity: its membership (model/group.ts `memberKey`), or its JSON when it is no plain member. */
export function memberIdentity(member: unknown): string {
  return isPlainMember(member) ? memberKey(member) : stableJson(member ?? null);
}

/** The identities of members in any stored form. */
function memberKeys(members: unknown): Set<string> {
  const read = unpackMembers(members);
  return new Set(Array.isArray(read) ? read.map(memberIdentity) : []);
}

/**
 * Each member's place in a stored member list: the index of the stored element it reads from (a run of lines
 * holds several), or undefined for each when the stored value is no array (a set's group as one string).
 */
export function storedPlaces(stored: unknown, count: number): Array<number | undefined> {
  if (!Array.isArray(stored)) return new Array<undefined>(count).fill(undefined);
  const places = stored.flatMap((element, index) => (unpackMembers([element]) as unknown[]).map(() => index));
  return places.length === count ? places : new Array<undefined>(count).fill(undefined);
}

/**
 * Members packed (one string each, or with `runs` one string of lines for each run between objects), except
 * those not among `previous` (the old inputs' members, in any form), which stay the objects the program
 * declares, at their place. With no addition, the plain packed form: a group's strings, a set's group's one
 * string. Unknowns or an odd shape stay as given.
 */
export function packKeepingAdditions(members: unknown, previous: unknown, runs: boolean): unknown {
  const packed = packMembers(members);
  if (packed === members || !Array.isArray(members)) return members;
  const kept = memberKeys(previous);
  const additions = (members as Array<{ id: string; type: string }>).map((member) => !kept.has(memberIdentity(member)));
  if (!additions.includes(true)) return runs ? (packed as string[]).join("\n") : packed;
  const stored: unknown[] = [];
  let run: string[] = [];
  const endRun = () => {
    if (run.length > 0) stored.push(...(runs ? [run.join("\n")] : run));
    run = [];
  };
  members.forEach((member, index) => {
    if (!additions[index]) return void run.push((packed as string[])[index]);
    endRun();
    stored.push(member);
  });
  endRun();
  return stored;
}

/** Checked inputs or outputs as stored: `members` packed (unknowns or an odd shape stay as they are). */
export function storedProps<T extends object>(props: T): T {
  const { members } = props as Props;
  return members === undefined ? props : ({ ...props, members: packMembers(members) } as T);
}

/** A set's group as stored: `members` as one string of lines (unknowns or an odd shape stay as they are). */
export function storedSetGroup<T extends object>(props: T): T {
  const { members } = props as Props;
  return members === undefined ? props : ({ ...props, members: joinMembers(members) } as T);
}

/** Stored inputs or outputs, in any form, as the handlers take them: `members` as objects. */
export function handlerProps<T extends object>(stored: T): T {
  const { members } = stored as Props;
  return members === undefined ? stored : ({ ...stored, members: unpackMembers(members) } as T);
}

/** Each group of a set in `form`, given the group of the same id in `previous` (an unknown `groups`, in a preview, stays as it is). */
function eachGroup(form: (group: Props, previous: Props | undefined) => Props): <T extends object>(props: T, previous?: object) => T {
  return <T extends object>(props: T, previous?: object): T => {
    const { groups } = props as Props;
    if (!isRecord(groups)) return props;
    const before = previous && (previous as Props).groups;
    return {
      ...props,
      groups: Object.fromEntries(
        Object.entries(groups).map(([groupId, group]) => [
          groupId,
          group && typeof group === "object"
            ? form(group as Props, isRecord(before) ? ((before[groupId] ?? {}) as Props) : undefined)
            : group,
        ]),
      ),
    };
  };
}

/** A set's group as stored: as storedSetGroup, or with `previous` (that group in the old inputs) its additions as declared. */
function storedSetGroupSince(group: Props, previous: Props | undefined): Props {
  if (!previous || group.members === undefined) return storedSetGroup(group);
  return { ...group, members: packKeepingAdditions(group.members, previous.members ?? [], true) };
}

/**
 * A group's properties in state: its members as `"type:id"` strings; with `previous` (the old inputs, given
 * by the native plugin's check), the members they lack as declared.
 */
export const GROUP_STATE_FORM: StateForm = {
  store: <T extends object>(props: T, previous?: object): T => {
    const { members } = props as Props;
    if (!previous || members === undefined) return storedProps(props);
    return { ...props, members: packKeepingAdditions(members, (previous as Props).members ?? [], false) } as T;
  },
  read: handlerProps,
};

/**
 * A set's properties in state: each group's members as one string of `"type:id"` lines; with `previous`, a
 * group's members the old inputs lack as declared (a group they lack: all of its members).
 */
export const SET_STATE_FORM: StateForm = { store: eachGroup(storedSetGroupSince), read: eachGroup(handlerProps) };
