/** `graph-connectors doctor` against live connections in the emulator. */
import { PEOPLE_DATA_PAGE, profileSourceUrl } from "../../model/people";
import { diagnose, exitCode, renderReport } from "../../provider/doctor/checks";
import { externalConnectionHandler } from "../../provider/resources/externalConnection/handler";
import { profileSourceHandler } from "../../provider/resources/people/profileSource";
import { profileSourcePriorityHandler } from "../../provider/resources/people/profileSourcePriority";
import { adminClient, testContext, useEmulator } from "../helpers/harness";
import { main } from "../../provider/cli";
import { checkResource } from "../../provider/engine/check";
import { ProviderProcess } from "../../provider/engine/providerProcess";

const env = useEmulator({ schemaProvisioningMs: 100, deletionMs: 100 });

const READY = {
  connectionId: "contosokb",
  name: "Contoso KB",
  description: "Articles of the Contoso knowledge base about HR policies",
  schema: {
    properties: [
      { name: "title", type: "string", isSearchable: true, isRetrievable: true, labels: ["title"] },
      { name: "url", type: "string", isRetrievable: true, labels: ["url"] },
      { name: "icon", type: "string", isRetrievable: true, labels: ["iconUrl"] },
    ],
  },
  activitySettings: {
    urlToItemResolvers: [
      { priority: 1, itemId: "{id}", urlMatchInfo: { baseUrls: ["https://kb.contoso.com"], urlPattern: "/a/(?<id>[0-9]+)" } },
    ],
  },
  searchSettings: {
    searchResultTemplates: [
      {
        id: "kbcard",
        priority: 1,
        layout: {
          type: "AdaptiveCard",
          version: "1.3",
          body: [{ type: "TextBlock", text: "${title}" }],
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
        },
      },
    ],
  },
};

const statuses = (checks: Awaited<ReturnType<typeof diagnose>>) =>
  Object.fromEntries(checks.map((check) => [check.requirement, check.status]));

describe("graph-connectors doctor", () => {
  test("a Copilot-ready connection with items passes everything", async () => {
    const ctx = testContext(env.emulator);
    await externalConnectionHandler.create(ctx, checkResource("ExternalConnection", undefined, READY).inputs!);
    env.emulator.changeConnection("contosokb", { ingestedItemsCount: 42 });
    const checks = await diagnose(() => ctx, "contosokb", { readiness: "copilot", strict: false });
    expect(checks.filter((check) => check.status !== "pass")).toEqual([]);
    expect(statuses(checks)).toMatchObject({
      "ingested items": "pass",
      "item quota": "pass",
      "iconUrl label": "pass",
      "URL-to-item resolver": "pass",
    });
    expect(exitCode(checks)).toBe(0);
    expect(renderReport("contosokb", checks)).toMatch(/^PASS {2}ingested items +42 items$/m);
  });

  test("a draft connection fails; readiness gaps warn, or fail with --strict", async () => {
    const ctx = testContext(env.emulator);
    await adminClient(env.emulator).request("POST", "v1.0", "/external/connections", { id: "bare", name: "Bare" });
    const checks = await diagnose(() => ctx, "bare", { readiness: "copilot", strict: false });
    expect(statuses(checks)).toMatchObject({
      state: "fail",
      "schema registered": "fail",
      "title label": "warn",
      "meaningful description": "warn",
      "ingested items": "warn",
    });
    expect(exitCode(checks)).toBe(1);
    expect(renderReport("bare", checks)).toContain("FAIL  state");
    expect(statuses(await diagnose(() => ctx, "bare", { readiness: "copilot", strict: true }))).toMatchObject({ "title label": "fail" });
    expect(await diagnose(() => ctx, "nosuch", { readiness: "copilot", strict: false })).toEqual([
      expect.objectContaining({ requirement: "settings", status: "pass" }),
      { requirement: "connection", status: "fail", detail: "no connection 'nosuch' in the tenant" },
    ]);
  });

  test("a people connector needs its profile source and its place in the tenant's precedence list", async () => {
    const ctx = testContext(env.emulator);
    await externalConnectionHandler.create(ctx, {
      connectionId: "contosohr",
      name: "Contoso HR",
      description: "Skills and positions of Contoso employees from the HR system",
      contentCategory: "people",
      schema: {
        properties: [
          { name: "upn", type: "string", isRetrievable: true, labels: ["personAccount"] },
          { name: "skills", type: "stringCollection", isRetrievable: true, labels: ["personSkills"] },
        ],
      },
    } as never);
    expect(statuses(await diagnose(() => ctx, "contosohr", { readiness: "copilot", strict: false }))).toMatchObject({
      "personAccount label": "pass",
      "profile source": "fail",
    });
    await profileSourceHandler.create(ctx, { sourceId: "contosohr", displayName: "Contoso HR" });
    // Only in a setting named after a profile property (what 0.2.x wrote): Graph does not read that for precedence.
    const admin = adminClient(env.emulator);
    const entry = (sourceId: string) => profileSourceUrl(env.emulator.url, sourceId);
    await admin.request("POST", "v1.0", "/admin/people/profilePropertySettings", {
      name: "skills",
      prioritizedSourceUrls: [entry("contosohr")],
    });
    expect(
      (await diagnose(() => ctx, "contosohr", { readiness: "copilot", strict: false })).find(
        (check) => check.requirement === "profile precedence",
      ),
    ).toEqual({
      requirement: "profile precedence",
      status: "fail",
      doc: PEOPLE_DATA_PAGE,
      detail:
        "not in the tenant's precedence list: declare a ProfileSourcePriority with sourceId 'contosohr'; it is in the named setting(s) skills, which Graph does not use for precedence (run `pulumi up` with this release to move it)",
    });
    await profileSourcePriorityHandler.create(ctx, { sourceId: "workday", position: "first" });
    await profileSourcePriorityHandler.create(ctx, { sourceId: "contosohr", after: "workday" });
    await admin.request(
      "PATCH",
      "v1.0",
      `/admin/people/profilePropertySettings/${[...env.emulator.store.profilePropertySettings.values()].find((setting) => setting.name === "skills")!.id}`,
      { prioritizedSourceUrls: [] },
    );
    const checks = await diagnose(() => ctx, "contosohr", { readiness: "copilot", strict: false });
    expect(checks.find((check) => check.requirement === "profile precedence")).toEqual({
      requirement: "profile precedence",
      status: "pass",
      detail: "2 of 3 in the tenant's precedence list (after 'workday', before Microsoft Entra ID)",
    });
    // Content labels do not apply to people connectors.
    expect(checks.map((check) => check.requirement)).not.toContain("title label");
  });
});

