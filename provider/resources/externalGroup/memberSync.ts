import { BatchItem, BatchResult, sendBatch } from "../../graph/batch";
import { GraphConnectorsError } from "../../errors";
import { ProviderContext } from "../../context";
import { memberKey } from "../../../model/group";
import { MemberInput, memberPath } from "./types";

/**
 * What the provider knows of a group's members. Graph cannot list members, so this record is the only
 * account there is: `present` were confirmed by Graph; `unconfirmed` had a change whose answer was lost
 * (a 5xx, a dropped connection), so each may or may not be a member until a later change settles it.
 */
export interface MemberState {
  present: MemberInput[];
  unconfirmed: MemberInput[];
}

/** How one member change ended. Graph refuses with 4xx before acting; a 5xx or a lost answer may hide work done. */
type ChangeOutcome = "applied" | "refused" | "unknown";

function outcomeOf(result: BatchResult): ChangeOutcome {
  if (result.delivery !== "answered") return "unknown";
  const { status, item } = result;
  // A 409 on add (already a member) and a 404 on remove (already gone) are what the change wanted.
  if ((status >= 200 && status < 300) || (item.method === "POST" && status === 409) || (item.method === "DELETE" && status === 404))
    return "applied";
  return status >= 400 && status < 500 ? "refused" : "unknown";
}

function byKey(members: MemberInput[]): Map<string, MemberInput> {
  return new Map(members.map((member) => [memberKey(member), member]));
}

/**
 * The changes that turn `state` into `desired`: unconfirmed members are removed when not desired (a 404 is
 * fine) and added again when desired (a 409 is fine), so a lost answer is settled by the next run.
 */
export function memberChanges(state: MemberState, desired: MemberInput[]): { add: MemberInput[]; remove: MemberInput[] } {
  const present = byKey(state.present);
  const wanted = byKey(desired);
  const known = byKey([...state.present, ...state.unconfirmed]);
  return {
    add: [...wanted.values()].filter((member) => !present.has(memberKey(member))),
    remove: [...known.values()].filter((member) => !wanted.has(memberKey(member))),
  };
}

/** True when syncing `state` to `desired` needs any request. */
export function membersDiffer(state: MemberState, desired: MemberInput[]): boolean {
  const { add, remove } = memberChanges(state, desired);
  return add.length + remove.length > 0;
}

/** Thrown when some member changes failed; `state` records what Graph holds after the changes that did apply. */
export class MemberSyncError extends GraphConnectorsError {
  override readonly name = "MemberSyncError" as const;
  constructor(
    message: string,
    readonly state: MemberState,
  ) {
    super(message);
  }
}

function describe(result: BatchResult): string {
  const error = (result.body as { error?: { code?: string; message?: string } } | undefined)?.error;
  const reason = error ? `${error.code ?? ""}: ${error.message ?? ""}` : (result.error?.message ?? "");
  return `${result.item.method} ${result.item.url} → ${result.status || "no answer"} ${reason}`.trim();
}

/**
 * Applies the changes from `state` to `desired` through JSON batches and returns the new state. Removals and
 * additions share batches (their order does not matter), except for a member whose type changes: its old
 * membership is removed first, and if any such removal fails the additions are not sent. On any failure it
 * throws a {@link MemberSyncError} whose state holds every change Graph confirmed, and every change whose
 * answer was lost as unconfirmed.
 */
export async function syncMembers(
  ctx: ProviderContext,
  connectionId: string,
  groupId: string,
  state: MemberState,
  desired: MemberInput[],
): Promise<MemberState> {
  const changes = memberChanges(state, desired);
  const present = byKey(state.present);
  const unconfirmed = byKey(state.unconfirmed);
  const failures: BatchResult[] = [];
  let attempted = 0;
  type Change = { member: MemberInput; item: BatchItem; applied: (key: string, member: MemberInput) => void };
  const removal = (member: MemberInput): Change => ({
    member,
    item: { method: "DELETE", url: memberPath(connectionId, groupId, member.id) },
    applied: (key) => {
      present.delete(key);
    },
  });
  const addition = (member: MemberInput): Change => ({
    member,
    item: { method: "POST", url: memberPath(connectionId, groupId), body: { id: member.id, type: member.type } },
    applied: (key) => {
      present.set(key, member);
    },
  });
  // Graph keys members by id: re-adding an id under another type needs the old membership gone first.
  const readded = new Set(changes.add.map((member) => member.id.toLowerCase()));
  const first = changes.remove.filter((member) => readded.has(member.id.toLowerCase()));
  const phases: Change[][] = [
    first.map(removal),
    [...changes.remove.filter((member) => !first.includes(member)).map(removal), ...changes.add.map(addition)],
  ];
  for (const phase of phases) {
    if (phase.length === 0 || failures.length > 0) continue;
    attempted += phase.length;
    const results = await sendBatch(
      ctx.graph,
      "v1.0",
      phase.map((change) => change.item),
    );
    results.forEach((result, index) => {
      const { member, applied } = phase[index];
      const key = memberKey(member);
      const outcome = outcomeOf(result);
      if (outcome === "applied") {
        unconfirmed.delete(key);
        applied(key, member);
      } else {
        failures.push(result);
        if (outcome === "unknown") {
          present.delete(key);
          unconfirmed.set(key, member);
        }
      }
    });
  }
  const next = { present: [...present.values()], unconfirmed: [...unconfirmed.values()] };
  if (failures.length > 0) {
    const details = failures.slice(0, 5).map(describe).join("; ");
    const count = next.unconfirmed.length;
    const lost =
      count === 0
        ? ""
        : ` (${count} ${count === 1 ? "member is" : "members are"} recorded as unconfirmed, ` +
          "as Graph's answer was lost; the next `pulumi up` settles them)";
    throw new MemberSyncError(
      `${failures.length} of ${attempted} member changes of group '${groupId}' failed${lost}: ${details}${failures.length > 5 ? "; …" : ""}`,
      next,
    );
  }
  if (attempted > 0) ctx.progress(`group '${groupId}': ${changes.add.length} members added, ${changes.remove.length} removed`);
  return next;
}
