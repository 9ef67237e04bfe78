/**
 * Groups managed twice in one program, as one provider process's checks see them
 * (provider/engine/groupOwnership.ts, provider/resources/externalGroup/ownership.ts).
 */
import { GroupOwnership } from "../../provider/engine/groupOwnership";
import { UNKNOWN } from "../../provider/resources/values";

const USER_1 = "a1b2c3d4-0000-4000-8000-000000000001";
const group = (groupId: string, extra: object = {}) => ({ connectionId: "contosokb", groupId, ...extra });
const member = (groupId: string) => ({ connectionId: "contosokb", groupId, memberId: USER_1, memberType: "user" });

describe("a group managed twice is named at the check that completes the pair", () => {
  test("an ExternalGroup's members and an ExternalGroupMember of the same group, in either order", () => {
    const first = new GroupOwnership();
    expect(first.note("ExternalGroup", group("readers", { members: [] }), "urn:a", "ExternalGroup 'readers'")).toEqual([]);
    expect(first.note("ExternalGroupMember", member("readers"), "urn:b", "ExternalGroupMember 'reader'")).toEqual([
      expect.stringMatching(
        /^group 'readers' of connection 'contosokb' has its members managed by ExternalGroup 'readers' and also by ExternalGroupMember 'reader': .*removed when either stops declaring it/,
      ),
    ]);
    const reversed = new GroupOwnership();
    expect(reversed.note("ExternalGroupMember", member("readers"), "urn:b", "ExternalGroupMember 'reader'")).toEqual([]);
    expect(reversed.note("ExternalGroup", group("readers", { members: [] }), "urn:a", "ExternalGroup 'readers'")).toHaveLength(1);
  });

  test("an ExternalGroup without members and ExternalGroupMember resources is the documented way: no warning", () => {
    const ownership = new GroupOwnership();
    ownership.note("ExternalGroup", group("readers"), "urn:a", "ExternalGroup 'readers'");
    expect(ownership.note("ExternalGroupMember", member("readers"), "urn:b", "ExternalGroupMember 'reader'")).toEqual([]);
  });

  test("a set's group declared again by an ExternalGroup", () => {
    const ownership = new GroupOwnership();
    ownership.note("ExternalGroupSet", { connectionId: "contosokb", groups: { sales: {}, hr: {} } }, "urn:set", "ExternalGroupSet 'acl'");
    expect(ownership.note("ExternalGroup", group("sales"), "urn:g", "ExternalGroup 'sales'")).toEqual([
      "group 'sales' of connection 'contosokb' is declared by ExternalGroupSet 'acl' and ExternalGroup 'sales': each would create, update and delete it as its own; declare a group once",
    ]);
  });

  test("a resource checked again replaces its own claim: no conflict with itself, none left behind", () => {
    const ownership = new GroupOwnership();
    ownership.note("ExternalGroup", group("readers", { members: [] }), "urn:a", "ExternalGroup 'readers'");
    expect(ownership.note("ExternalGroup", group("readers", { members: [] }), "urn:a", "ExternalGroup 'readers'")).toEqual([]);
    // Moved to another group: the first is free again.
    ownership.note("ExternalGroup", group("writers", { members: [] }), "urn:a", "ExternalGroup 'readers'");
    expect(ownership.note("ExternalGroupMember", member("readers"), "urn:b", "ExternalGroupMember 'reader'")).toEqual([]);
  });

  test("ids not known yet (a preview of a new stack) are not compared", () => {
    const ownership = new GroupOwnership();
    ownership.note("ExternalGroup", { connectionId: UNKNOWN, groupId: "readers", members: [] }, "urn:a", "ExternalGroup 'readers'");
    expect(
      ownership.note("ExternalGroupMember", { ...member("readers"), connectionId: UNKNOWN }, "urn:b", "ExternalGroupMember 'reader'"),
    ).toEqual([]);
  });
});
