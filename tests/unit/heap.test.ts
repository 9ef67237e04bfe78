import { execFileSync } from "node:child_process";
import { join } from "node:path";

/**
 * The provider process's heap growth cap (provider/heap.ts), observed in a fresh node process running the
 * compiled package: the same garbage-heavy workload (a live set of ~30 MB, ten times as much garbage per round)
 * with V8's default growth and after the dynamic-provider host's first call into the package (configure).
 * V8's collections are deterministic enough here for a wide margin: ~175 MB against ~97 MB of heap, measured.
 */
const WORKLOAD = `
  const keep = [];
  let peak = 0;
  for (let round = 0; round < 100; round++) {
    keep[round % 15] = Array.from({ length: 20000 }, (_, i) => ({ id: "user-" + i, type: "user", round }));
    for (let g = 0; g < 10; g++) JSON.parse(JSON.stringify(keep[round % 15].slice(0, 5000)));
    peak = Math.max(peak, process.memoryUsage().heapTotal);
  }
  process.stdout.write(String(peak));
`;

function peakHeap(setup: string): number {
  return Number(execFileSync(process.execPath, ["-e", setup + WORKLOAD], { encoding: "utf8", timeout: 60_000 }));
}

test("configure caps the provider process's heap growth, so a garbage-heavy refresh peaks lower", () => {
  const impl = JSON.stringify(join(__dirname, "..", "..", "dist", "provider", "impl.js"));
  const uncapped = peakHeap("");
  const capped = peakHeap(`require(${impl}).v1.configure({ get: () => undefined });`);
  expect(capped).toBeLessThan(uncapped * 0.75);
});
