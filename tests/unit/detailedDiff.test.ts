/**
 * The native provider's detailed diff (provider/native/detailedDiff.ts): which paths it names and whether each
 * is a change of the program (`inputDiff`, the CLI reads both sides from the stored inputs) or read against
 * the state's outputs (drift, and member lists: the CLI reads the old side from the outputs). The sides are
 * built as the plugin builds them: outputs in the schema's form, inputs as check stores them (the registry's
 * stateForm: members packed, except those a change adds, kept as declared).
 */
import type { dynamic } from "@pulumi/pulumi";
import { DiffSides, detailedDiff, formatPath } from "../../provider/native/detailedDiff";
import { stateFormOf } from "../../provider/engine/registry";

const USER_1 = "a1b2c3d4-0000-4000-8000-000000000001";
const USER_2 = "a1b2c3d4-0000-4000-8000-000000000002";
const USER_3 = "a1b2c3d4-0000-4000-8000-000000000003";
const user = (id: string) => ({ id, type: "user" });

type Props = Record<string, unknown>;

/**
 * The plugin's view of a diff: the old inputs as the run that made them stored them (after a create, unless
 * `before` names the inputs of the run before that one), the new ones as check stores them against those.
 */
function sides(type: string, declared: { oldInputs: object; olds: object; news: object }, before?: object): DiffSides {
  const form = stateFormOf(type);
  const oldInputs = form.store(declared.oldInputs as Props, before && form.store(before as Props));
  const news = form.store(declared.news as Props, oldInputs);
  return {
    oldInputs,
    olds: declared.olds as Props,
    news,
    readOldInputs: form.read(oldInputs),
    readNews: form.read(news),
    readOlds: form.read(declared.olds as Props),
  };
}

const SOME: dynamic.DiffResult = { changes: true };

describe("drift found by a refresh reads as drift", () => {
  test("a group of a set renamed in Graph: only that group's displayName, from Graph's value to the program's", () => {
    const groups = {
      sales: { displayName: "Sales", members: [user(USER_1)] },
      support: { displayName: "Support", members: [user(USER_2)] },
    };
    const drifted = { ...groups, sales: { ...groups.sales, displayName: "Sales (renamed)" } };
    const diff = detailedDiff(
      SOME,
      sides("ExternalGroupSet", {
        oldInputs: { connectionId: "kb", groups },
        olds: { connectionId: "kb", groups: drifted },
        news: { connectionId: "kb", groups },
      }),
    );
    expect(diff.paths).toEqual({ "groups.sales.displayName": { change: "update", replaces: false, inputDiff: false } });
    expect(diff.keys).toEqual(["groups"]);
  });

  test("a group of a set deleted in Graph is one group to add back, not every group removed and re-added", () => {
    const groups = { sales: { displayName: "Sales", members: [user(USER_1)] }, support: { members: [user(USER_2)] } };
    const diff = detailedDiff(
      SOME,
      sides("ExternalGroupSet", {
        oldInputs: { connectionId: "kb", groups },
        olds: { connectionId: "kb", groups: { sales: groups.sales } },
        news: { connectionId: "kb", groups },
      }),
    );
    expect(diff.paths).toEqual({ "groups.support": { change: "add", replaces: false, inputDiff: false } });
  });

  test("a group's displayName changed in Graph, its members untouched", () => {
    const declared = { connectionId: "kb", groupId: "readers", displayName: "Readers", members: [user(USER_1)] };
    const diff = detailedDiff(
      SOME,
      sides("ExternalGroup", { oldInputs: declared, olds: { ...declared, displayName: "Renamed" }, news: declared }),
    );
    expect(diff.paths).toEqual({ displayName: { change: "update", replaces: false, inputDiff: false } });
  });

  test("beside a change of the program, only the program's change is named (an output in another form is not drift)", () => {
    const declared = { connectionId: "kb", groupId: "readers", displayName: "Readers", description: "old" };
    const diff = detailedDiff(
      SOME,
      sides("ExternalGroup", {
        oldInputs: declared,
        olds: { ...declared, displayName: "Renamed" },
        news: { ...declared, description: "new" },
      }),
    );
    expect(diff.paths).toEqual({ description: { change: "update", replaces: false, inputDiff: true } });
  });

  test("no change in the handler's verdict names nothing, whatever the outputs hold", () => {
    const declared = { connectionId: "kb", groupId: "readers", displayName: "Readers" };
    const diff = detailedDiff(
      { changes: false },
      sides("ExternalGroup", { oldInputs: declared, olds: { ...declared, displayName: "x" }, news: declared }),
    );
    expect([diff.paths, diff.keys]).toEqual([{}, []]);
  });
});

