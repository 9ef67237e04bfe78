/** A rule broken by a request body or an input: where (a dotted path such as `schema.properties[2].name`) and why. */
export interface Problem {
  path: string;
  reason: string;
}
