/**
 * Everything the run creates is named from one prefix, so that the cleanup (and `--cleanup <prefix>` after an
 * aborted run) finds all of it and nothing else. Connection ids are 3-32 letters and digits
 * (model/connection.ts): `pgclive` and six random ones leave room for the suffixes below.
 */
import { randomInt } from "node:crypto";
import { ENTRA_SOURCE_ID, profileSourceUrl } from "../../model/people";

/**
 * `pgclive` and exactly six lowercase letters or digits, as newPrefix makes them: narrow on purpose, so a cleanup
 * (which removes whatever starts with the prefix) can never match another run's objects or anyone else's.
 */
export const PREFIX_PATTERN = /^pgclive[a-z0-9]{6}$/;

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

export function newPrefix(random: (max: number) => number = randomInt): string {
  return `pgclive${Array.from({ length: 6 }, () => ALPHABET[random(ALPHABET.length)]).join("")}`;
}

/** Whether `id` (a connection id, a sourceId, a connector group's name) belongs to the run of `prefix`. */
export function belongsTo(prefix: string, id: unknown): boolean {
  return typeof id === "string" && id.toLowerCase().startsWith(prefix.toLowerCase());
}

export interface RunNames {
  /** The connection the scenario declares (schema, update, adoption, groups). */
  connection: string;
  /** The people connection, its profile source and precedence entry. */
  people: string;
  /** Connections that carry one probe each; the first also takes the PATCH probes and the repeated DELETE. */
  probes: { booleans: string; enumCase: string; evolvable: string; peopleLabels: string };
  /** External groups of the connection (group ids are unique within their connection only). */
  groups: { members: string; nestedA: string; nestedB: string; nestedC: string };
  connectorGroup: string;
}

export function namesFor(prefix: string): RunNames {
  return {
    connection: prefix,
    people: `${prefix}p`,
    probes: { booleans: `${prefix}qb`, enumCase: `${prefix}qc`, evolvable: `${prefix}qe`, peopleLabels: `${prefix}qu` },
    groups: { members: "pgclivemembers", nestedA: "pgclivea", nestedB: "pgcliveb", nestedC: "pgclivec" },
    connectorGroup: `${prefix} connector group`,
  };
}

/** The built-in Entra source's entry in a precedence list, as the provider writes entries (model/people.ts). */
export function entraEntry(graphRoot: string): string {
  return profileSourceUrl(graphRoot, ENTRA_SOURCE_ID);
}
