/**
 * What one round trip from the provider's Graph client to the emulator costs beyond the cost model, and how
 * much of it is the machine waking from idle: the same GET (no latency, no service time) sent back to back
 * and after idling as long as a benchmark round's latency and service time keep the process waiting. The
 * part of a large run's gap to the limit that is the machine, not the provider (docs/performance.md). Run it with
 *   PULUMI_GRAPH_SKIP_CLI=1 bash scripts/toolchain.sh node dist/scripts/bench/roundTrip.js
 * (ROUND_TRIPS=200 per idle time; ROUND_TRIP_IDLE_MS=0,1,5,35).
 */
import { performance } from "node:perf_hooks";
import { emulatorEnvironment, GraphEmulator } from "../../emulator";
import { resolveSettings } from "../../provider/config/settings";
import { createContext } from "../../provider/context";

const roundTrips = Number(process.env.ROUND_TRIPS ?? 200);
const idleTimes = (process.env.ROUND_TRIP_IDLE_MS ?? "0,1,5,35").split(",").map(Number);

function quantile(sorted: number[], q: number): string {
  return sorted[Math.floor(q * (sorted.length - 1))].toFixed(2);
}

async function main(): Promise<void> {
  const emulator = new GraphEmulator();
  const url = await emulator.start();
  try {
    const settings = resolveSettings({ get: () => undefined }, emulatorEnvironment(url));
    // The provider's own waits, real time as in the plugin; its progress is not shown.
    const ctx = createContext(settings, { log: () => undefined });
    // Also signs in and opens the keep-alive connection, so neither is in what is measured.
    await ctx.graph.request("POST", "v1.0", "/external/connections", { id: "roundtrip", name: "Round trip", description: "Round trips" });
    console.log("| idle before each GET | round trip p10 | p50 | p90 |\n|---|---|---|---|");
    for (const idleMs of idleTimes) {
      const times: number[] = [];
      for (let i = 0; i < roundTrips; i++) {
        if (idleMs > 0) await ctx.sleep(idleMs);
        const started = performance.now();
        await ctx.graph.request("GET", "v1.0", "/external/connections/roundtrip");
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      console.log(`| ${idleMs} ms | ${quantile(times, 0.1)} ms | ${quantile(times, 0.5)} ms | ${quantile(times, 0.9)} ms |`);
    }
  } finally {
    await emulator.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
