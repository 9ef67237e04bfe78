/** OData instance annotations in request and response bodies. */

/**
 * Whether a body member is an instance annotation rather than a property: `@odata.type`, `@odata.context`,
 * `@microsoft.graph.conflictBehavior`, or one annotating a property (`title@odata.type`). OData JSON Format
 * 4.01 section 18 names them so ("@" + namespace-qualified term, optionally after a property name); the Graph
 * SDKs and the docs' own samples send `@odata.type` in POST and PATCH bodies (e.g. profilesource-update.md,
 * peopleadminsettings-post-profilepropertysettings.md), and Graph accepts them (graph-api.md, Corrections
 * 2026-12-06). An annotation is never a property to store or to refuse as undeclared.
 */
export function isInstanceAnnotation(name: string): boolean {
  return name.includes("@");
}

/** The members of a body that are properties, annotations left out. */
export function withoutAnnotations(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([name]) => !isInstanceAnnotation(name)));
}
