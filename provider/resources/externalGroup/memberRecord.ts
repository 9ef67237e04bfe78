/**
 * How the dynamic ExternalGroup keeps its member set in Pulumi's state: as `"type:id"` strings, not the
 * `{ id, type }` objects the program declares and the handlers work with. The state is the only record of the
 * members (Graph cannot list them), and on a file or blob backend Pulumi rewrites the whole state after every
 * step: a member object costs about five times a string to serialize (scripts/bench/checkpoint-cost.sh: one
 * save of 500 groups with 20,000 members takes ~99 ms with objects, ~47 ms with strings), and the dynamic
 * provider host decodes every resource's properties on each call.
 *
 * - Stored inputs (what `check` returns) hold `members` as strings.
 * - Outputs hold the confirmed set as strings under `memberKeys` and no `members`; the Node SDK then resolves
 *   the `members` output to the program's own input (a property the engine returns no value for).
 * - Reading accepts both forms, so state written by earlier releases (objects) keeps working.
 * Values that hold unknowns (a preview with members computed from other resources) are left as they are.
 */
import { containsUnknown } from "../values";

/** The outputs' key for the member set Graph confirmed. */
export const MEMBER_KEYS = "memberKeys";

type Props = Record<string, unknown>;

function isPlainMember(member: unknown): member is { id: string; type: string } {
  const { id, type } = (member ?? {}) as { id?: unknown; type?: unknown };
  return typeof id === "string" && typeof type === "string" && Object.keys(member as object).length === 2;
}

/**
 * `{ id, type }` objects as `"type:id"` strings, when every one is a plain, known member; else as given.
 * Not model/group.ts `memberKey`: that one lower-cases the id to compare memberships, this one must give back
 * the id as declared.
 */
export function packMembers(members: unknown): unknown {
  if (!Array.isArray(members) || containsUnknown(members) || !members.every(isPlainMember)) return members;
  return members.map((member) => `${member.type}:${member.id}`);
}

/** `"type:id"` strings back as `{ id, type }` objects (types never hold a colon); objects pass through. */
export function unpackMembers(members: unknown): unknown {
  if (!Array.isArray(members)) return members;
  return members.map((member) => {
    if (typeof member !== "string" || containsUnknown(member)) return member;
    const colon = member.indexOf(":");
    return colon < 0 ? member : { id: member.slice(colon + 1), type: member.slice(0, colon) };
  });
}

/** Inputs as stored: `members` packed. */
export function storedInputs<T extends object>(inputs: T): T {
  const props = inputs as Props;
  return props.members === undefined ? inputs : ({ ...props, members: packMembers(props.members) } as T);
}

/** Outputs as stored: the confirmed members packed under `memberKeys`, no `members`. */
export function storedOutputs<T extends object>(outputs: T): T {
  const { members, ...rest } = outputs as Props;
  if (members === undefined) return outputs;
  const packed = packMembers(members);
  // Unknowns or an odd shape stay where the handlers put them.
  return (packed === members ? outputs : { ...rest, [MEMBER_KEYS]: packed }) as T;
}

/** Stored inputs or outputs, in either form, as the handlers take them: `members` as objects. */
export function handlerProps<T extends object>(stored: T): T {
  const { [MEMBER_KEYS]: keys, ...rest } = stored as Props;
  if (keys !== undefined) return { ...rest, members: unpackMembers(keys) } as T;
  return rest.members === undefined ? stored : ({ ...rest, members: unpackMembers(rest.members) } as T);
}
