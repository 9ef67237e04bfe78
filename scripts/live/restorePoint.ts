/**
 * What the run changed in objects that are not its own, written down before it changes them, so that the
 * cleanup (at the end of the run, or `--cleanup <prefix>` after a run that was killed) can put them back exactly:
 * the tenant's precedence setting as it was, settings a probe created, where a borrowed Application Proxy
 * connector was. A file beside the transcripts, removed once the cleanup has restored everything.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export interface RestoreState {
  prefix: string;
  /** The tenant's precedence setting (the profilePropertySetting without a name) before the run touched it. */
  precedence?: { existed: false } | { existed: true; id: string; list: string[] };
  /** Settings a probe created, to delete. */
  probeSettingIds: string[];
  /** A connector the run moved into its connector group, and the group it came from. */
  connector?: { id: string; machineName: string; originalGroupId: string };
}

export class RestorePoint {
  private state: RestoreState;

  constructor(
    readonly path: string,
    prefix: string,
  ) {
    this.state = existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as RestoreState) : { prefix, probeSettingIds: [] };
  }

  get current(): Readonly<RestoreState> {
    return this.state;
  }

  /** Records a change before it is made: written at once, so a killed run leaves it behind. */
  update(change: Partial<RestoreState>): void {
    this.state = { ...this.state, ...change };
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(this.path, `${JSON.stringify(this.state, null, 2)}\n`);
  }

  /** Everything it names was restored. */
  remove(): void {
    rmSync(this.path, { force: true });
  }
}
