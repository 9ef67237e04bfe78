// A dynamic provider, the whole of this module's exports, for the type this file is named after (why: ./shim.ts).
// State written from an installed package requires this file by its path: keep it here (CHANGELOG, state contract).
import { shimOfModule } from "./shim";

export = shimOfModule(__filename);
