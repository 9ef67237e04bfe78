import { randomUUID } from "node:crypto";
import { CONNECTOR_GROUP_TYPE } from "../model/appProxy";
import { ConnectionSchema } from "../model/schema";

export interface MemberRecord {
  id: string;
  type: string;
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

/** An Application Proxy connector agent that installed and registered itself (only the test-control API adds them). */
export interface ConnectorRecord {
  id: string;
  machineName: string;
  externalIp: string;
  status: "active" | "inactive";
  version: string;
  /** The one connector group it belongs to. */
  groupId: string;
}

export interface ConnectorGroupRecord {
  id: string;
  name: string;
  connectorGroupType: typeof CONNECTOR_GROUP_TYPE;
  isDefault: boolean;
  region: string;
}

/**
 * An application published through Application Proxy, assigned to a connector group. The emulator does not
 * model applications themselves (only the test-control API adds these): what matters here is that a group
 * holding one cannot be deleted or re-homed (model/appProxy.ts).
 */
export interface PublishedApplicationRecord {
  id: string;
  appId: string;
  displayName: string;
  connectorGroupId: string;
}

/** Every tenant has a default connector group; connectors land in it until assigned (connectorgroup.md). */
function defaultConnectorGroup(): ConnectorGroupRecord {
  return { id: randomUUID(), name: "Default", connectorGroupType: CONNECTOR_GROUP_TYPE, isDefault: true, region: "nam" };
}

export interface ProfileSourceRecord {
  id: string;
  sourceId: string;
  displayName?: string;
  kind?: string;
  webUrl?: string;
  localizations: Array<Record<string, unknown>>;
}

export interface ProfilePropertySettingRecord {
  id: string;
  name?: string;
  displayName?: string;
  prioritizedSourceUrls: string[];
}

export interface StoreTimings {
  /** How long a schema operation stays `inprogress` (the real service takes 5-15 minutes). */
  schemaProvisioningMs: number;
  /** How long a deleted connection stays visible after the 202. */
  deletionMs: number;
}

/**
 * All tenant data of the emulator, in memory. Time-based transitions (a schema operation completing, a deleted
 * connection going away) are applied when the data is read: every read of connections and operations settles
 * them against the emulator's clock first, so no caller has to.
 */
export class TenantStore {
  private readonly connectionRecords = new Map<string, ConnectionRecord>();
  private readonly operationRecords = new Map<string, SchemaOperation>();
  readonly connectors = new Map<string, ConnectorRecord>();
  readonly connectorGroups = new Map<string, ConnectorGroupRecord>();
  /** Applications published through Application Proxy, by object id. */
  readonly applications = new Map<string, PublishedApplicationRecord>();
  /** People settings: profile sources by `sourceId`, profile property settings by id. */
  readonly profileSources = new Map<string, ProfileSourceRecord>();
  readonly profilePropertySettings = new Map<string, ProfilePropertySettingRecord>();
  /** Messages for the next schema operations to fail with (fault injection). */
  private readonly schemaFailures: string[] = [];
  private readonly timings: StoreTimings;

  /** `now`: the emulator's clock, against which time-based transitions are settled. */
  constructor(
    timings: StoreTimings,
    private readonly now: () => number,
  ) {
    this.timings = { ...timings };
    this.addDefaultConnectorGroup();
  }

  /** A connection as Graph holds it now; undefined once its deletion has finished. */
  connection(id: string): ConnectionRecord | undefined {
    this.settle();
    return this.connectionRecords.get(id);
  }

  /** Every connection Graph holds now. */
  connections(): ConnectionRecord[] {
    this.settle();
    return [...this.connectionRecords.values()];
  }

  addConnection(record: ConnectionRecord): void {
    this.connectionRecords.set(String(record.entity.id), record);
  }

  /** What a DELETE starts: the connection stays visible for the deletion time, then goes away. */
  startDeletion(record: ConnectionRecord): void {
    record.deletingUntil = this.now() + this.timings.deletionMs;
    this.settle();
  }

  /** A schema operation as it stands now. */
  operation(id: string): SchemaOperation | undefined {
    this.settle();
    return this.operationRecords.get(id);
  }

  /** How long schema operations and deletions take from now on. */
  setTimings(timings: Partial<StoreTimings>): void {
    Object.assign(this.timings, Object.fromEntries(Object.entries(timings).filter(([, value]) => value !== undefined)));
  }

