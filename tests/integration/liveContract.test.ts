/**
 * The live contract run (`npm run test:live`, scripts/live/) with the emulator as the tenant: the same scenario
 * code a run against Microsoft 365 goes through, only the endpoint and the credentials differ, so the live run
 * is known to work before anyone points it at a tenant. Also: it leaves the tenant as it found it (a precedence
 * list it had, put back exactly), its cleanup runs after a failed step and on its own for a killed run's
 * leftovers, its transcript names no secret, token, tenant or client, and without a tenant it skips with a line.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { EMULATOR_CLIENT_ID, EMULATOR_CLIENT_SECRET, EMULATOR_TENANT_ID, GraphEmulator } from "../../emulator";
import { EMULATOR_USER } from "../../emulator/defaults";
import { ENTRA_SOURCE_ID, PROFILE_PROPERTY_SETTINGS_PATH, profileSourceUrl } from "../../model/people";
import { externalConnectionHandler } from "../../provider/resources/externalConnection/handler";
import { profileSourceHandler } from "../../provider/resources/people/profileSource";
import { profileSourcePriorityHandler } from "../../provider/resources/people/profileSourcePriority";
import { QUESTION_IDS } from "../../scripts/live/questions";
import { namesFor } from "../../scripts/live/names";
import { rememberPrecedence } from "../../scripts/live/precedence";
import { LiveRun, RunOptions } from "../../scripts/live/run";
import { runCleanup, runScenario } from "../../scripts/live/scenario";
import { EMULATOR_CONNECTOR, emulatorTarget, SKIP_LINE } from "../../scripts/live/target";
import { toFixture } from "../../scripts/live/fixture";
import { docsSampleSchema } from "../../scripts/live/steps/schemaProbes";
import { BETA_ENTRA_GROUP_AS_EXTERNAL, withTrailingComma } from "../../scripts/live/steps/groups";
import { parseRequestJson } from "../../emulator/requestJson";
import { loadCorpus } from "../docs-examples/corpus";
import { replayFixture } from "../live-fixtures/replay";
import { adminClient, delegatedCredential, emulatorCredential, useEmulator } from "../helpers/harness";
import { scratchDir } from "../helpers/scratch";

const env = useEmulator({ schemaProvisioningMs: 5000, deletionMs: 2000 });

function runOptions(prefix: string, emulator: GraphEmulator, log: string[] = []): RunOptions {
  return {
    prefix,
    sleep: async (ms) => emulator.advanceClock(ms),
    now: () => emulator.now(),
    log: (line) => log.push(line),
    restorePointPath: join(scratchDir("live-restore-"), `${prefix}.restore.json`),
  };
}

/** What the tenant holds besides the emulator's built-in objects, to compare before and after a run. */
function tenant(emulator: GraphEmulator) {
  const store = emulator.store;
  return {
    connections: store
      .connections()
      .map((connection) => String(connection.entity.id))
      .sort(),
    profileSources: [...store.profileSources.keys()].sort(),
    settings: [...store.profilePropertySettings.values()].map((setting) => ({
      id: setting.id,
      name: setting.name ?? null,
      list: setting.prioritizedSourceUrls,
    })),
    connectorGroups: [...store.connectorGroups.values()].map((group) => group.name).sort(),
    connectors: [...store.connectors.values()].map((connector) => ({
      machineName: connector.machineName,
      group: store.connectorGroups.get(connector.groupId)?.name,
    })),
  };
}

const entra = (emulator: GraphEmulator) => profileSourceUrl(emulator.url, ENTRA_SOURCE_ID);

