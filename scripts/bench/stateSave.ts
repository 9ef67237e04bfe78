/**
 * What one save of a run's state costs on the machine that ran it, priced with Pulumi's own code
 * (scripts/bench/checkpoint-cost.sh, the largest checkpoint the run wrote). The file backend saves the whole
 * state after every step, one save at a time, so on a large stack this price paces every step with
 * checkpoints; machines differ by up to twice in it, and a benchmark read without it compares machines, not
 * code (docs/performance.md).
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { packageRoot } from "../emulatorStack";

/** Mean of this many saves: enough to settle a 3 MB state's price within a few percent. */
const SAVES = 10;

/** "83.7 ms a save (2.9 MB)", or why it could not be priced (the benchmark goes on without it). */
export function priceStateSave(stateDir: string): string {
  const script = join(packageRoot(), "scripts", "bench", "checkpoint-cost.sh");
  const result = spawnSync("bash", [script, "-as-written", "-saves", String(SAVES), stateDir], { encoding: "utf8" });
  const row = /^\| as written \| (\d+) \|.*\| ([\d.]+) ms \|$/m.exec(result.stdout ?? "");
  if (result.status !== 0 || !row) {
    const reason = (result.stderr ?? "").trim().split("\n").pop() || `exit ${result.status}`;
    return `not priced (${reason})`;
  }
  return `${row[2]} ms a save (${(Number(row[1]) / 1e6).toFixed(1)} MB)`;
}