  /** The next `messages.length` schema operations fail, each with its message. */
  failSchemaOperations(messages: string[]): void {
    this.schemaFailures.push(...messages);
  }

  private addDefaultConnectorGroup(): void {
    const group = defaultConnectorGroup();
    this.connectorGroups.set(group.id, group);
  }

  defaultConnectorGroup(): ConnectorGroupRecord {
    return [...this.connectorGroups.values()].find((group) => group.isDefault)!;
  }

  /** What installing the agent on a server does: it registers itself into the default group. */
  installConnector(agent: { machineName: string; externalIp?: string; status?: "active" | "inactive"; version?: string }): ConnectorRecord {
    const connector: ConnectorRecord = {
      id: randomUUID(),
      machineName: agent.machineName,
      externalIp: agent.externalIp ?? "203.0.113.1",
      status: agent.status ?? "active",
      version: agent.version ?? "1.5.3437.0",
      groupId: this.defaultConnectorGroup().id,
    };
    this.connectors.set(connector.id, connector);
    return connector;
  }

  /** What publishing an on-premises application through Application Proxy does: the app is assigned to a connector group. */
  publishApplication(app: { displayName: string; connectorGroupId: string }): PublishedApplicationRecord {
    const published: PublishedApplicationRecord = {
      id: randomUUID(),
      appId: randomUUID(),
      displayName: app.displayName,
      connectorGroupId: app.connectorGroupId,
    };
    this.applications.set(published.id, published);
    return published;
  }

  /** The connectors in a group and the applications assigned to it. */
  groupContents(groupId: string): { connectors: ConnectorRecord[]; applications: PublishedApplicationRecord[] } {
    return {
      connectors: [...this.connectors.values()].filter((connector) => connector.groupId === groupId),
      applications: [...this.applications.values()].filter((app) => app.connectorGroupId === groupId),
    };
  }

  /** Completes due schema operations and finishes due deletions. */
  private settle(): void {
    const now = this.now();
    for (const operation of this.operationRecords.values()) {
      if (operation.status !== "inprogress" || operation.completesAt > now) continue;
      const connection = this.connectionRecords.get(operation.connectionId);
      if (operation.failureMessage || !connection) {
        operation.status = "failed";
        operation.failureMessage ??= "The connection was deleted while its schema was being provisioned.";
        continue;
      }
      operation.status = "completed";
      connection.schema = operation.schema;
      connection.entity.state = "ready";
    }
    for (const [id, connection] of this.connectionRecords) {
      if (connection.deletingUntil !== undefined && connection.deletingUntil <= now) this.connectionRecords.delete(id);
    }
  }

  startSchemaOperation(connectionId: string, schema: ConnectionSchema): SchemaOperation {
    const operation: SchemaOperation = {
      id: randomUUID(),
      connectionId,
      schema,
      status: "inprogress",
      completesAt: this.now() + this.timings.schemaProvisioningMs,
      failureMessage: this.schemaFailures.shift(),
    };
    this.operationRecords.set(operation.id, operation);
    return operation;
  }

  runningOperation(connectionId: string): SchemaOperation | undefined {
    this.settle();
    return [...this.operationRecords.values()].find(
      (operation) => operation.connectionId === connectionId && operation.status === "inprogress",
    );
  }

  clear(): void {
    this.connectionRecords.clear();
    this.operationRecords.clear();
    this.connectors.clear();
    this.connectorGroups.clear();
    this.applications.clear();
    this.profileSources.clear();
    this.profilePropertySettings.clear();
    this.addDefaultConnectorGroup();
    this.schemaFailures.length = 0;
  }

  /** A JSON view of the tenant as it is now, for tests and the admin API. */
  snapshot(): unknown {
    return {
      connections: this.connections().map((connection) => ({
        ...connection.entity,
        deleting: connection.deletingUntil !== undefined,
        schema: connection.schema,
        groups: [...connection.groups.values()].map((group) => ({
          id: group.id,
          displayName: group.displayName,
          description: group.description,
          members: [...group.members.values()],
        })),
      })),
      operations: [...this.operationRecords.values()],
      connectors: [...this.connectors.values()],
      connectorGroups: [...this.connectorGroups.values()],
      applications: [...this.applications.values()],
      profileSources: [...this.profileSources.values()],
      profilePropertySettings: [...this.profilePropertySettings.values()],
    };
  }
}
