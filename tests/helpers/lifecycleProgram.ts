/**
 * The program of the dynamic provider's lifecycle suites (tests/e2e/lifecycle*.test.ts): a connection and a
 * group in it, with the inputs a test changes between runs.
 */
import { ExternalConnection, ExternalGroup } from "../../sdk/dynamic";
import type { SchemaPropertyInput } from "../../provider/resources/externalConnection/types";

export interface Spec {
  name: string;
  properties: SchemaPropertyInput[];
  members: string[];
}

export const TITLE: SchemaPropertyInput = { name: "title", type: "string", isSearchable: true, isRetrievable: true, labels: ["title"] };
export const OWNER: SchemaPropertyInput = { name: "owner", type: "string", isQueryable: true, isRetrievable: true };

/** The program of `spec` as it is when the program runs; `onMembers` gets what it read from `group.members`. */
export function programFor(spec: Spec, onMembers: (members: unknown) => void = () => undefined) {
  return async () => {
    const connection = new ExternalConnection("kb", {
      connectionId: "contosokb",
      name: spec.name,
      description: "Knowledge base",
      schema: { properties: spec.properties },
    });
    const group = new ExternalGroup("readers", {
      connectionId: connection.connectionId,
      groupId: "readers",
      displayName: "Readers",
      members: spec.members.map((id) => ({ id, type: "user" as const })),
    });
    group.members.apply(onMembers);
    return { state: connection.state, group: group.groupId, members: group.members };
  };
}
