import { PROFILE_SOURCE_UPDATABLE_FIELDS, PROFILE_SOURCES_PATH, profileSourcePath, profileSourceProblems } from "../../../model/people";
import type { Problem } from "../../../model/problem";
import { ProviderContext } from "../../context";
import { ResourceHandler } from "../contract";
import type { Shape } from "../inputShape";
import { createOrAdopt, fieldDifferences, unlessNotFound } from "../operations";
import { containsUnknown, plainOutputs, sameValue } from "../values";
import { ProfileSourceInputs, ProfileSourceOutputs } from "./types";
import { GraphConnectorsError } from "../../errors";

/** Every input of a profile source and its JSON type. */
export const PROFILE_SOURCE_INPUT_SHAPE: Record<string, Shape> = {
  sourceId: "string",
  displayName: "string",
  kind: "string",
  webUrl: "string",
  adoptExisting: "boolean",
  localizations: { list: { object: { languageTag: "string", displayName: "string", webUrl: "string" } } },
};

export async function getProfileSource(ctx: ProviderContext, sourceId: string): Promise<Record<string, unknown> | undefined> {
  return (await unlessNotFound(() => ctx.graph.request("GET", "v1.0", profileSourcePath(sourceId))))?.body as
    Record<string, unknown> | undefined;
}

function body(inputs: ProfileSourceInputs, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(
    fields
      .filter((field) => (inputs as unknown as Record<string, unknown>)[field] !== undefined)
      .map((field) => [field, (inputs as unknown as Record<string, unknown>)[field]]),
  );
}

/** The declared fields as Graph holds them, and Graph's id. */
function outputsFrom(inputs: ProfileSourceInputs, actual: Record<string, unknown>): ProfileSourceOutputs {
  const outs: Record<string, unknown> = { ...inputs, profileSourceId: actual.id };
  for (const field of PROFILE_SOURCE_UPDATABLE_FIELDS) {
    if ((inputs as unknown as Record<string, unknown>)[field] !== undefined) outs[field] = actual[field] ?? undefined;
  }
  return plainOutputs(outs) as unknown as ProfileSourceOutputs;
}

/**
 * A people connector registered as a source of profile data (`/admin/people/profileSources`), addressed by its
 * `sourceId`, the connection id. Register it after the connection and its schema, and before placing it in the
 * tenant's source precedence (ProfileSourcePriority); Pulumi's dependencies give that order, and the reverse on
 * destroy. Global service only (model/people.ts).
 */
export const profileSourceHandler: ResourceHandler<ProfileSourceInputs, ProfileSourceOutputs> = {
  check(_olds, inputs) {
    const problems: Problem[] = [];
    if (!containsUnknown(inputs.webUrl)) problems.push(...profileSourceProblems(inputs));
    for (const field of ["sourceId", "displayName"] as const) {
      const value = inputs[field];
      if (!containsUnknown(value) && (typeof value !== "string" || value.trim() === ""))
        problems.push({ path: field, reason: "is required" });
    }
    const localizations = Array.isArray(inputs.localizations) ? (inputs.localizations as Array<Record<string, unknown>>) : [];
    localizations.forEach((localization, index) => {
      if (!containsUnknown(localization.languageTag) && typeof localization.languageTag !== "string") {
        problems.push({ path: `localizations[${index}].languageTag`, reason: "is required" });
      }
    });
    return problems.length > 0 ? { problems } : { inputs: inputs as unknown as ProfileSourceInputs };
  },

  diff(_id, olds, news) {
    if (!sameValue(olds.sourceId, news.sourceId)) return { changes: true, replaces: ["sourceId"], deleteBeforeReplace: true };
    return {
      changes: PROFILE_SOURCE_UPDATABLE_FIELDS.some((field) => news[field] !== undefined && !sameValue(olds[field], news[field])),
      replaces: [],
    };
  },

  async create(ctx, inputs) {
    const what = `profile source '${inputs.sourceId}'`;
    const outcome = await createOrAdopt(ctx, what, {
      create: (observer) =>
        ctx.graph.request("POST", "v1.0", PROFILE_SOURCES_PATH, body(inputs, ["sourceId", ...PROFILE_SOURCE_UPDATABLE_FIELDS]), {
          observer,
        }),
      exists: async () => (await getProfileSource(ctx, inputs.sourceId)) !== undefined,
      adoptExisting: inputs.adoptExisting === true,
      conflictHint: "Set adoptExisting: true to manage the registered source, or remove it first.",
      differences: async () =>
        fieldDifferences(
          inputs as unknown as Record<string, unknown>,
          (await getProfileSource(ctx, inputs.sourceId)) ?? {},
          PROFILE_SOURCE_UPDATABLE_FIELDS,
          (_field, a, b) => sameValue(a, b),
        ),
    });
    if (!outcome.adopted) return { id: inputs.sourceId, outs: outputsFrom(inputs, outcome.body as Record<string, unknown>) };
    return {
      id: inputs.sourceId,
      outs: (await profileSourceHandler.update(ctx, inputs.sourceId, {} as ProfileSourceOutputs, inputs)).outs,
    };
  },

  async read(ctx, id, props) {
    const actual = await getProfileSource(ctx, id);
    return actual ? { id, props: outputsFrom({ ...props, sourceId: id }, actual) } : { id: undefined };
  },

  async update(ctx, id, _olds, news) {
    const actual = await getProfileSource(ctx, id);
    if (!actual)
      throw new GraphConnectorsError(`profile source '${id}' is no longer registered; run \`pulumi refresh\` to register it again`);
    const patch = Object.fromEntries(
      Object.entries(body(news, PROFILE_SOURCE_UPDATABLE_FIELDS)).filter(([field, value]) => !sameValue(value, actual[field])),
    );
    if (Object.keys(patch).length > 0) await ctx.graph.request("PATCH", "v1.0", profileSourcePath(id), patch);
    return { outs: outputsFrom(news, { ...actual, ...patch }) };
  },

  async delete(ctx, id) {
    await unlessNotFound(() => ctx.graph.request("DELETE", "v1.0", profileSourcePath(id)));
  },

  async importInputs(ctx, id) {
    const actual = await getProfileSource(ctx, id);
    if (!actual) return undefined;
    const inputs: Record<string, unknown> = { sourceId: id };
    for (const field of PROFILE_SOURCE_UPDATABLE_FIELDS) {
      const value = actual[field];
      if (value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0)) inputs[field] = value;
    }
    return plainOutputs(inputs) as unknown as ProfileSourceInputs;
  },
};