describe("the live contract scenario against the emulator as the tenant", () => {
  test("every step passes, every open question gets an answer, and the tenant is left as it was found, its precedence list entry for entry", async () => {
    const { emulator } = env;
    const target = emulatorTarget(emulator);
    // A tenant that already has a precedence list: another source first, then Entra.
    const other = profileSourceUrl(emulator.url, "bamboohr1");
    await adminClient(emulator).request("POST", "v1.0", PROFILE_PROPERTY_SETTINGS_PATH, {
      prioritizedSourceUrls: [other, entra(emulator)],
    });
    const before = tenant(emulator);
    const arranged = emulator.requests().length;

    const report = await runScenario(target, runOptions("pgclivetest01", emulator));

    expect(report.transcript.steps.map((step) => [step.step, step.outcome, step.outcome === "passed" ? "" : step.detail])).toEqual(
      [
        "preflight",
        "schema-probes",
        "connection",
        "adoption",
        "patch-fields",
        "groups",
        "batch",
        "people",
        "probe-outcomes",
        "repeated-delete",
        "app-proxy",
      ].map((step) => [step, "passed", ""]),
    );
    expect(report.cleanup.failed).toEqual([]);
    expect(report.ok).toBe(true);
    expect(tenant(emulator)).toEqual(before);
    expect(before.settings[0].list).toEqual([other, entra(emulator)]);
    expect(before.connectors).toEqual([{ machineName: EMULATOR_CONNECTOR, group: "Default" }]);
    // A tenant with a precedence setting of its own never has it deleted, so that one question is not asked there.
    expect(new Set(report.transcript.answers.map((answer) => answer.question))).toEqual(new Set(QUESTION_IDS));
    expect(report.transcript.answers.find((answer) => answer.question === "precedence-setting-delete")?.answer).toMatch(/^not asked/);
    // Every request is in the transcript, labelled with its step; what a question asked carries its id.
    expect(report.transcript.exchanges.length).toBe(
      emulator
        .requests()
        .slice(arranged)
        .filter((entry) => !entry.inBatch).length,
    );
    for (const answer of report.transcript.answers.filter((line) => line.evidence.length > 0)) {
      for (const seq of answer.evidence) expect(report.transcript.exchanges[seq - 1]).toBeDefined();
    }
  });

  test("in a tenant without a precedence setting, the one the run made is deleted again, and asked about while it holds more than Entra", async () => {
    const { emulator } = env;
    const report = await runScenario(emulatorTarget(emulator), runOptions("pgclivetest02", emulator));
    expect(report.ok).toBe(true);
    expect(emulator.store.profilePropertySettings.size).toBe(0);
    const asked = report.transcript.answers.find((answer) => answer.question === "precedence-setting-delete")!;
    expect(asked.answer).toBe(
      "refused while it held [ours, Entra]: 400 InvalidRequest: The request is malformed or incorrect. A profile property setting with a " +
        "source precedence configuration can be deleted only once its prioritizedSourceUrls holds the Entra ID source alone; patch it to that default state first.",
    );
    expect(report.transcript.steps.find((step) => step.step === "people")?.detail).toMatch(
      /deleted the precedence setting made during the run \(the tenant had none\)$/,
    );
  });

  test("a step that fails leaves the steps after it to run or skip, and the cleanup still removes everything", async () => {
    const { emulator } = env;
    // Graph refuses every group create: the groups step fails, the batch step (which needs it) is skipped.
    emulator.addFaults({ method: "POST", path: "^/v1.0/\\$batch$", status: 400, times: 100 });
    emulator.addFaults({ method: "POST", path: "/groups$", status: 400, times: 100 });
    const report = await runScenario(emulatorTarget(emulator), runOptions("pgclivetest03", emulator));
    const outcome = (name: string) => report.transcript.steps.find((step) => step.step === name);
    expect(outcome("groups")).toMatchObject({ outcome: "failed", detail: expect.stringContaining("400") });
    expect(outcome("batch")).toEqual({ step: "batch", outcome: "skipped", detail: "needs step 'groups', which did not pass" });
    expect(outcome("people")!.outcome).toBe("passed");
    expect(report.ok).toBe(false);
    expect(report.cleanup.failed).toEqual([]);
    expect(tenant(emulator)).toMatchObject({ connections: [], profileSources: [], settings: [], connectorGroups: ["Default"] });
  });

  test("without delegated credentials the Application Proxy step is skipped with the reason, and nothing else changes", async () => {
    const { emulator } = env;
    const report = await runScenario({ ...emulatorTarget(emulator), user: undefined }, runOptions("pgclivetest04", emulator));
    expect(report.transcript.steps.find((step) => step.step === "app-proxy")).toEqual({
      step: "app-proxy",
      outcome: "skipped",
      detail: "no delegated credentials: set AZURE_USERNAME and AZURE_PASSWORD (Graph accepts only a user's token for Application Proxy)",
    });
    expect(report.ok).toBe(true);
    expect(report.transcript.exchanges.filter((exchange) => exchange.as === "user")).toEqual([]);
  });

  test("its transcript names no secret, token, tenant, client, user or connector machine, and its requests carry the token only as [REDACTED]", async () => {
    const { emulator } = env;
    const dir = scratchDir("live-transcript-");
    const options = { ...runOptions("pgclivetest05", emulator), transcriptPath: join(dir, "transcript.json") };
    const report = await runScenario(emulatorTarget(emulator), options);
    const written = readFileSync(options.transcriptPath, "utf8");
    for (const text of [written, JSON.stringify(report.transcript)]) {
      for (const secret of [EMULATOR_CLIENT_SECRET, EMULATOR_USER.password, EMULATOR_TENANT_ID, EMULATOR_CLIENT_ID, EMULATOR_USER.username])
        expect(text).not.toContain(secret);
      expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{5,}\./);
    }
    expect(new Set(report.transcript.exchanges.map((exchange) => exchange.request.headers.authorization))).toEqual(
      new Set(["Bearer [REDACTED]"]),
    );
    expect(written).toContain("<client-id>");
    expect(written).not.toContain(EMULATOR_CONNECTOR);
    expect(written).toContain('"externalIp": "<externalIp>"');
  });
});

