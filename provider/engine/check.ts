/**
 * The one check flow of every resource type, for both hosts (engine.ts runs it after the settings' own check):
 *   1. the dynamic host's `__provider` key leaves the inputs;
 *   2. a type only a user's sign-in can manage refuses an application credential (a ConfigurationError);
 *   3. every input and its JSON type against the type's input shape (registry.ts), near misses named: the
 *      handler's rules run only on inputs of known keys and types;
 *   4. the clouds the type exists in;
 *   5. the handler's own rules.
 * A problem is `{ path, reason }` (model/problem.ts); the failure the engine gets names the input path and
 * reads `<path> <reason>`, worded here and nowhere else.
 */
import type { dynamic } from "@pulumi/pulumi";
import type { Problem } from "../../model/problem";
import { requireDelegatedCredential } from "../resources/appProxy/delegated";
import { CheckSettings, CloudRestriction, DEFAULT_CHECK_SETTINGS } from "../resources/contract";
import { inputShapeProblems } from "../resources/inputShape";
import { withoutProviderKey } from "../resources/values";
import { InputsOf, resourceEntry, ResourceType } from "./registry";

type Props = Record<string, unknown>;

/** The checked inputs (in the handler's form) and lines the person running the preview must read; or the failures. */
export interface CheckOutcome<Inputs = Props> {
  inputs?: Inputs;
  warnings?: string[];
  failures?: dynamic.CheckFailure[];
}

/** A problem as the engine shows it: at its input path, the path first. */
export function problemFailure(problem: Problem): dynamic.CheckFailure {
  return { property: problem.path, reason: `${problem.path} ${problem.reason}` };
}

/** A type used in a cloud it does not exist in fails at the setting that chose the cloud. */
function cloudFailure(type: string, restriction: CloudRestriction | undefined, settings: CheckSettings): dynamic.CheckFailure | undefined {
  if (!restriction || restriction.clouds.includes(settings.environment)) return undefined;
  return {
    property: settings.environmentKey,
    reason: `${type} cannot be used in the '${settings.environment}' cloud: ${restriction.why}; ${settings.environmentKey} is '${settings.environment}'`,
  };
}

/** Checks `news` (in the handler's form) as a resource of `type`; `olds`: the inputs of the last deployment, if any. */
export function checkResource<T extends ResourceType>(
  type: T,
  olds: Props | undefined,
  news: Props,
  settings?: CheckSettings,
): CheckOutcome<InputsOf<T>>;
export function checkResource(type: string, olds: Props | undefined, news: Props, settings?: CheckSettings): CheckOutcome;
export function checkResource(
  type: string,
  olds: Props | undefined,
  news: Props,
  settings: CheckSettings = DEFAULT_CHECK_SETTINGS,
): CheckOutcome {
  const entry = resourceEntry(type);
  const inputs = withoutProviderKey(news);
  if (entry.delegatedOnly && settings.credential) requireDelegatedCredential(type, settings.credential);
  const shape = inputShapeProblems(inputs, entry.inputShape);
  if (shape.length > 0) return { failures: shape.map(problemFailure) };
  const cloud = cloudFailure(type, entry.clouds, settings);
  const checked = entry.handler.check(olds && withoutProviderKey(olds), inputs, settings);
  const failures = [...(cloud ? [cloud] : []), ...(checked.problems ?? []).map(problemFailure)];
  if (failures.length > 0) return { failures };
  const warnings = checked.warnings ?? [];
  return { inputs: checked.inputs as Props, ...(warnings.length > 0 ? { warnings } : {}) };
}
