// The ExternalGroupSet dynamic provider, the whole of this module's exports (why: providerShim in ../shim.ts).
// State written from an installed package requires this file by its path: keep it here (CHANGELOG, state contract).
import { providerShim } from "../shim";

export = providerShim("ExternalGroupSet");
