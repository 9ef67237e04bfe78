import * as pulumi from "@pulumi/pulumi";
import { packMembers, SET_STATE_FORM, unpackMembers } from "../../provider/resources/externalGroup/memberRecord";
import type {
  ExternalGroupInputs,
  ExternalGroupMemberInputs,
  ExternalGroupSetInputs,
  ExternalGroupSpec,
  MemberInput,
} from "../../provider/resources/externalGroup/types";
import { ArgsOf } from "./inputs";
import { GraphConnectorsResource } from "./resource";

export type ExternalGroupArgs = ArgsOf<ExternalGroupInputs>;
export type ExternalGroupMemberArgs = ArgsOf<ExternalGroupMemberInputs>;
export type ExternalGroupSetArgs = ArgsOf<ExternalGroupSetInputs>;

/**
 * An external group of a connection (`/external/connections/{id}/groups/{groupId}`), for ACLs of items
 * whose permissions live outside Entra. `members` manages the whole member set in JSON batches.
 */
export class ExternalGroup extends GraphConnectorsResource {
  declare readonly connectionId: pulumi.Output<string>;
  declare readonly groupId: pulumi.Output<string>;
  declare readonly displayName: pulumi.Output<string | undefined>;
  declare readonly description: pulumi.Output<string | undefined>;
  /** The member set as Graph confirmed it (in the preview of a create or update: as declared). */
  declare readonly members: pulumi.Output<MemberInput[] | undefined>;

  constructor(name: string, args: ExternalGroupArgs, opts?: pulumi.CustomResourceOptions) {
    // Members declared as plain values are registered in the stored form the check returns anyway
    // (provider/resources/externalGroup/memberRecord.ts): the program, the engine and the dynamic host each
    // handle a string per member instead of an object. The engine checks resources one at a time, so what each
    // check costs paces the start of every group.
    super("ExternalGroup", name, { ...args, members: packMembers(args.members) as ExternalGroupArgs["members"] }, opts);
    // The state holds members as "type:id" strings (provider/resources/externalGroup/memberRecord.ts), and the
    // engine hands them to the program as stored: read them back as the objects the program declares.
    this.members = this.members.apply((members) => unpackMembers(members) as MemberInput[] | undefined);
  }
}

/** One member of an external group; use it or the group's `members`, not both, for one group. */
export class ExternalGroupMember extends GraphConnectorsResource {
  declare readonly connectionId: pulumi.Output<string>;
  declare readonly groupId: pulumi.Output<string>;
  declare readonly memberId: pulumi.Output<string>;
  declare readonly memberType: pulumi.Output<string>;

  constructor(name: string, args: ExternalGroupMemberArgs, opts?: pulumi.CustomResourceOptions) {
    super("ExternalGroupMember", name, { ...args }, opts);
  }
}

/**
 * Many external groups of one connection, with their members, as one resource: `groups` is keyed by groupId.
 * Each group is created, updated and deleted as an ExternalGroup would be (the same requests, batched across
 * groups), and the state records which groups exist after any failure. Use it for hundreds of groups: on a
 * file or blob backend Pulumi rewrites the whole state twice for every resource a step changes, so a set
 * deploys in the time Graph takes where as many ExternalGroup resources wait for those saves. A group is
 * managed by one resource only: a set, an ExternalGroup, or ExternalGroupMember resources.
 */
export class ExternalGroupSet extends GraphConnectorsResource {
  declare readonly connectionId: pulumi.Output<string>;
  /** The groups Graph holds, each with its member set as Graph confirmed it (in a preview: as declared). */
  declare readonly groups: pulumi.Output<Record<string, ExternalGroupSpec>>;

  constructor(name: string, args: ExternalGroupSetArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      "ExternalGroupSet",
      name,
      {
        ...args,
        // Registered in the stored form (each group's members as one string of lines): the engine hands the
        // provider the whole set in every check, and as objects each copy is ~20× larger (memberRecord.ts).
        groups: pulumi
          .output(args.groups as pulumi.Input<Record<string, ExternalGroupSpec>>)
          .apply((groups) => SET_STATE_FORM.store({ groups }).groups),
      },
      opts,
    );
    // Each group's members are stored as one string of "type:id" lines: read them back as objects.
    this.groups = this.groups.apply((groups) => SET_STATE_FORM.read({ groups }).groups as Record<string, ExternalGroupSpec>);
  }
}

export type { ExternalGroupSpec, MemberInput };
