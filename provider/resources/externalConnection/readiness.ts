/**
 * How readiness gaps (model/readiness.ts) reach the person running a preview or `graph-connectors doctor`:
 * as warnings, or as failures for the levels `strictReadiness` (doctor: `--strict`) names.
 */
import { READINESS_LEVELS, ReadinessFinding, ReadinessLevel, ReadinessTarget } from "../../../model/readiness";

/**
 * `true` fails on every gap the target reports, as 0.2.x did; a level fails on the gaps of that level and of
 * `required`: `"required"` only what the docs say must be there, `"recommended"` what they say helps too,
 * `"agent"` the labels a declarative agent scopes by (readiness `agent` only).
 */
export const STRICTNESS_LEVELS = READINESS_LEVELS;
export type Strictness = boolean | ReadinessLevel;

const FAILING: Record<ReadinessLevel, readonly ReadinessLevel[]> = {
  required: ["required"],
  recommended: ["required", "recommended"],
  agent: ["required", "agent"],
};

/** The levels whose gaps fail under `strictness`; none when it is false or absent. */
export function failingLevels(strictness: Strictness | undefined): readonly ReadinessLevel[] {
  if (strictness === true) return READINESS_LEVELS;
  return typeof strictness === "string" ? FAILING[strictness] : [];
}

/** Why `strictness` cannot be used with `target`, or undefined. */
export function strictnessProblem(strictness: unknown, target: ReadinessTarget): string | undefined {
  if (strictness === undefined || typeof strictness === "boolean") return undefined;
  if (!(STRICTNESS_LEVELS as readonly unknown[]).includes(strictness))
    return `must be true, false or one of ${STRICTNESS_LEVELS.join(", ")}`;
  if (strictness === "agent" && target !== "agent")
    return "'agent' applies only with readiness 'agent', the target that reports the labels a declarative agent scopes by";
  return undefined;
}

const EXPERIENCE: Record<Exclude<ReadinessTarget, "none">, string> = {
  copilot: "Microsoft 365 Copilot",
  search: "Microsoft Search",
  agent: "Microsoft 365 Copilot",
};

/** Whom a gap matters to, for one line: `required for Microsoft 365 Copilot`, `for a declarative agent`. */
export function levelPhrase(finding: ReadinessFinding, target: Exclude<ReadinessTarget, "none">, people: boolean): string {
  if (finding.level === "agent") return "for a declarative agent";
  return `${finding.level} for ${people ? "a people connector" : EXPERIENCE[target]}`;
}

/** One line per gap: `required for Microsoft 365 Copilot: iconUrl label: label a property … (doc)`. */
export function describeGap(finding: ReadinessFinding, target: Exclude<ReadinessTarget, "none">, people: boolean): string {
  return `${levelPhrase(finding, target, people)}: ${finding.requirement}: ${finding.detail} (${finding.doc})`;
}
