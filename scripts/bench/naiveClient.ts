/**
 * What scripts and most peers do: one request per object, serially or N at a time, with retries that honour
 * Retry-After but no budget and no batching. The benchmark runs it beside the provider on the same tenant.
 */
import { GraphClient } from "../../provider/graph/client";
import { connectionPath, CONNECTIONS_PATH } from "../../model/connection";
import { groupPath, groupsPath, memberPath } from "../../model/group";
import { schemaPath } from "../../model/schema";
import { INCLUDE_UNKNOWN_ENUM_MEMBERS } from "../../model/enums";
import { canonicalSchema } from "../../model/schema";
import { pool } from "./pool";
import { CONNECTION_ID, membership, SCHEMA, Tenant } from "./tenant";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class NaiveClient {
  constructor(
    private readonly graph: GraphClient,
    private readonly tenant: Tenant,
    private readonly concurrency: number,
  ) {}

  async up(): Promise<void> {
    await this.graph.request("POST", "v1.0", CONNECTIONS_PATH, {
      id: CONNECTION_ID,
      name: "Benchmark",
      description: "Benchmark connection",
    });
    const submitted = await this.graph.request("PATCH", "v1.0", schemaPath(CONNECTION_ID), canonicalSchema(SCHEMA), {
      headers: { prefer: `respond-async, ${INCLUDE_UNKNOWN_ENUM_MEMBERS}` },
    });
    const operation = this.graph.followUrl(submitted.headers.location);
    while (((await this.graph.requestUrl("GET", operation)).body as { status?: string }).status !== "completed") await sleep(1000);
    const groups = membership(this.tenant, 0);
    await pool(
      this.concurrency,
      [...groups.keys()].map(
        (groupId) => () => this.graph.request("POST", "v1.0", groupsPath(CONNECTION_ID), { id: groupId, displayName: groupId }),
      ),
    );
    await pool(
      this.concurrency,
      [...groups].flatMap(([groupId, ids]) => ids.map((id) => () => this.addMember(groupId, id))),
    );
  }

  /** Reads back what can be read: the connection and each group (Graph cannot list members). */
  async refresh(): Promise<void> {
    await this.graph.request("GET", "v1.0", connectionPath(CONNECTION_ID));
    await pool(
      this.concurrency,
      [...membership(this.tenant, 0).keys()].map((groupId) => () => this.graph.request("GET", "v1.0", groupPath(CONNECTION_ID, groupId))),
    );
  }

  /** The 5 % member swap: one DELETE and one POST per changed member. */
  async update(): Promise<void> {
    const before = membership(this.tenant, 0);
    const after = membership(this.tenant, 1);
    const tasks: Array<() => Promise<unknown>> = [];
    for (const [groupId, ids] of before) {
      const next = new Set(after.get(groupId));
      for (const id of ids)
        if (!next.has(id)) tasks.push(() => this.graph.request("DELETE", "v1.0", memberPath(CONNECTION_ID, groupId, id)));
      for (const id of next) if (!ids.includes(id)) tasks.push(() => this.addMember(groupId, id));
    }
    await pool(this.concurrency, tasks);
  }

  /** Deletes what it created: each group, then the connection (and waits until it is gone). */
  async destroy(): Promise<void> {
    await pool(
      this.concurrency,
      [...membership(this.tenant, 1).keys()].map(
        (groupId) => () => this.graph.request("DELETE", "v1.0", groupPath(CONNECTION_ID, groupId)),
      ),
    );
    await this.graph.request("DELETE", "v1.0", connectionPath(CONNECTION_ID));
    for (;;) {
      const gone = await this.graph.request("GET", "v1.0", connectionPath(CONNECTION_ID)).then(
        () => false,
        () => true,
      );
      if (gone) return;
      await sleep(500);
    }
  }

  private addMember(groupId: string, id: string): Promise<unknown> {
    return this.graph.request("POST", "v1.0", memberPath(CONNECTION_ID, groupId), { id, type: "user" });
  }
}
