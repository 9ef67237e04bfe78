import type { dynamic } from "@pulumi/pulumi";
import { GUID_PATTERN } from "../../model/connection";
import { connectionIdProblem, GROUP_ID_PATTERN, MEMBER_TYPES } from "../../model/rules";
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

/** Why a member is refused, and which of its two fields is wrong: Entra members need an object id (GUID), external groups an alphanumeric id. */
export function memberProblem(id: unknown, type: unknown): { field: "id" | "type"; reason: string } | undefined {
  if (!MEMBER_TYPES.includes(type as never)) return { field: "type", reason: `type must be one of ${MEMBER_TYPES.join(", ")}` };
  if (typeof id !== "string" || id === "") return { field: "id", reason: "id is required" };
  if (type === "externalGroup") return GROUP_ID_PATTERN.test(id) ? undefined : { field: "id", reason: "an external group id must be 1-128 letters and digits" };
  return GUID_PATTERN.test(id) ? undefined : { field: "id", reason: `'${id}' is not an Entra object id (a GUID)` };
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
    const key = String(member?.id).toLowerCase();
    if (seen.has(key)) failures.push(failure(`members[${index}]`, `members[${index}]: '${String(member?.id)}' is listed twice`));
    seen.add(key);
  });
}
