/**
 * Every error the provider throws is a GraphConnectorsError (provider/errors.ts), so a program or a test can
 * tell the package's errors from anything else with one `instanceof`: no plain `Error` is thrown in provider/.
 * (model/ stays free of provider/, which the emulator must not read its rules from.)
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const ROOT = join(__dirname, "..", "..");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

test("the provider throws only GraphConnectorsError and its subclasses", () => {
  const plain = sources(join(ROOT, "provider")).flatMap((path) =>
    readFileSync(path, "utf8")
      .split("\n")
      .map((line, index) => ({ line, where: `${relative(ROOT, path)}:${index + 1}` }))
      .filter(({ line }) => /\bnew (Type|Range)?Error\(/.test(line))
      .map(({ where, line }) => `${where}: ${line.trim()}`),
  );
  expect(plain).toEqual([]);
});
