/**
 * Every resource type the package serves, registered once. Both hosts dispatch to the handler through it (the
 * dynamic resources' shims provider/dynamic/<Type>.ts and the native plugin), and the schema builder
 * (scripts/schema/) and the SDK classes (sdk/dynamic/) take their type names from it. A new resource is one
 * entry here, its handler (provider/resources/), its types file and its SDK class: docs/architecture.md.
 */
import { GraphConnectorsError } from "../errors";
import { connectorHandler, CONNECTOR_INPUT_SHAPE } from "../resources/appProxy/connector";
import { connectorGroupHandler, CONNECTOR_GROUP_INPUT_SHAPE } from "../resources/appProxy/connectorGroup";
import type { CloudRestriction, ResourceHandler, StateForm } from "../resources/contract";
import { CONNECTION_INPUT_SHAPE } from "../resources/externalConnection/check";
import { externalConnectionHandler } from "../resources/externalConnection/handler";
import { externalGroupHandler, GROUP_INPUT_SHAPE } from "../resources/externalGroup/handler";
import { externalGroupMemberHandler, MEMBER_INPUT_SHAPE } from "../resources/externalGroup/memberHandler";
import { GROUP_STATE_FORM, SET_STATE_FORM } from "../resources/externalGroup/memberRecord";
import { GroupClaim, groupClaims, memberClaims, setClaims } from "../resources/externalGroup/ownership";
import { externalGroupSetHandler, SET_INPUT_SHAPE } from "../resources/externalGroup/setHandler";
import type { Shape } from "../resources/inputShape";
import { PEOPLE_SETTINGS_ONLY_GLOBAL } from "../resources/people/cloud";
import { profileSourceHandler, PROFILE_SOURCE_INPUT_SHAPE } from "../resources/people/profileSource";
import { PRIORITY_INPUT_SHAPE, profileSourcePriorityHandler } from "../resources/people/profileSourcePriority";

/** The package's name: type tokens are `graph-connectors:index:<Type>`. */
export const PACKAGE_NAME = "graph-connectors";

/** Where the schema builder reads a type's inputs, outputs and description (scripts/schema/buildSchema.ts). */
export interface SchemaSource {
  /** File (from the package root) declaring the input and output interfaces. */
  typesFile: string;
  inputs: string;
  outputs: string;
  /** The dynamic SDK's file whose class of the type's name describes the resource, and whose `<Type>Args` are its inputs. */
  sdkFile: string;
}

/** What `pulumi import` of a type takes, or why it cannot be imported. */
export type ImportSupport =
  | {
      /** The import id, for the registry docs: an example (resource name and id) and what it is. */
      id: { example: string; form: string };
      /** Said to the person importing, about what the imported inputs cannot hold. */
      note?: string;
    }
  | {
      /** The registry docs' import section. */
      unavailable: string;
      /** Why, in the error `pulumi import` gets. */
      hint: string;
    };

export interface ResourceEntry {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one table holds handlers of every input/output type; each entry's types are checked where it is declared
  handler: ResourceHandler<any, any>;
  /** Every input and its JSON type: checked before the handler's own rules (engine/check.ts). */
  inputShape: Record<string, Shape>;
  /** How the state keeps its properties where that differs from the handler's form. @default as they are */
  stateForm?: StateForm;
  /** The external groups a checked resource manages, so that a group managed twice is named at preview. */
  groupClaims?: (inputs: Record<string, unknown>) => GroupClaim[];
  /** Only a user's sign-in can manage it: an application credential fails at preview. */
  delegatedOnly?: true;
  /** The national clouds it exists in, where that is not every cloud. */
  clouds?: CloudRestriction;
  import: ImportSupport;
  schema: SchemaSource;
}

