/**
 * What live contract runs recorded (tests/live-fixtures/*.json, made by `npm run live:fixture` from a run's
 * transcript), replayed against a fresh emulator: each request must get the status the recorded tenant gave it.
 * A fixture from a Microsoft 365 tenant is Graph's word, so a difference is the emulator's to fix (or to write
 * down in docs/open-questions.md and the fixture's place in it); the example from the emulator keeps the replay
 * itself honest.
 */
import { GraphEmulator } from "../../emulator";
import { FIXTURE_FORMAT } from "../../scripts/live/formats";
import { QUESTION_IDS } from "../../scripts/live/questions";
import { loadFixtures, replayFixture } from "../live-fixtures/replay";
import { delegatedCredential, emulatorCredential } from "../helpers/harness";

const fixtures = loadFixtures();

test("there is at least the example fixture, and every fixture says what it is and where it came from", () => {
  expect(fixtures.map(({ file }) => file)).toContain("emulator-example.json");
  for (const { file, fixture } of fixtures) {
    expect([file, fixture.format, fixture.source, `${fixture.name}.json`]).toEqual([
      file,
      FIXTURE_FORMAT,
      expect.stringMatching(/^(tenant|emulator)$/),
      file,
    ]);
    expect(fixture.from).toMatch(/\.json$/);
    for (const request of fixture.requests) {
      if (request.question !== undefined) expect(QUESTION_IDS).toContain(request.question);
      expect(request.url).toMatch(/^\/(v1\.0|beta)\//);
    }
  }
});

for (const { file, fixture } of fixtures) {
  describe(`${file}: ${fixture.description}`, () => {
    // Graph's slow work takes a few seconds here; a replayed read that comes too early is sent again with the clock moved on.
    const emulator = new GraphEmulator({ schemaProvisioningMs: 5000, deletionMs: 5000 });
    beforeAll(async () => {
      await emulator.start();
    });
    afterAll(async () => {
      await emulator.stop();
    });

    test(`each of its ${fixture.requests.length} requests gets the status the ${fixture.source} gave it`, async () => {
      const mismatches = await replayFixture(emulator, fixture, {
        credentials: { application: emulatorCredential(emulator), user: delegatedCredential(emulator) },
      });
      expect(mismatches).toEqual([]);
    });
  });
}
