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
 *   the engine applies: ../../engine/engine.ts).
 * - The dynamic resource's outputs (the set Graph confirmed) do too, and the SDK's `ExternalGroup` reads them
 *   back as objects (sdk/dynamic/externalGroup.ts): whatever the engine hands the program (outputs, or in the
 *   preview of a create or update the checked inputs) is in this form. The native provider's outputs follow
 *   its schema.
 * - Reading accepts both forms, so state written by earlier releases (objects) keeps working.
 * Values that hold unknowns (a preview with members computed from other resources) are left as they are.
 *
 * Each group of an ExternalGroupSet keeps its members as one string of `"type:id"` lines (joinMembers). A set
 * is one resource holding every group's members, so every copy Pulumi makes of its properties (each request
 * from the engine, the protobuf Struct the dynamic host decodes it from, the answer) holds all of them at
 * once: one such copy of 500 groups with 20,000 members took ~3 MB of heap as one string per group, ~15 MB
 * as a string per member and ~72 MB as objects (a Struct round trip and its JavaScript value, measured).
 */
import type { StateForm } from "../contract";
import { containsUnknown } from "../values";

type Props = Record<string, unknown>;

function isPlainMember(member: unknown): member is { id: string; type: string } {
  const { id, type } = (member ?? {}) as { id?: unknown; type?: unknown };
  return typeof id === "string" && typeof type === "string" && Object.keys(member as object).length === 2;
}

/**
 * `{ id, type }` objects as `"type:id"` strings, when every one is a plain, known member whose type holds no
 * colon (one that did would read back split elsewhere: another type and id, and a check failure naming
 * another value); else as given. So members as a program declares them, not yet checked, pack without loss
 * too (sdk/dynamic/externalGroup.ts). Not model/group.ts `memberKey`: that one lower-cases the id to compare
 * memberships, this one must give back the id as declared.
 */
export function packMembers(members: unknown): unknown {
  // The shape first: an unchecked array may hold Outputs, which are not to be walked into.
  if (
    !Array.isArray(members) ||
    !members.every((member) => isPlainMember(member) && !member.type.includes(":")) ||
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
 * `"type:id"` strings, or one string of such lines, back as `{ id, type }` objects (types never hold a colon);
 * objects pass through.
 */
export function unpackMembers(members: unknown): unknown {
  if (typeof members === "string" && !containsUnknown(members)) return members === "" ? [] : unpackMembers(members.split("\n"));
  if (!Array.isArray(members)) return members;
  return members.map((member) => {
    if (typeof member !== "string" || containsUnknown(member)) return member;
    const colon = member.indexOf(":");
    return colon < 0 ? member : { id: member.slice(colon + 1), type: member.slice(0, colon) };
  });
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

/** Each group of a set in `form` (an unknown `groups`, in a preview, stays as it is). */
function eachGroup(form: (group: Props) => Props): <T extends object>(props: T) => T {
  return <T extends object>(props: T): T => {
    const { groups } = props as Props;
    if (groups === null || typeof groups !== "object" || Array.isArray(groups)) return props;
    return {
      ...props,
      groups: Object.fromEntries(
        Object.entries(groups as Props).map(([groupId, group]) => [
          groupId,
          group && typeof group === "object" ? form(group as Props) : group,
        ]),
      ),
    };
  };
}

/** A group's properties in state: its members as `"type:id"` strings. */
export const GROUP_STATE_FORM: StateForm = { store: storedProps, read: handlerProps };

/** A set's properties in state: each group's members as one string of `"type:id"` lines. */
export const SET_STATE_FORM: StateForm = { store: eachGroup(storedSetGroup), read: eachGroup(handlerProps) };