describe("transcript to fixture", () => {
  test("a run's transcript becomes a fixture that a fresh emulator replays, every status as recorded, the tenant's own objects seeded", async () => {
    const { emulator } = env;
    const target = emulatorTarget(emulator);
    // What a tenant holds before the run and the run uses: its precedence list, and the connector in a group of its own.
    await adminClient(emulator).request("POST", "v1.0", PROFILE_PROPERTY_SETTINGS_PATH, {
      prioritizedSourceUrls: [profileSourceUrl(emulator.url, "bamboohr1"), entra(emulator)],
    });
    const user = adminClient(emulator, delegatedCredential(emulator));
    const gateways = (
      await user.request("POST", "beta", "/onPremisesPublishingProfiles/applicationProxy/connectorGroups", {
        name: "Gateways",
        region: "eur",
      })
    ).body as { id: string };
    const connector = [...emulator.store.connectors.values()].find((installed) => installed.machineName === EMULATOR_CONNECTOR)!;
    connector.groupId = gateways.id;
    const report = await runScenario(target, runOptions("pgclivetest06", emulator));
    expect(report.ok).toBe(true);

    const fixture = toFixture(report.transcript, { name: "round-trip", from: "transcript.json" });
    expect(fixture.seed.map((seed) => [seed.method, seed.url])).toEqual([
      ["POST", `/v1.0${PROFILE_PROPERTY_SETTINGS_PATH}`],
      ["POST", "/_emulator/connectors"],
      ["POST", "/beta/onPremisesPublishingProfiles/applicationProxy/connectorGroups"],
      [
        "POST",
        expect.stringMatching(/^\/beta\/onPremisesPublishingProfiles\/applicationProxy\/connectors\/\{\{v\d+\}\}\/memberOf\/\$ref$/),
      ],
    ]);
    expect(JSON.stringify(fixture)).not.toContain(emulator.url);
    const fresh = new GraphEmulator({ schemaProvisioningMs: 5000, deletionMs: 5000 });
    await fresh.start();
    try {
      const credentials = { application: emulatorCredential(fresh), user: delegatedCredential(fresh) };
      expect(await replayFixture(fresh, fixture, { credentials, compareQuestions: true })).toEqual([]);
      // And a difference is found: a status the emulator does not give fails, naming the request.
      const wrong = {
        ...fixture,
        requests: fixture.requests.map((request) =>
          request.question === "connector-group-delete-refused" ? { ...request, status: 204 } : request,
        ),
      };
      const replayedAgain = new GraphEmulator({ schemaProvisioningMs: 5000, deletionMs: 5000 });
      await replayedAgain.start();
      try {
        const again = { application: emulatorCredential(replayedAgain), user: delegatedCredential(replayedAgain) };
        const mismatches = await replayFixture(replayedAgain, wrong, { credentials: again, compareQuestions: true });
        expect(mismatches).toEqual([
          expect.objectContaining({ step: "app-proxy", recorded: "204", replayed: expect.stringMatching(/^400: /) }),
        ]);
      } finally {
        await replayedAgain.stop();
      }
    } finally {
      await fresh.stop();
    }
  });
});