export const RESOURCES = {
  ExternalConnection: {
    handler: externalConnectionHandler,
    inputShape: CONNECTION_INPUT_SHAPE,
    import: { id: { example: "kb contosohr", form: "the connection id" } },
    schema: {
      typesFile: "provider/resources/externalConnection/types.ts",
      inputs: "ExternalConnectionInputs",
      outputs: "ExternalConnectionOutputs",
      sdkFile: "sdk/dynamic/externalConnection.ts",
    },
  },
  ExternalGroup: {
    handler: externalGroupHandler,
    inputShape: GROUP_INPUT_SHAPE,
    stateForm: GROUP_STATE_FORM,
    groupClaims,
    import: {
      id: {
        example: "sales contosohr/sales",
        form: "`<connectionId>/<groupId>`; Graph cannot list a group's members, so an imported group declares none",
      },
      note: "imported without members: Graph cannot list a group's members; declare `members` (adding an existing member again is harmless)",
    },
    schema: {
      typesFile: "provider/resources/externalGroup/types.ts",
      inputs: "ExternalGroupInputs",
      outputs: "ExternalGroupOutputs",
      sdkFile: "sdk/dynamic/externalGroup.ts",
    },
  },
  ExternalGroupMember: {
    handler: externalGroupMemberHandler,
    inputShape: MEMBER_INPUT_SHAPE,
    groupClaims: memberClaims,
    import: {
      unavailable:
        "Graph cannot list or read an external group's members, so members cannot be imported; declare them (adding an existing member again is harmless).",
      hint: "an external group's members cannot be listed or read; declare the member, and adding it again is harmless",
    },
    schema: {
      typesFile: "provider/resources/externalGroup/types.ts",
      inputs: "ExternalGroupMemberInputs",
      outputs: "ExternalGroupMemberOutputs",
      sdkFile: "sdk/dynamic/externalGroup.ts",
    },
  },
  ExternalGroupSet: {
    handler: externalGroupSetHandler,
    inputShape: SET_INPUT_SHAPE,
    stateForm: SET_STATE_FORM,
    groupClaims: setClaims,
    import: {
      unavailable:
        "Graph cannot list a connection's groups or a group's members, so a set cannot be imported; declare it with `adoptExisting: true` to take over the groups that exist (adding an existing member again is harmless).",
      hint: "Graph cannot list a connection's groups or their members; declare the set with adoptExisting: true to take over the groups that exist",
    },
    schema: {
      typesFile: "provider/resources/externalGroup/types.ts",
      inputs: "ExternalGroupSetInputs",
      outputs: "ExternalGroupSetOutputs",
      sdkFile: "sdk/dynamic/externalGroup.ts",
    },
  },
  Connector: {
    handler: connectorHandler,
    inputShape: CONNECTOR_INPUT_SHAPE,
    delegatedOnly: true,
    import: { id: { example: "agent1 <connectorId>", form: "the connector's Graph id" } },
    schema: {
      typesFile: "provider/resources/appProxy/types.ts",
      inputs: "ConnectorInputs",
      outputs: "ConnectorOutputs",
      sdkFile: "sdk/dynamic/connector.ts",
    },
  },
  ConnectorGroup: {
    handler: connectorGroupHandler,
    inputShape: CONNECTOR_GROUP_INPUT_SHAPE,
    delegatedOnly: true,
    import: { id: { example: "eu <connectorGroupId>", form: "the connector group's Graph id" } },
    schema: {
      typesFile: "provider/resources/appProxy/types.ts",
      inputs: "ConnectorGroupInputs",
      outputs: "ConnectorGroupOutputs",
      sdkFile: "sdk/dynamic/connector.ts",
    },
  },
  ProfileSource: {
    handler: profileSourceHandler,
    inputShape: PROFILE_SOURCE_INPUT_SHAPE,
    clouds: PEOPLE_SETTINGS_ONLY_GLOBAL,
    import: { id: { example: "hr contosohr", form: "the source's sourceId (the people connector's connection id)" } },
    schema: {
      typesFile: "provider/resources/people/types.ts",
      inputs: "ProfileSourceInputs",
      outputs: "ProfileSourceOutputs",
      sdkFile: "sdk/dynamic/people.ts",
    },
  },
  ProfileSourcePriority: {
    handler: profileSourcePriorityHandler,
    inputShape: PRIORITY_INPUT_SHAPE,
    clouds: PEOPLE_SETTINGS_ONLY_GLOBAL,
    import: {
      id: { example: "hr contosohr", form: "the source's sourceId (a 0.2.x id `<propertyName>/<sourceId>` is read as its sourceId)" },
    },
    schema: {
      typesFile: "provider/resources/people/types.ts",
      inputs: "ProfileSourcePriorityInputs",
      outputs: "ProfileSourcePriorityOutputs",
      sdkFile: "sdk/dynamic/people.ts",
    },
  },
} satisfies Record<string, ResourceEntry>;

export type ResourceType = keyof typeof RESOURCES;

/** Every registered type name, in registration order. */
export const RESOURCE_TYPES = Object.keys(RESOURCES) as ResourceType[];

export function isResourceType(name: string): name is ResourceType {
  return Object.prototype.hasOwnProperty.call(RESOURCES, name);
}

/** The entry of `type`; a name no entry has is state written by a newer release. */
export function resourceEntry(type: string): ResourceEntry {
  if (!isResourceType(type)) {
    throw new GraphConnectorsError(
      `pulumi-graph-connectors: unknown resource type '${type}'; the installed package is older than the one that wrote this stack's state`,
    );
  }
  return RESOURCES[type];
}

/** The type a token such as `graph-connectors:index:ExternalConnection` names (the native plugin's requests). */
export function typeOfToken(token: string): string {
  return token.slice(token.lastIndexOf(":") + 1);
}

/** The token of `type` in the package schema. */
export function tokenOf(type: ResourceType): string {
  return `${PACKAGE_NAME}:index:${type}`;
}

/** The type `handler` is registered under, for messages that name another resource to the person. */
export function typeOfHandler(handler: ResourceEntry["handler"]): ResourceType {
  const found = RESOURCE_TYPES.find((type) => RESOURCES[type].handler === handler);
  if (!found) throw new GraphConnectorsError("a resource handler that is not registered (provider/engine/registry.ts)");
  return found;
}

/** The inputs the handler of `type` works with. */
export type InputsOf<T extends ResourceType> = Parameters<(typeof RESOURCES)[T]["handler"]["create"]>[1];

/** Types whose state is what their handlers work with. */
const AS_IS: StateForm = { store: (props) => props, read: (props) => props };

/** How `type` keeps its properties in state. */
export function stateFormOf(type: string): StateForm {
  return resourceEntry(type).stateForm ?? AS_IS;
}
