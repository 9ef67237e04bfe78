import type { dynamic } from "@pulumi/pulumi";
import { connectionIdProblem } from "../../../model/connection";
import { GROUP_ID_PATTERN, memberProblem } from "../../../model/group";
import { failure } from "../contract";
import type { Shape } from "../inputShape";
import { containsUnknown } from "../values";

/** The shape of a member set (`members` of a group, or of each group of a set). */
export const MEMBERS_SHAPE: Shape = { list: { object: { id: "string", type: "string" } } };

/** The id rules of a group's parent connection, shared by groups, members and sets of groups. */
export function checkConnectionId(connectionId: unknown, failures: dynamic.CheckFailure[]): void {
  if (containsUnknown(connectionId)) return;
  const problem = typeof connectionId === "string" ? connectionIdProblem(connectionId) : "is required";
  if (problem) failures.push(failure("connectionId", `connectionId ${problem}`));
}

/** The id rules of a group's parent connection and of the group itself, shared by groups and members. */
export function checkGroupIds(inputs: Record<string, unknown>, failures: dynamic.CheckFailure[]): void {
  const { connectionId, groupId } = inputs;
  checkConnectionId(connectionId, failures);
  if (!containsUnknown(groupId) && (typeof groupId !== "string" || !GROUP_ID_PATTERN.test(groupId))) {
    failures.push(failure("groupId", "groupId must be 1-128 letters and digits"));
  }
}

/** A member set's rules; `path` is where the set sits in the inputs (`members`, `groups.sales.members`). */
export function checkMembers(members: unknown, failures: dynamic.CheckFailure[], path = "members"): void {
  if (members === undefined || containsUnknown(members)) return;
  if (!Array.isArray(members)) {
    failures.push(failure(path, `${path} must be a list of { id, type }`));
    return;
  }
  const seen = new Set<string>();
  members.forEach((member: { id?: unknown; type?: unknown } | null, index) => {
    const problem = memberProblem(member?.id, member?.type);
    const at = `${path}[${index}]`;
    if (problem) failures.push(failure(at, `${at}: ${problem.reason}`));
    // Graph keys members by id: the same id twice is one membership, whatever types are given.
    const key = String(member?.id).toLowerCase();
    if (seen.has(key)) failures.push(failure(at, `${at}: '${String(member?.id)}' is listed twice`));
    seen.add(key);
  });
}
