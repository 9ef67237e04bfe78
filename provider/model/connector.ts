/** Rules of the beta `connector` object, shared by the provider's `check` and the emulator. */
import { isIP } from "node:net";
import { Problem } from "./schema";

export const CONNECTOR_FIELDS = ["machineName", "externalIp", "status"] as const;
export const CONNECTOR_STATUSES = ["active", "inactive"] as const;

/** Problems of the connector fields present in `body`; `requireMachineName` for creates. */
export function connectorProblems(body: Record<string, unknown>, requireMachineName: boolean): Problem[] {
  const problems: Problem[] = [];
  const { machineName, externalIp, status } = body;
  if ((requireMachineName || machineName !== undefined) && (typeof machineName !== "string" || machineName.trim() === "" || machineName.length > 255)) {
    problems.push({ path: "machineName", reason: "machineName must be 1-255 characters" });
  }
  if (externalIp !== undefined && externalIp !== null && (typeof externalIp !== "string" || isIP(externalIp) === 0)) {
    problems.push({ path: "externalIp", reason: `externalIp '${String(externalIp)}' is not an IPv4 or IPv6 address` });
  }
  if (status !== undefined && !CONNECTOR_STATUSES.includes(status as never)) {
    problems.push({ path: "status", reason: "status must be 'active' or 'inactive'" });
  }
  return problems;
}
