/**
 * This provider's own code without Pulumi: the resource handlers both plugins run (provider/resources), called
 * in-process with one provider context, `parallel` resources at a time as the engine's `--parallel` allows,
 * dependencies first (the connection, then its groups, then ExternalGroupMember resources). No engine, no
 * state writes, no gRPC, no program. Beside `pulumi up` it shows what Pulumi adds; beside the limit, what
 * this client's round trips, its HTTP stack and the emulator's own timers add.
 */
import { emulatorEnvironment } from "../../emulator";
import { resolveSettings } from "../../provider/config/settings";
import type { ResourceHandler } from "../../provider/resources/contract";
import { externalConnectionHandler } from "../../provider/resources/externalConnection/handler";
import { externalGroupHandler } from "../../provider/resources/externalGroup/handler";
import { externalGroupMemberHandler } from "../../provider/resources/externalGroup/memberHandler";
import { createContext, ProviderContext } from "../../provider/context";
import { checkResource } from "../../provider/engine/check";
import { typeOfHandler } from "../../provider/engine/registry";
import { pool } from "./pool";
import { CONNECTION_ID, membership, SCHEMA, Tenant } from "./tenant";

/**
 * One resource of the tenant: its handler, the revisions that declare it (ExternalGroupMember resources come
 * and go), its inputs at a revision, and what it holds once created.
 */
interface Declared {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the benchmark drives handlers of every type through one list
  handler: ResourceHandler<any, any>;
  revisions: number[];
  inputs: (revision: number) => Record<string, unknown>;
  id?: string;
  /** The inputs it was last created or updated with, as `check` left them (check's `olds`). */
  checked?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** The inputs as `check` leaves them for create and update (the engine's check flow); a benchmark tenant is valid by construction. */
function checked(resource: Declared, revision: number): Record<string, unknown> {
  const result = checkResource(typeOfHandler(resource.handler) as string, resource.checked, resource.inputs(revision));
  if (result.failures?.length)
    throw new Error(`benchmark tenant: ${result.failures.map((failure) => `${failure.property}: ${failure.reason}`).join("; ")}`);
  return result.inputs as Record<string, unknown>;
}

export class DirectClient {
  private readonly ctx: ProviderContext;
  /** The tenant's resources in dependency order: each level waits for the one before. */
  private readonly levels: Declared[][];

  constructor(
    emulatorUrl: string,
    tenant: Tenant,
    private readonly parallel: number,
  ) {
    const settings = resolveSettings({ get: () => undefined }, emulatorEnvironment(emulatorUrl));
    // Real time and the provider's own defaults (budget, retries), as in the plugin; its progress is not shown.
    this.ctx = createContext(settings, { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)), log: () => undefined });
    this.levels = DirectClient.declare(tenant);
  }

  private static declare(tenant: Tenant): Declared[][] {
    const both = [0, 1];
    const connection: Declared = {
      handler: externalConnectionHandler,
      revisions: both,
      inputs: () => ({ connectionId: CONNECTION_ID, name: "Benchmark", description: "Benchmark connection", schema: SCHEMA }),
    };
    const [before, after] = [membership(tenant, 0), membership(tenant, 1)];
    const groups: Declared[] = [];
    const members: Declared[] = [];
    for (const [groupId, ids] of before) {
      const group = { connectionId: CONNECTION_ID, groupId, displayName: groupId };
      const sets = [ids, after.get(groupId)!];
      if (!tenant.asResources) {
        const memberSets = sets.map((set) => set.map((id) => ({ id, type: "user" })));
        groups.push({
          handler: externalGroupHandler,
          revisions: both,
          inputs: (revision) => ({ ...group, members: memberSets[revision] }),
        });
        continue;
      }
      groups.push({ handler: externalGroupHandler, revisions: both, inputs: () => group });
      // One resource per member id, as in the Pulumi program: a swapped member is another resource.
      for (const id of new Set(sets.flat())) {
        const revisions = both.filter((revision) => sets[revision].includes(id));
        members.push({
          handler: externalGroupMemberHandler,
          revisions,
          inputs: () => ({ connectionId: CONNECTION_ID, groupId, memberId: id, memberType: "user" }),
        });
      }
    }
    return [[connection], groups, members];
  }

  async up(): Promise<void> {
    for (const level of this.levels) {
      await pool(
        this.parallel,
        level.filter((resource) => resource.revisions.includes(0)).map((resource) => () => this.create(resource, 0)),
      );
    }
  }

  /**
   * Reads level by level, as `up` creates. Pulumi's refresh reads every resource at once, so this row is
   * slower where levels wait to gather (the 200 ExternalGroupMember resources: 1.7 s against 1.4 s).
   */
  async refresh(): Promise<void> {
    for (const level of this.levels) {
      await pool(
        this.parallel,
        level
          .filter((resource) => resource.id !== undefined)
          .map((resource) => async () => {
            const read = await resource.handler.read(this.ctx, resource.id!, resource.outputs!);
            resource.outputs = read.props;
          }),
      );
    }
  }

  /** The 5 % member swap: groups update their sets; ExternalGroupMember resources are deleted and created. */
  async update(): Promise<void> {
    const [, groups, members] = this.levels;
    const leaving = members.filter((resource) => resource.id !== undefined && !resource.revisions.includes(1));
    const arriving = members.filter((resource) => resource.id === undefined && resource.revisions.includes(1));
    await pool(this.parallel, [
      ...groups.map((group) => async () => {
        const news = checked(group, 1);
        if (!group.handler.diff(group.id!, group.outputs!, news).changes) return;
        group.outputs = (await group.handler.update(this.ctx, group.id!, group.outputs!, news)).outs;
        group.checked = news;
      }),
      ...arriving.map((resource) => () => this.create(resource, 1)),
    ]);
    await pool(
      this.parallel,
      leaving.map((resource) => () => this.delete(resource)),
    );
  }

  /** Deletes everything, dependents first. */
  async destroy(): Promise<void> {
    for (const level of [...this.levels].reverse()) {
      await pool(
        this.parallel,
        level.filter((resource) => resource.id !== undefined).map((resource) => () => this.delete(resource)),
      );
    }
  }

  private async create(resource: Declared, revision: number): Promise<void> {
    const news = checked(resource, revision);
    const created = await resource.handler.create(this.ctx, news);
    resource.id = created.id;
    resource.checked = news;
    resource.outputs = created.outs;
  }

  private async delete(resource: Declared): Promise<void> {
    await resource.handler.delete(this.ctx, resource.id!, resource.outputs!);
    resource.id = undefined;
    resource.checked = undefined;
    resource.outputs = undefined;
  }
}
