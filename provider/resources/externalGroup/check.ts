import type { dynamic } from "@pulumi/pulumi";
import { connectionIdProblem } from "../../../model/connection";
import { GROUP_ID_PATTERN, memberProblem } from "../../../model/group";
import { failure } from "../contract";
import { containsUnknown } from "../values";

/** The id rules of a group's parent connection and of the group itself, shared by groups and members. */
export function checkGroupIds(inputs: Record<string, unknown>, failures: dynamic.CheckFailure[]): void {
  const { connectionId, groupId } = inputs;
  if (!containsUnknown(connectionId)) {
    const problem = typeof connectionId === "string" ? connectionIdProblem(connectionId) : "is required";
    if (problem) failures.push(failure("connectionId", `connectionId ${problem}`));
  }
  if (!containsUnknown(groupId) && (typeof groupId !== "string" || !GROUP_ID_PATTERN.test(groupId))) {
    failures.push(failure("groupId", "groupId must be 1-128 letters and digits"));
  }
}

export function checkMembers(members: unknown, failures: dynamic.CheckFailure[]): void {
  if (members === undefined || containsUnknown(members)) return;
  if (!Array.isArray(members)) {
    failures.push(failure("members", "members must be a list of { id, type }"));
    return;
  }
  const seen = new Set<string>();
  members.forEach((member: { id?: unknown; type?: unknown } | null, index) => {
    const problem = memberProblem(member?.id, member?.type);
    if (problem) failures.push(failure(`members[${index}]`, `members[${index}]: ${problem.reason}`));
    // Graph keys members by id: the same id twice is one membership, whatever types are given.
    const key = String(member?.id).toLowerCase();
    if (seen.has(key)) failures.push(failure(`members[${index}]`, `members[${index}]: '${String(member?.id)}' is listed twice`));
    seen.add(key);
  });
}
