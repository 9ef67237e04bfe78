import { randomUUID } from "node:crypto";
import { ConnectionSchema } from "../provider/model/schema";

export interface MemberRecord {
  id: string;
  type: string;
  identitySource?: string;
}

export interface GroupRecord {
  id: string;
  displayName?: string;
  description?: string;
  members: Map<string, MemberRecord>;
}

export interface ConnectionRecord {
  /** The connection as Graph returns it (without relationships). */
  entity: Record<string, unknown>;
  /** The app that created it; with OwnedBy permissions an app reaches only connections it created or is authorized for. */
  createdBy: string;
  schema?: ConnectionSchema;
  /** Set by DELETE: the connection disappears at this time (Graph deletes asynchronously, answering 202). */
  deletingUntil?: number;
  groups: Map<string, GroupRecord>;
}

export interface SchemaOperation {
  id: string;
  connectionId: string;
  schema: ConnectionSchema;
  status: "inprogress" | "completed" | "failed";
  completesAt: number;
  /** Set when the operation is to fail, with the error message it will report. */
  failureMessage?: string;
}

export interface ConnectorRecord {
  id: string;
  machineName: string;
  externalIp?: string;
  status: "active" | "inactive";
  version: string;
}

export interface StoreTimings {
  /** How long a schema operation stays `inprogress` (the real service takes 5-15 minutes). */
  schemaProvisioningMs: number;
  /** How long a deleted connection stays visible after the 202. */
  deletionMs: number;
}

/** All tenant data of the emulator, in memory. Time-based transitions are applied lazily by {@link settle}. */
export class TenantStore {
  readonly connections = new Map<string, ConnectionRecord>();
  readonly operations = new Map<string, SchemaOperation>();
  readonly connectors = new Map<string, ConnectorRecord>();
  /** Messages for the next schema operations to fail with (fault injection). */
  readonly schemaFailures: string[] = [];

  constructor(readonly timings: StoreTimings) {}

  /** Completes due schema operations and finishes due deletions. */
  settle(now: number): void {
    for (const operation of this.operations.values()) {
      if (operation.status !== "inprogress" || operation.completesAt > now) continue;
      const connection = this.connections.get(operation.connectionId);
      if (operation.failureMessage || !connection) {
        operation.status = "failed";
        operation.failureMessage ??= "The connection was deleted while its schema was being provisioned.";
        continue;
      }
      operation.status = "completed";
      connection.schema = operation.schema;
      connection.entity.state = "ready";
    }
    for (const [id, connection] of this.connections) {
      if (connection.deletingUntil !== undefined && connection.deletingUntil <= now) this.connections.delete(id);
    }
  }

  startSchemaOperation(connectionId: string, schema: ConnectionSchema, now: number): SchemaOperation {
    const operation: SchemaOperation = {
      id: randomUUID(),
      connectionId,
      schema,
      status: "inprogress",
      completesAt: now + this.timings.schemaProvisioningMs,
      failureMessage: this.schemaFailures.shift(),
    };
    this.operations.set(operation.id, operation);
    return operation;
  }

  runningOperation(connectionId: string): SchemaOperation | undefined {
    return [...this.operations.values()].find((operation) => operation.connectionId === connectionId && operation.status === "inprogress");
  }

  clear(): void {
    this.connections.clear();
    this.operations.clear();
    this.connectors.clear();
    this.schemaFailures.length = 0;
  }

  /** A JSON view for tests and the admin API. */
  snapshot(): unknown {
    return {
      connections: [...this.connections.values()].map((connection) => ({
        ...connection.entity,
        deleting: connection.deletingUntil !== undefined,
        schema: connection.schema,
        groups: [...connection.groups.values()].map((group) => ({
          id: group.id, displayName: group.displayName, description: group.description, members: [...group.members.values()],
        })),
      })),
      operations: [...this.operations.values()],
      connectors: [...this.connectors.values()],
    };
  }
}