describe("changes of the program are input diffs, down to what changed", () => {
  test("members added and removed are named one by one: added at their place in the new inputs, where they are objects", () => {
    const before = { connectionId: "kb", groupId: "readers", members: [user(USER_1), user(USER_2)] };
    const after = { ...before, members: [user(USER_1), user(USER_3), user(USER_2), { id: USER_2, type: "group" }] };
    const view = sides("ExternalGroup", { oldInputs: before, olds: before, news: after });
    // Check keeps the additions as declared, among the packed members: the CLI prints them from there.
    expect(view.news.members).toEqual([`user:${USER_1}`, user(USER_3), `user:${USER_2}`, { id: USER_2, type: "group" }]);
    expect(detailedDiff(SOME, view).paths).toEqual({
      "members[1]": { change: "add", replaces: false, inputDiff: false },
      "members[3]": { change: "add", replaces: false, inputDiff: false },
    });
  });

  test("a member removed is a delete at its place in the outputs, which hold it as an object", () => {
    const before = { connectionId: "kb", groupId: "readers", members: [user(USER_1), user(USER_2), user(USER_3)] };
    const diff = detailedDiff(
      SOME,
      sides("ExternalGroup", { oldInputs: before, olds: before, news: { ...before, members: [user(USER_1), user(USER_3)] } }),
    );
    expect(diff.paths).toEqual({ "members[1]": { change: "delete", replaces: false, inputDiff: false } });
    expect(diff.keys).toEqual(["members"]);
  });

  test("a member whose type changes is the old one gone from its place and the new one there", () => {
    const before = { connectionId: "kb", groupId: "readers", members: [user(USER_1), user(USER_2)] };
    const after = { ...before, members: [user(USER_1), { id: USER_2, type: "group" }] };
    const diff = detailedDiff(SOME, sides("ExternalGroup", { oldInputs: before, olds: before, news: after }));
    expect(diff.paths).toEqual({ "members[1]": { change: "update", replaces: false, inputDiff: false } });
  });

  test("a member swapped for another at its place is that place updated; members moved, or an id's case, are not named", () => {
    const before = { connectionId: "kb", groupId: "readers", members: [user(USER_1), user(USER_2)] };
    const swapped = detailedDiff(
      SOME,
      sides("ExternalGroup", { oldInputs: before, olds: before, news: { ...before, members: [user(USER_1), user(USER_3)] } }),
    );
    expect(swapped.paths).toEqual({ "members[1]": { change: "update", replaces: false, inputDiff: false } });
    // A set, not a list: USER_1 moved but stays, so only USER_2's place (outputs) and USER_3's (new inputs) are named.
    const moved = detailedDiff(
      SOME,
      sides("ExternalGroup", {
        oldInputs: before,
        olds: before,
        news: { ...before, members: [user(USER_3), user(USER_1.toUpperCase())] },
      }),
    );
    expect(moved.paths).toEqual({
      "members[0]": { change: "add", replaces: false, inputDiff: false },
      "members[1]": { change: "delete", replaces: false, inputDiff: false },
    });
  });

  test("the members the last change added, kept as objects in the old inputs, read as the others", () => {
    const first = { connectionId: "kb", groupId: "readers", displayName: "Readers", members: [user(USER_1)] };
    const second = { ...first, members: [user(USER_1), user(USER_2)] };
    const view = sides("ExternalGroup", { oldInputs: second, olds: second, news: { ...second, displayName: "All readers" } }, first);
    expect(view.oldInputs.members).toEqual([`user:${USER_1}`, user(USER_2)]);
    // Nothing added this time: all packed again.
    expect(view.news.members).toEqual([`user:${USER_1}`, `user:${USER_2}`]);
    expect(detailedDiff(SOME, view).paths).toEqual({ displayName: { change: "update", replaces: false, inputDiff: true } });
  });

  test("a set's group members are named one by one; the group's lines stay one string beside the additions", () => {
    const groups = { sales: { displayName: "Sales", members: [user(USER_1)] }, support: { members: [user(USER_2)] } };
    const after = { ...groups, support: { members: [user(USER_1), user(USER_2), user(USER_3)] } };
    const view = sides("ExternalGroupSet", {
      oldInputs: { connectionId: "kb", groups },
      olds: { connectionId: "kb", groups },
      news: { connectionId: "kb", groups: after },
    });
    const stored = view.news.groups as Record<string, Props>;
    expect([stored.sales.members, stored.support.members]).toEqual([`user:${USER_1}`, [user(USER_1), `user:${USER_2}`, user(USER_3)]]);
    expect(detailedDiff(SOME, view).paths).toEqual({
      "groups.support.members[0]": { change: "add", replaces: false, inputDiff: false },
      "groups.support.members[2]": { change: "add", replaces: false, inputDiff: false },
    });
  });

  test("a set's group removed is printed from the outputs; one added from the new inputs, its members as declared", () => {
    const groups = { sales: { displayName: "Sales", members: [user(USER_1)] }, support: { members: [user(USER_2)] } };
    const after = { sales: groups.sales, hr: { members: [user(USER_3)] } };
    const view = sides("ExternalGroupSet", {
      oldInputs: { connectionId: "kb", groups },
      olds: { connectionId: "kb", groups },
      news: { connectionId: "kb", groups: after },
    });
    expect((view.news.groups as Record<string, Props>).hr.members).toEqual([user(USER_3)]);
    expect(detailedDiff(SOME, view).paths).toEqual({
      "groups.support": { change: "delete", replaces: false, inputDiff: false },
      "groups.hr": { change: "add", replaces: false, inputDiff: true },
    });
  });

  test("a schema property's attribute is named as that attribute; a removed property replaces the connection", () => {
    const schema = {
      baseType: "microsoft.graph.externalItem",
      properties: [
        { name: "title", type: "string", isSearchable: true },
        { name: "url", type: "string" },
      ],
    };
    const connection = { connectionId: "kb", name: "KB", schema };
    const searchable = {
      ...connection,
      schema: { ...schema, properties: [schema.properties[0], { ...schema.properties[1], isSearchable: true }] },
    };
    expect(detailedDiff(SOME, sides("ExternalConnection", { oldInputs: connection, olds: connection, news: searchable })).paths).toEqual({
      "schema.properties[1].isSearchable": { change: "add", replaces: false, inputDiff: true },
    });

    const removed = { ...connection, schema: { ...schema, properties: [schema.properties[0]] } };
    const replace = detailedDiff(
      { changes: true, replaces: ["schema"], deleteBeforeReplace: true },
      sides("ExternalConnection", { oldInputs: connection, olds: connection, news: removed }),
    );
    expect(replace.paths).toEqual({ "schema.properties[1]": { change: "delete", replaces: true, inputDiff: true } });
    expect([replace.keys, replace.replaces, replace.deleteBeforeReplace]).toEqual([["schema"], ["schema"], true]);
  });

  test("a replace the values do not show still names its key", () => {
    const connection = { connectionId: "kb", name: "KB" };
    const diff = detailedDiff(
      { changes: true, replaces: ["connectionId"] },
      sides("ExternalConnection", { oldInputs: connection, olds: connection, news: connection }),
    );
    expect(diff.paths).toEqual({ connectionId: { change: "update", replaces: true, inputDiff: true } });
    expect(diff.keys).toEqual(["connectionId"]);
  });
});

test("members the outputs do not hold are compared with the old inputs", () => {
  const before = { connectionId: "kb", groupId: "readers", members: [user(USER_1)] };
  const { members: _members, ...outputs } = before;
  const diff = detailedDiff(
    SOME,
    sides("ExternalGroup", { oldInputs: before, olds: outputs, news: { ...before, members: [user(USER_1), user(USER_2)] } }),
  );
  expect(diff.paths).toEqual({ "members[1]": { change: "add", replaces: false, inputDiff: true } });
});

test("paths are written as the engine parses them", () => {
  expect(formatPath(["groups", "sales", "members", 3])).toBe("groups.sales.members[3]");
  expect(formatPath(["configuration", "a.b", "c d"])).toBe('configuration["a.b"]["c d"]');
});
