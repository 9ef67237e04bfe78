/**
 * How far the provider process's heap may grow past what survived its last full garbage collection.
 *
 * V8 lets the old generation grow up to 4× its live size before collecting it again when memory looks
 * plentiful. A refresh of a large stack is mostly garbage: Pulumi's dynamic-provider host decodes every Read's
 * inputs and state (google-protobuf Structs) and encodes the answer, so the plugin of a 500-group refresh
 * climbed to ~240 MB of heap over a live set of ~70 MB (peak RSS 340-360 MB). With growth capped at 1.4× the
 * live size the same refresh peaks at ~230 MB, in the same wall time (docs/benchmark.md).
 *
 * The flag is set at run time because neither plugin's command line is ours to extend for the dynamic host
 * (Pulumi starts `pulumi-resource-pulumi-nodejs`) and NODE_OPTIONS does not admit it. V8 reads it at each
 * full collection; it changes how often the heap is collected, never what is kept. The dynamic host is shared
 * with any other dynamic provider of the same program, which gets the same, smaller heap.
 */
import { setFlagsFromString } from "node:v8";

/** The old generation may grow to (1 + this / 100) × its live size before the next full collection. */
const HEAP_GROWING_PERCENT = 40;

let limited = false;

/** Caps the heap's growth for the rest of this process (once; later calls do nothing). */
export function limitHeapGrowth(): void {
  if (limited) return;
  limited = true;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
