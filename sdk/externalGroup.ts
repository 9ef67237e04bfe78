import * as pulumi from "@pulumi/pulumi";
import { unpackMembers } from "../provider/resources/externalGroup/memberRecord";
import type { ExternalGroupInputs, ExternalGroupMemberInputs, MemberInput } from "../provider/resources/externalGroup/types";
import { DeepInput } from "./inputs";
import { MODULE, providers } from "./providers";

export type ExternalGroupArgs = { [K in keyof ExternalGroupInputs]: DeepInput<ExternalGroupInputs[K]> };
export type ExternalGroupMemberArgs = { [K in keyof ExternalGroupMemberInputs]: DeepInput<ExternalGroupMemberInputs[K]> };

/**
 * An external group of a connection (`/external/connections/{id}/groups/{groupId}`), for ACLs of items
 * whose permissions live outside Entra. `members` manages the whole member set in JSON batches.
 */
export class ExternalGroup extends pulumi.dynamic.Resource {
  declare readonly connectionId: pulumi.Output<string>;
  declare readonly groupId: pulumi.Output<string>;
  declare readonly displayName: pulumi.Output<string | undefined>;
  declare readonly description: pulumi.Output<string | undefined>;
  /** The member set as Graph confirmed it (in the preview of a create or update: as declared). */
  declare readonly members: pulumi.Output<MemberInput[] | undefined>;

  constructor(name: string, args: ExternalGroupArgs, opts?: pulumi.CustomResourceOptions) {
    super(providers.ExternalGroup, name, { members: undefined, ...args }, opts, MODULE, "ExternalGroup");
    // The state holds members as "type:id" strings (provider/resources/externalGroup/memberRecord.ts), and the
    // engine hands them to the program as stored: read them back as the objects the program declares.
    this.members = this.members.apply((members) => unpackMembers(members) as MemberInput[] | undefined);
  }
}

/** One member of an external group; use it or the group's `members`, not both, for one group. */
export class ExternalGroupMember extends pulumi.dynamic.Resource {
  declare readonly connectionId: pulumi.Output<string>;
  declare readonly groupId: pulumi.Output<string>;
  declare readonly memberId: pulumi.Output<string>;
  declare readonly memberType: pulumi.Output<string>;

  constructor(name: string, args: ExternalGroupMemberArgs, opts?: pulumi.CustomResourceOptions) {
    super(providers.ExternalGroupMember, name, { ...args }, opts, MODULE, "ExternalGroupMember");
  }
}

export type { MemberInput };
