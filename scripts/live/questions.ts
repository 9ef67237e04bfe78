/**
 * The questions Microsoft's documents leave open that the live contract run asks a tenant. Each id is a section
 * of docs/open-questions.md (`## <id>`), which gives its sources, what the emulator does today and why; the
 * step named here is where the run asks it, and its transcript holds the answer (`answers`, and the requests
 * labelled with the id). tests/integration/liveContract.test.ts keeps this list and the document in step.
 */
export const QUESTIONS = {
  "repeated-delete": { title: "What a DELETE of a connection Graph is still deleting answers", step: "repeated-delete" },
  "connection-patch-fields": { title: "Which connection properties PATCH accepts", step: "connection" },
  "select-unknown-property": { title: "What `$select` of a property the type does not have answers", step: "connection" },
  "client-request-id-echo": {
    title: "Whether answers carry the caller's client-request-id, and what stands in without one",
    step: "connection",
  },
  "string-booleans": { title: 'Whether a schema may send booleans as strings (`"isSearchable": "true"`)', step: "schema-probes" },
  "enum-case": { title: 'Whether enum members are accepted in another case (`"type": "String"`)', step: "schema-probes" },
  "evolvable-enum-write": {
    title: "Whether a write using an evolvable enum member without `Prefer: include-unknown-enum-members` is refused",
    step: "schema-probes",
  },
  "people-unsupported-labels": {
    title: "Whether a people connector's schema with labels the people-data page does not support is refused",
    step: "schema-probes",
  },
  "schema-resubmit-while-running": { title: "What a schema submitted while a schema operation runs answers", step: "schema-probes" },
  "trailing-comma": { title: "Whether a request body with a trailing comma (the member samples) is accepted", step: "groups" },
  "beta-member-entra-as-external": {
    title: "What the beta member sample (an Entra group id posted as `externalGroup`) answers",
    step: "groups",
  },
  "batch-concurrency": { title: "How `$batch` requests count against the 25 concurrent operations per connection", step: "batch" },
  "profile-source-duplicate": { title: "What a second create of a profile source with the same sourceId answers", step: "people" },
  "position-last-entra": { title: "Where the built-in Entra source stands when a source is placed last", step: "people" },
  "second-unnamed-setting": { title: "What a second profilePropertySetting without a name answers", step: "people" },
  "precedence-setting-delete": {
    title: "What deleting the precedence setting while it holds more than the Entra source answers",
    step: "people",
  },
  "memberof-ref-status": { title: "Whether `POST connectors/{id}/memberOf/$ref` answers 201 with the group or 204", step: "app-proxy" },
  "connector-group-delete-refused": { title: "What deleting a connector group that still holds a connector answers", step: "app-proxy" },
  "connector-group-listed-at-once": { title: "Whether a connector group is listed right after it is created", step: "app-proxy" },
} as const;

export type QuestionId = keyof typeof QUESTIONS;

export const QUESTION_IDS = Object.keys(QUESTIONS) as QuestionId[];