describe("--cleanup <prefix>", () => {
  test("removes what a killed run left and puts the precedence list back from the restore point it wrote", async () => {
    const { emulator } = env;
    const prefix = "pgclivekilled";
    const names = namesFor(prefix);
    const options = runOptions(prefix, emulator);
    const target = emulatorTarget(emulator);
    const other = profileSourceUrl(emulator.url, "bamboohr1");
    await adminClient(emulator).request("POST", "v1.0", PROFILE_PROPERTY_SETTINGS_PATH, {
      prioritizedSourceUrls: [other, entra(emulator)],
    });
    const before = tenant(emulator);

    // What a run killed in its people step leaves: connections, a profile source placed first, the restore point.
    const killed = new LiveRun(target, options);
    await rememberPrecedence(killed);
    for (const id of [names.connection, names.probes.booleans])
      await externalConnectionHandler.create(killed.app, { connectionId: id, name: id });
    await profileSourceHandler.create(killed.app, { sourceId: names.people, displayName: "Live contract" });
    await profileSourcePriorityHandler.create(killed.app, { sourceId: names.people, position: "first" });
    await adminClient(emulator, delegatedCredential(emulator)).request(
      "POST",
      "beta",
      "/onPremisesPublishingProfiles/applicationProxy/connectorGroups",
      { name: names.connectorGroup },
    );
    expect(existsSync(options.restorePointPath)).toBe(true);
    expect(tenant(emulator)).not.toEqual(before);

    const report = await runCleanup(target, options);
    expect(report.cleanup.failed).toEqual([]);
    expect(report.cleanup.done).toEqual([
      "connector: none borrowed",
      `connector groups: deleted '${names.connectorGroup}'`,
      "probe precedence settings: none",
      "precedence list: restored the precedence list as it was (2 entries)",
      `profile sources: deleted '${names.people}'`,
      `connections: deleted '${names.connection}', '${names.probes.booleans}'`,
    ]);
    expect(tenant(emulator)).toEqual(before);
    expect(existsSync(options.restorePointPath)).toBe(false);
  });

  test("without a restore point, takes only this run's entries out of the precedence list", async () => {
    const { emulator } = env;
    const prefix = "pgclivenorest";
    const other = profileSourceUrl(emulator.url, "bamboohr1");
    const ours = profileSourceUrl(emulator.url, `${prefix}p`);
    await adminClient(emulator).request("POST", "v1.0", PROFILE_PROPERTY_SETTINGS_PATH, {
      prioritizedSourceUrls: [ours, other, entra(emulator)],
    });
    const report = await runCleanup(emulatorTarget(emulator), runOptions(prefix, emulator));
    expect(report.cleanup.done).toContain(
      "precedence list: no record of the list before the run: took out 1 entries of this run's sources",
    );
    expect(tenant(emulator).settings.map((setting) => setting.list)).toEqual([[other, entra(emulator)]]);
  });
});

describe("the probes ask with the docs' own samples", () => {
  const example = (file: string, name: string) =>
    loadCorpus()
      .find((corpus) => corpus.file === file)!
      .examples.find((entry) => entry.name === name)!.body!;

  test("the schema probes are the patch-schema sample, each keeping one of its quirks", () => {
    const sample = JSON.parse(example("connectors-v1.0.json", "create_schema_from_connection_async"));
    expect(docsSampleSchema("String", (value) => String(value))).toEqual(sample);
  });

  test("the member probes are the post-members samples: the trailing-comma form of v1.0's example 3, and beta's Entra group as an externalGroup", () => {
    expect(withTrailingComma("1431b9c38ee647f6a", "externalGroup")).toBe(
      example("connectors-v1.0.json", "create_external_group_identity_from_group"),
    );
    expect(parseRequestJson(example("connectors-beta.json", "create_externalgroupmember_from__2"))!.value).toEqual(
      BETA_ENTRA_GROUP_AS_EXTERNAL,
    );
  });
});

describe("npm run test:live", () => {
  const main = join(__dirname, "../../dist/scripts/live/main.js");
  const bare = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(AZURE_|ARM_|MSGRAPH_)/.test(name)));

  test("skips with a line saying what to set when no tenant is configured", () => {
    const result = spawnSync(process.execPath, [main], { env: bare, encoding: "utf8" });
    expect([result.status, result.stdout.trim(), result.stderr]).toEqual([0, SKIP_LINE, ""]);
  });

  test("with --emulator, runs the scenario against the bundled emulator, writes its transcript and exits 0", () => {
    const dir = scratchDir("live-cli-");
    const result = spawnSync(process.execPath, [main, "--emulator", "--transcripts", dir], {
      env: bare,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect([result.status, result.stderr]).toEqual([0, ""]);
    const transcript = result.stdout.match(/^Transcript: (.*)$/m)?.[1];
    expect(JSON.parse(readFileSync(transcript!, "utf8"))).toMatchObject({
      source: "emulator",
      steps: expect.arrayContaining([{ step: "app-proxy", outcome: "passed", detail: expect.any(String) }]),
    });
    expect(result.stdout).toMatch(/^ {2}PASSED {2}repeated-delete: /m);
    expect(result.stdout).not.toMatch(/FAILED|SKIPPED|LEFT BEHIND/);
  });

  test("refuses a --cleanup prefix that could match someone else's objects", () => {
    // Shorter than a run's prefix, it would also match the runs whose prefixes it begins.
    const result = spawnSync(process.execPath, [main, "--cleanup", "pgclivek3x9"], { env: bare, encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("--cleanup takes the prefix of a run, 'pgclive' and six lowercase letters or digits");
  });

  test("keeps the open questions and docs/open-questions.md in step: one section per question", () => {
    const sections = [...readFileSync(join(__dirname, "../../docs/open-questions.md"), "utf8").matchAll(/^## `([a-z-]+)`/gm)].map(
      (match) => match[1],
    );
    expect(sections.sort()).toEqual([...QUESTION_IDS].sort());
  });
});
