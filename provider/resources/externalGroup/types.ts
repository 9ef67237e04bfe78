import type { MemberType } from "../../../model/group";
export { groupPath, groupsPath, memberPath } from "../../../model/group";

// Descriptions follow Graph's resource pages externalconnectors-externalgroup.md and externalconnectors-identity.md.

/** A member of an external group. */
export interface MemberInput {
  /** An Entra user or group object id, or the id of another external group of the same connection. */
  id: string;
  /** `user` or `group` (an Entra object), or `externalGroup` (another group of the connection). */
  type: MemberType;
}

export interface ExternalGroupInputs {
  /** The connection the group belongs to. Changing it replaces the group. */
  connectionId: string;
  /** 1-128 letters and digits, unique within the connection. */
  groupId: string;
  /** The group's friendly name. */
  displayName?: string;
  /** The group's description. */
  description?: string;
  /**
   * The whole member set, synchronised with as few requests as possible (JSON batches of 20). Graph cannot
   * list members, so a refresh cannot see members changed outside Pulumi. Do not combine with
   * ExternalGroupMember resources for the same group.
   */
  members?: MemberInput[];
  /** Take over an existing group with this id instead of failing on 409. @default false */
  adoptExisting?: boolean;
}

export interface ExternalGroupOutputs extends ExternalGroupInputs {
  /**
   * Members whose last change lost its answer (a 5xx or a dropped connection after Graph may have acted):
   * each may or may not be a member. Present only after a failed run; the next `pulumi up` settles them by
   * adding the desired ones again (409 = already there) and removing the others (404 = already gone).
   */
  unconfirmedMembers?: MemberInput[];
}

export interface ExternalGroupMemberInputs {
  /** The connection of the group. Changing it replaces the membership. */
  connectionId: string;
  /** The external group the member belongs to. Changing it replaces the membership. */
  groupId: string;
  /** An Entra user or group object id, or the id of another external group of the same connection. Changing it replaces the membership. */
  memberId: string;
  /** `user`, `group` or `externalGroup`. Changing it replaces the membership. */
  memberType: MemberType;
}

export type ExternalGroupMemberOutputs = ExternalGroupMemberInputs;

/** One group of an ExternalGroupSet; its groupId is its key in `groups`. */
export interface ExternalGroupSpec {
  /** The group's friendly name. */
  displayName?: string;
  /** The group's description. */
  description?: string;
  /** The group's whole member set, as for an ExternalGroup's `members`. */
  members?: MemberInput[];
}

export interface ExternalGroupSetInputs {
  /** The connection the groups belong to. Changing it replaces the set. */
  connectionId: string;
  /**
   * The groups, keyed by groupId (1-128 letters and digits, unique within the connection). A group added
   * here is created, one removed is deleted, one changed is updated; members are synchronised as for an
   * ExternalGroup. Do not manage a group here and in an ExternalGroup or ExternalGroupMember resource too.
   */
  groups: Record<string, ExternalGroupSpec>;
  /** Take over groups that already exist with these ids instead of failing on 409. @default false */
  adoptExisting?: boolean;
}

export interface ExternalGroupSetOutputs extends ExternalGroupSetInputs {
  /**
   * Per groupId, members whose last change lost its answer (see ExternalGroup's `unconfirmedMembers`); present
   * only after a failed run, settled by the next `pulumi up`.
   */
  unconfirmedMembers?: Record<string, MemberInput[]>;
}
