import {
  handlerProps,
  joinMembers,
  packKeepingAdditions,
  packMembers,
  storedProps,
  storedSetGroup,
  unpackMembers,
} from "../../provider/resources/externalGroup/memberRecord";
import { UNKNOWN } from "../../provider/resources/values";

const USER = "a1b2c3d4-0000-4000-8000-000000000001";
const GROUP = "a1b2c3d4-0000-4000-8000-000000000002";
const objects = [
  { id: USER, type: "user" },
  { id: GROUP, type: "group" },
  { id: "Sales2", type: "externalGroup" },
];
const strings = [`user:${USER}`, `group:${GROUP}`, "externalGroup:Sales2"];

describe("a group's member record in the dynamic resources' state", () => {
  test("members are stored as type:id strings and read back as the objects the program declared", () => {
    expect(packMembers(objects)).toEqual(strings);
    expect(unpackMembers(strings)).toEqual(objects);
    expect(unpackMembers(packMembers(objects))).toEqual(objects);
  });

  test("values with unknowns, or not plain members, stay as they are", () => {
    const withUnknown = [{ id: UNKNOWN, type: "user" }];
    expect(packMembers(withUnknown)).toBe(withUnknown);
    expect(packMembers(UNKNOWN)).toBe(UNKNOWN);
    const odd = [{ id: USER, type: "user", extra: 1 }];
    expect(packMembers(odd)).toBe(odd);
    expect(unpackMembers([UNKNOWN, `user:${USER}`])).toEqual([UNKNOWN, { id: USER, type: "user" }]);
  });

  test("members as the SDK registers them: packed only when nothing is lost, for the check to read back", () => {
    expect(packMembers(objects)).toEqual(strings);
    // A type with a colon would read back as another type and id: it goes as declared, for the check to name.
    const colon = [{ id: USER, type: "us:er" }];
    expect(packMembers(colon)).toBe(colon);
    // An id with a line break would read back as two members.
    const lineBreak = [{ id: `${USER}\nuser:${GROUP}`, type: "user" }];
    expect(packMembers(lineBreak)).toBe(lineBreak);
    const odd = [
      { id: USER, type: "user" },
      { id: 5, type: "user" },
    ];
    expect(packMembers(odd)).toBe(odd);
    const pending = Promise.resolve(objects);
    expect(packMembers(pending)).toBe(pending);
    // An element that is not a plain member (an Output, with references back into the program) is not walked.
    const cyclic: Record<string, unknown> = { id: USER };
    cyclic.self = cyclic;
    const withOutput = [{ id: USER, type: "user" }, cyclic];
    expect(packMembers(withOutput)).toBe(withOutput);
    // A bad type without a colon is packed and reads back as declared, so the check names it the same.
    expect(handlerProps({ members: packMembers([{ id: "x", type: "robot" }]) })).toEqual({ members: [{ id: "x", type: "robot" }] });
  });

  test("outputs keep the confirmed set as strings, and both forms read back alike", () => {
    const outputs = { connectionId: "contosohr", groupId: "sales", members: objects, unconfirmedMembers: [objects[0]] };
    const stored = storedProps(outputs);
    expect(stored).toEqual({ connectionId: "contosohr", groupId: "sales", members: strings, unconfirmedMembers: [objects[0]] });
    expect(handlerProps(stored)).toEqual(outputs);
    // State written by earlier releases: objects.
    expect(handlerProps(outputs)).toEqual(outputs);
    // An empty set is a set (the program declares members: []), not "no members declared".
    expect(storedProps({ groupId: "sales", members: [] })).toEqual({ groupId: "sales", members: [] });
    expect(storedProps({ groupId: "sales" })).toEqual({ groupId: "sales" });
    expect(handlerProps({ groupId: "sales" })).toEqual({ groupId: "sales" });
  });

  test("stored inputs hold members as strings; ignoreChanges hands those back, and they read as objects", () => {
    const stored = storedProps({ groupId: "sales", members: objects });
    expect(stored).toEqual({ groupId: "sales", members: strings });
    expect(handlerProps(stored)).toEqual({ groupId: "sales", members: objects });
  });

  test("a set's group keeps its members as one string of lines; none is an empty string, not absent", () => {
    expect(joinMembers(objects)).toBe(strings.join("\n"));
    expect(unpackMembers(strings.join("\n"))).toEqual(objects);
    expect(storedSetGroup({ members: [] })).toEqual({ members: "" });
    expect(handlerProps({ members: "" })).toEqual({ members: [] });
    expect(storedSetGroup({ displayName: "Sales" })).toEqual({ displayName: "Sales" });
    // Unknowns (a preview) are left as they are, whole or inside the list.
    expect(joinMembers(UNKNOWN)).toBe(UNKNOWN);
    expect(unpackMembers(UNKNOWN)).toBe(UNKNOWN);
    const withUnknown = [{ id: UNKNOWN, type: "user" }];
    expect(joinMembers(withUnknown)).toBe(withUnknown);
  });
});

describe("the native plugin's inputs: what a change adds kept as declared", () => {
  const [user, group, external] = objects;

  test("members the old inputs lack stay objects at their place; the others are packed", () => {
    expect(packKeepingAdditions([user, group, external], [`user:${USER}`], false)).toEqual([`user:${USER}`, group, external]);
    // As a set's group: runs of lines between the objects, in the declared order.
    expect(packKeepingAdditions([user, external, group], [user, group], true)).toEqual([`user:${USER}`, external, `group:${GROUP}`]);
    expect(packKeepingAdditions([user, group, external], `user:${USER}\ngroup:${GROUP}`, true)).toEqual([
      `user:${USER}\ngroup:${GROUP}`,
      external,
    ]);
  });

  test("with nothing added, the plain packed form; ids compared without case, as Graph keys members", () => {
    expect(packKeepingAdditions([user, group], [{ id: USER.toUpperCase(), type: "user" }, `group:${GROUP}`], false)).toEqual([
      `user:${USER}`,
      `group:${GROUP}`,
    ]);
    expect(packKeepingAdditions([user, group], [user, group], true)).toBe(`user:${USER}\ngroup:${GROUP}`);
    const withUnknown = [{ id: UNKNOWN, type: "user" }];
    expect(packKeepingAdditions(withUnknown, [], false)).toBe(withUnknown);
  });

  test("every stored form reads back as the declared objects", () => {
    const stored = packKeepingAdditions([user, external, group], [user, group], true);
    expect(unpackMembers(stored)).toEqual([user, external, group]);
    expect(unpackMembers([`user:${USER}\ngroup:${GROUP}`, external])).toEqual([user, group, external]);
  });
});
