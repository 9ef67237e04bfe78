import { connectionIdProblem } from "../../../model/connection";
import { GROUP_ID_PATTERN, memberProblem } from "../../../model/group";
import type { Problem } from "../../../model/problem";
import type { Shape } from "../inputShape";
import { containsUnknown } from "../values";

/** The shape of a member set (`members` of a group, or of each group of a set). */
export const MEMBERS_SHAPE: Shape = { list: { object: { id: "string", type: "string" } } };

/** The id rules of a group's parent connection, shared by groups, members and sets of groups. */
export function checkConnectionId(connectionId: unknown, problems: Problem[]): void {
  if (containsUnknown(connectionId)) return;
  const problem = typeof connectionId === "string" ? connectionIdProblem(connectionId) : "is required";
  if (problem) problems.push({ path: "connectionId", reason: problem });
}

/** The id rules of a group's parent connection and of the group itself, shared by groups and members. */
export function checkGroupIds(inputs: Record<string, unknown>, problems: Problem[]): void {
  const { connectionId, groupId } = inputs;
  checkConnectionId(connectionId, problems);
  if (!containsUnknown(groupId) && (typeof groupId !== "string" || !GROUP_ID_PATTERN.test(groupId))) {
    problems.push({ path: "groupId", reason: "must be 1-128 letters and digits" });
  }
}

/** A member set's rules; `path` is where the set sits in the inputs (`members`, `groups.sales.members`). */
export function checkMembers(members: unknown, problems: Problem[], path = "members"): void {
  if (members === undefined || containsUnknown(members)) return;
  if (!Array.isArray(members)) {
    problems.push({ path, reason: "must be a list of { id, type }" });
    return;
  }
  const seen = new Set<string>();
  members.forEach((member: { id?: unknown; type?: unknown } | null, index) => {
    const problem = memberProblem(member?.id, member?.type);
    const at = `${path}[${index}]`;
    if (problem) problems.push({ path: `${at}.${problem.field}`, reason: problem.reason });
    // Graph keys members by id: the same id twice is one membership, whatever types are given.
    const key = String(member?.id).toLowerCase();
    if (seen.has(key)) problems.push({ path: `${at}.id`, reason: `'${String(member?.id)}' is listed twice` });
    seen.add(key);
  });
}
