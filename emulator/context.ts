import { TenantStore } from "./store";

/** What every handler needs: the tenant data (which settles its own timing) and the URL the emulator is reachable at. */
export interface EmulatorContext {
  store: TenantStore;
  baseUrl(): string;
}
