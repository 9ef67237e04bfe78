import { BatchItem, BatchResult, sendBatch } from "../../graph/batch";
import { ProviderContext } from "../../runtime";
import { memberKey } from "../../../model/group";
import { MemberInput, memberPath } from "./types";

/** Members present in `desired` but not in `current` (by id and type), and the reverse. */
export function memberChanges(current: MemberInput[], desired: MemberInput[]): { add: MemberInput[]; remove: MemberInput[] } {
  const currentKeys = new Set(current.map(memberKey));
  const desiredKeys = new Set(desired.map(memberKey));
  return { add: desired.filter((member) => !currentKeys.has(memberKey(member))), remove: current.filter((member) => !desiredKeys.has(memberKey(member))) };
}

/**
 * Adds and removes members through JSON batches. A 409 on add (already a member) and a 404 on remove
 * (already gone) are what we wanted, so the sync is idempotent and safe to re-run after a partial failure.
 * Removals go first, so a member whose type changed is removed before it is added again.
 */
export async function applyMemberChanges(ctx: ProviderContext, connectionId: string, groupId: string, changes: { add: MemberInput[]; remove: MemberInput[] }): Promise<void> {
  const phases: BatchItem[][] = [
    changes.remove.map((member) => ({ method: "DELETE", url: memberPath(connectionId, groupId, member.id) })),
    changes.add.map((member) => ({ method: "POST", url: memberPath(connectionId, groupId), body: { id: member.id, type: member.type } })),
  ];
  for (const items of phases) {
    if (items.length === 0) continue;
    const results = await sendBatch(ctx.graph, "v1.0", items, { sleep: ctx.sleep, now: ctx.now });
    const done = (result: BatchResult) => (result.status >= 200 && result.status < 300)
      || (result.item.method === "POST" && result.status === 409) || (result.item.method === "DELETE" && result.status === 404);
    // Anything else failed, including a request the $batch answer left out (status 0).
    const failed = results.filter((result) => !done(result));
    if (failed.length > 0) {
      const details = failed.slice(0, 5).map((result) => {
        const error = (result.body as { error?: { code?: string; message?: string } } | undefined)?.error;
        return `${result.item.method} ${result.item.url} → ${result.status} ${error?.code ?? ""}: ${error?.message ?? ""}`.trim();
      });
      throw new Error(`${failed.length} of ${items.length} member changes of group '${groupId}' failed: ${details.join("; ")}${failed.length > 5 ? "; …" : ""}`);
    }
  }
  if (changes.add.length + changes.remove.length > 0) ctx.log(`group '${groupId}': ${changes.add.length} members added, ${changes.remove.length} removed`);
}
