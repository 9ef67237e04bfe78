import { EmulatorClock } from "./clock";
import { TenantStore } from "./store";

/** What every handler needs: the tenant data, the clock, and the URL the emulator is reachable at. */
export interface EmulatorContext {
  store: TenantStore;
  clock: EmulatorClock;
  baseUrl(): string;
}
