/**
 * The provider implementation behind the serialized shims (`pulumi-graph-connectors/provider-impl`).
 *
 * `v1` is a stable contract: state written by any release holds a shim that calls it, and `pulumi destroy`
 * and `pulumi refresh` run that old shim against whatever version is installed. Change behaviour behind
 * it freely, but never its signatures; a breaking change gets a `v2` beside it.
 *
 * `v1` is `implementation` with each type's properties in the form the dynamic resources keep in state
 * (dynamicState.ts); the native provider calls `implementation` itself, its outputs following its schema.
 */
import type { dynamic } from "@pulumi/pulumi";
import { ConfigSource } from "./config/settings";
import { connectorHandler } from "./resources/appProxy/connector";
import { connectorGroupHandler } from "./resources/appProxy/connectorGroup";
import { NotImportableError, ResourceHandler } from "./resources/contract";
import { externalConnectionHandler } from "./resources/externalConnection/handler";
import { externalGroupHandler } from "./resources/externalGroup/handler";
import { externalGroupMemberHandler } from "./resources/externalGroup/memberHandler";
import { externalGroupSetHandler } from "./resources/externalGroup/setHandler";
import { profileSourceHandler } from "./resources/people/profileSource";
import { profileSourcePriorityHandler } from "./resources/people/profileSourcePriority";
import { storingDynamicState } from "./dynamicState";
import { limitHeapGrowth } from "./heap";
import { withoutProviderKey } from "./resources/values";
import { GroupOwnership } from "./resources/externalGroup/ownership";
import { stableJson } from "../model/json";
import { checkSettings, configure, providerContext, ProviderContext, settingsFailure, withOperationLog } from "./runtime";
import { GraphConnectorsError } from "./errors";
import { OperationLog, redacting, STDERR_LOG } from "./operationLog";

/* eslint-disable @typescript-eslint/no-explicit-any */
const HANDLERS: Record<string, ResourceHandler<any, any>> = {
  ExternalConnection: externalConnectionHandler,
  ExternalGroup: externalGroupHandler,
  ExternalGroupMember: externalGroupMemberHandler,
  ExternalGroupSet: externalGroupSetHandler,
  Connector: connectorHandler,
  ConnectorGroup: connectorGroupHandler,
  ProfileSource: profileSourceHandler,
  ProfileSourcePriority: profileSourcePriorityHandler,
};

export type ResourceTypeName = keyof typeof HANDLERS;

function handler(type: string): ResourceHandler<any, any> {
  const found = HANDLERS[type];
  if (!found) throw new GraphConnectorsError(`pulumi-graph-connectors: unknown resource type '${type}'; the installed package is older than the one that wrote this stack's state`);
  return found;
}

type Props = Record<string, any>;

/** The groups the program's resources manage, as this process's checks saw them; owned by `implementation`. */
const groupOwnership = new GroupOwnership();

/** The process's context, writing to the operation's own log when the caller has one (the native plugin). */
function contextFor(log: OperationLog | undefined): ProviderContext {
  return log ? withOperationLog(providerContext(), log) : providerContext();
}

/**
 * Each method takes, last, the log of the operation: where its warnings and progress reach the person running
 * Pulumi. The dynamic resources pass none (their lines go to stderr, which their host shows); the native plugin
 * passes one bound to the resource's URN.
 */
export const implementation = {
  configure(config: ConfigSource): void {
    // The dynamic-provider host calls configure before anything else of this package: the first moment
    // this code runs in that process.
    limitHeapGrowth();
    configure(config);
  },
  /** `urn`: the resource's, when the engine gives it (the native plugin), to name it in warnings. */
  async check(type: string, olds: Props | undefined, news: Props, log: OperationLog = STDERR_LOG, urn?: string): Promise<dynamic.CheckResult> {
    const settings = settingsFailure();
    if (settings) return { failures: [settings] };
    const { warnings: found = [], ...result } = handler(type).check(olds && withoutProviderKey(olds), news, checkSettings());
    const warnings = [...found];
    if (result.inputs && (result.failures ?? []).length === 0) {
      // The dynamic provider gives no URN: a resource is then known by what it declares.
      const { connectionId, groupId, memberId } = result.inputs as Props;
      const identity = urn ?? `${type}:${stableJson({ connectionId, groupId, memberId })}`;
      warnings.push(...groupOwnership.note(type, result.inputs as Props, identity, urn ? `${type} '${urn.slice(urn.lastIndexOf("::") + 2)}'` : type));
    }
    // Shown in the preview, like diff's warnings.
    for (const warning of warnings) redacting(log).warn(warning);
    return result;
  },
  async diff(type: string, id: string, olds: Props, news: Props, log: OperationLog = STDERR_LOG): Promise<dynamic.DiffResult> {
    const { warnings, ...result } = handler(type).diff(id, withoutProviderKey(olds), withoutProviderKey(news));
    // Shown in the preview: e.g. that a replace deletes every ingested item.
    for (const warning of warnings ?? []) redacting(log).warn(warning);
    return result;
  },
  async create(type: string, inputs: Props, log?: OperationLog): Promise<dynamic.CreateResult> {
    return handler(type).create(contextFor(log), withoutProviderKey(inputs));
  },
  async read(type: string, id: string, props: Props | undefined, log?: OperationLog): Promise<dynamic.ReadResult> {
    return handler(type).read(contextFor(log), id, withoutProviderKey(props ?? {}));
  },
  async update(type: string, id: string, olds: Props, news: Props, log?: OperationLog): Promise<dynamic.UpdateResult> {
    return handler(type).update(contextFor(log), id, withoutProviderKey(olds), withoutProviderKey(news));
  },
  async delete(type: string, id: string, props: Props, log?: OperationLog): Promise<void> {
    return handler(type).delete(contextFor(log), id, withoutProviderKey(props));
  },
  /**
   * The object `id` as inputs that declare it exactly and the outputs they give (`pulumi import` through the
   * native provider, `graph-connectors export`); undefined when it does not exist.
   */
  async import(type: string, id: string, log?: OperationLog): Promise<{ inputs: Props; props: Props } | undefined> {
    const found = handler(type);
    if (!found.importInputs) throw new NotImportableError(`${type} cannot be imported: Graph offers no way to read it back (${IMPORT_HINTS[type] ?? "declare it instead"})`);
    const ctx = contextFor(log);
    const inputs = await found.importInputs(ctx, id);
    if (!inputs) return undefined;
    const read = await found.read(ctx, id, inputs);
    if (read.id && IMPORT_NOTES[type]) ctx.log(`${type} '${id}': ${IMPORT_NOTES[type]}`);
    return read.id ? { inputs, props: read.props ?? inputs } : undefined;
  },
};

export type Implementation = typeof implementation;

/** The dynamic resources' entry: see the module comment. */
export const v1: Implementation = storingDynamicState(implementation);

/** Said to the person importing, about what the imported inputs cannot hold. */
const IMPORT_NOTES: Record<string, string> = {
  ExternalGroup: "imported without members: Graph cannot list a group's members; declare `members` (adding an existing member again is harmless)",
};

const IMPORT_HINTS: Record<string, string> = {
  ExternalGroupMember: "an external group's members cannot be listed or read; declare the member, and adding it again is harmless",
  ExternalGroupSet: "Graph cannot list a connection's groups or their members; declare the set with adoptExisting: true to take over the groups that exist",
};