describe("graph-connectors doctor's readiness levels", () => {
  /** A connection with the labels Copilot requires and none of what it recommends. */
  async function labelledOnly(ctx: ReturnType<typeof testContext>) {
    const { activitySettings: _resolvers, searchSettings: _templates, ...rest } = READY;
    await externalConnectionHandler.create(ctx, checkResource("ExternalConnection", undefined, { ...rest, description: "KB" }).inputs!);
    env.emulator.changeConnection("contosokb", { ingestedItemsCount: 42 });
  }

  test("tags each readiness check with its level; --strict=required passes a connection with what the docs require", async () => {
    const ctx = testContext(env.emulator);
    await labelledOnly(ctx);
    const checks = await diagnose(() => ctx, "contosokb", { readiness: "copilot", strict: "required" });
    expect(checks.filter((check) => check.level).map((check) => [check.requirement, check.level, check.status])).toEqual([
      ["title label", "required", "pass"],
      ["url label", "required", "pass"],
      ["iconUrl label", "required", "pass"],
      ["searchable content", "recommended", "pass"],
      ["URL-to-item resolver", "recommended", "warn"],
      ["result template", "recommended", "warn"],
      ["meaningful description", "recommended", "warn"],
    ]);
    expect(exitCode(checks)).toBe(0);
    expect(renderReport("contosokb", checks)).toMatch(
      /^WARN {2}URL-to-item resolver +\[recommended\] add activitySettings\.urlToItemResolvers/m,
    );
    expect(exitCode(await diagnose(() => ctx, "contosokb", { readiness: "copilot", strict: "recommended" }))).toBe(1);
    expect(exitCode(await diagnose(() => ctx, "contosokb", { readiness: "copilot", strict: true }))).toBe(1);
  });

  test("--readiness agent adds the labels a declarative agent scopes by; --strict=agent fails on them", async () => {
    const ctx = testContext(env.emulator);
    await labelledOnly(ctx);
    const checks = await diagnose(() => ctx, "contosokb", { readiness: "agent", strict: "agent" });
    expect(checks.filter((check) => check.level === "agent").map((check) => [check.requirement, check.status])).toEqual([
      ["itemPath label", "fail"],
      ["containerName label", "fail"],
      ["containerUrl label", "fail"],
    ]);
    expect(statuses(checks)).toMatchObject({ "URL-to-item resolver": "warn" });
  });

  test("the command line takes --strict alone (every gap) or --strict=<level>, and refuses a level the target does not report", async () => {
    const ctx = testContext(env.emulator);
    await labelledOnly(ctx);
    const provider = new ProviderProcess();
    provider.useContext(ctx);
    const lines: string[] = [];
    expect(await main(["doctor", "contosokb", "--strict=required"], (line) => lines.push(line), { provider })).toBe(0);
    expect(await main(["doctor", "contosokb", "--strict"], () => undefined, { provider })).toBe(1);
    await expect(main(["doctor", "contosokb", "--strict=agent"], console.log, { provider })).rejects.toThrow(
      "--strict 'agent' applies only with readiness 'agent'",
    );
    expect(lines.join("\n")).toContain("[recommended]");
  });
});

describe("usage outputs (reportUsage)", () => {
  test("a connection reports its ingested items and remaining quota from beta when asked, on create and refresh", async () => {
    const ctx = testContext(env.emulator);
    const inputs = checkResource("ExternalConnection", undefined, { ...READY, reportUsage: true }).inputs!;
    const created = await externalConnectionHandler.create(ctx, inputs);
    expect(created.outs).toMatchObject({ itemsRemaining: 5_000_000 });
    expect(created.outs.ingestedItemsCount).toBeUndefined();
    env.emulator.changeConnection("contosokb", { ingestedItemsCount: 1200 });
    const refreshed = await externalConnectionHandler.read(ctx, "contosokb", created.outs);
    expect(refreshed.props).toMatchObject({ ingestedItemsCount: 1200, itemsRemaining: 5_000_000 - 1200 });
    // Not asked: no beta request, no usage outputs.
    const plain = await externalConnectionHandler.read(ctx, "contosokb", {
      ...created.outs,
      reportUsage: undefined,
      ingestedItemsCount: undefined,
      itemsRemaining: undefined,
    });
    expect(plain.props).not.toHaveProperty("itemsRemaining");
  });
});
