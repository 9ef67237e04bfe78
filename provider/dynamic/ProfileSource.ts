// The ProfileSource dynamic provider, the whole of this module's exports (why: providerShim in ../shim.ts).
import { providerShim } from "../shim";

export = providerShim("ProfileSource");
