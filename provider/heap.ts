/**
 * How far the provider process's heap may grow past what survived its last full garbage collection.
 *
 * V8 lets the old generation grow up to 4× its live size before collecting it again when memory looks
 * plentiful (src/heap/heap-controller.h: kMaxGrowingFactor; the factor adapts between 1.1 and 4 to GC speed).
 * A refresh of a large stack is mostly garbage: Pulumi's dynamic-provider host decodes every Read's inputs and
 * state (google-protobuf Structs) and encodes the answer, so the plugin of a 500-group refresh climbed to
 * ~240 MB of heap over a live set of ~70 MB (peak RSS 340-360 MB). With the factor fixed at 1.4 the same
 * refresh peaks at ~230 MB, in the same wall time (docs/benchmark.md).
 *
 * `--heap-growing-percent` fixes the factor at 1 + percent / 100 (src/flags/flag-definitions.h). It is set at
 * run time because Pulumi starts the dynamic host (`pulumi-resource-pulumi-nodejs`) with a command line that is
 * not ours and NODE_OPTIONS does not admit the flag; the native provider does the same so both behave alike.
 * V8 reads it at each full collection: it changes how often the heap is collected, never what is kept. The
 * dynamic host is shared with any other dynamic provider of the same program, which gets the same cap.
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
