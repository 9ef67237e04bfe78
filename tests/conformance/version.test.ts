/**
 * One version per release: package.json's. Every other file that states it (the lock file, the schema, each
 * SDK's manifest and the Go SDK's default options) must agree; `npm run stamp-version` writes it everywhere
 * (scripts/release/version.ts), and `npm version <x.y.z>` runs that itself.
 */
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { packageVersion, siteVersion, stampVersion, VERSION_SITES } from "../../scripts/release/version";
import { scratchDir } from "../helpers/scratch";

const root = join(__dirname, "..", "..");

describe("the release version", () => {
  test("every file that states it states package.json's (run `npm run stamp-version`)", () => {
    const version = packageVersion(root);
    expect(VERSION_SITES.map((site) => [site.file, site.field, siteVersion(root, site)])).toEqual(
      VERSION_SITES.map((site) => [site.file, site.field, version]),
    );
  });

  test("stamping writes a new version into every site and changes nothing else", () => {
    const copy = scratchDir("graph-version-");
    for (const file of new Set(["package.json", ...VERSION_SITES.map((site) => site.file)])) {
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      copyFileSync(join(root, file), join(copy, file));
    }
    const before = packageVersion(root);
    const changed = stampVersion(copy, "10.20.3-rc.1");
    expect(changed.sort()).toEqual([...new Set(VERSION_SITES.map((site) => site.file))].sort());
    expect(VERSION_SITES.map((site) => siteVersion(copy, site))).toEqual(VERSION_SITES.map(() => "10.20.3-rc.1"));
    for (const file of changed) {
      const count = (text: string, value: string) => text.split(value).length - 1;
      const original = readFileSync(join(root, file), "utf8");
      const stamped = readFileSync(join(copy, file), "utf8");
      // Only the stamped occurrences moved: the text is the original with those replaced.
      const stampedSites = VERSION_SITES.filter((site) => site.file === file).length;
      expect([file, count(stamped, "10.20.3-rc.1")]).toEqual([file, stampedSites]);
      expect([file, count(original, before) - count(stamped, before)]).toEqual([file, stampedSites]);
      expect([file, stamped.length - original.length]).toEqual([file, stampedSites * ("10.20.3-rc.1".length - before.length)]);
    }
    expect(stampVersion(copy, "10.20.3-rc.1")).toEqual([]);
  });
});
