import { describe, expect, it } from "vitest";
import { ACTIONS, allowedActions, can, canOnInstance, checkConvenorRemains, type Action } from "./permissions";
import { ROLES, isRole, type Role } from "./roles";

// Written out independently of the module's table so a change to either shows up here.
const EXPECTED: Record<Role, Record<Action, boolean>> = {
  convenor: {
    "process.view": true, "members.view": true, "draft.edit": true, "comment.create": true,
    "position.take": true, "members.manage": true, "groups.manage": true, "audit.view": true,
    "process.signOff": true,
  },
  editor: {
    "process.view": true, "members.view": true, "draft.edit": true, "comment.create": true,
    "position.take": true, "members.manage": false, "groups.manage": false, "audit.view": false,
    "process.signOff": false,
  },
  commenter: {
    "process.view": true, "members.view": true, "draft.edit": false, "comment.create": true,
    "position.take": true, "members.manage": false, "groups.manage": false, "audit.view": false,
    "process.signOff": false,
  },
  observer: {
    "process.view": true, "members.view": true, "draft.edit": false, "comment.create": false,
    "position.take": false, "members.manage": false, "groups.manage": false, "audit.view": false,
    "process.signOff": false,
  },
};

describe("can", () => {
  for (const role of ROLES) {
    for (const action of ACTIONS) {
      it(`${role} ${EXPECTED[role][action] ? "may" : "may not"} ${action}`, () => {
        expect(can(role, action)).toBe(EXPECTED[role][action]);
      });
    }
  }

  it("covers every role and action in the expectation table", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ROLES].sort());
    for (const role of ROLES) expect(Object.keys(EXPECTED[role]).sort()).toEqual([...ACTIONS].sort());
  });

  it("refuses everything to someone who is not a member", () => {
    for (const action of ACTIONS) {
      expect(can(null, action)).toBe(false);
      expect(can(undefined, action)).toBe(false);
    }
  });

  it("lists a role's allowed actions in table order", () => {
    expect(allowedActions("observer")).toEqual(["process.view", "members.view"]);
    expect(allowedActions("convenor")).toEqual([...ACTIONS]);
    expect(allowedActions(null)).toEqual([]);
  });
});

describe("instance actions", () => {
  it("only administrators create drafting processes", () => {
    expect(canOnInstance(true, "process.create")).toBe(true);
    expect(canOnInstance(false, "process.create")).toBe(false);
  });
});

describe("isRole", () => {
  it("accepts exactly the four roles", () => {
    for (const role of ROLES) expect(isRole(role)).toBe(true);
    for (const value of ["admin", "Convenor", "", null, 3, undefined]) expect(isRole(value)).toBe(false);
  });
});

describe("checkConvenorRemains", () => {
  const cases: Array<[Role, Role | null, number, string | null]> = [
    ["convenor", "editor", 1, "last_convenor"],
    ["convenor", null, 1, "last_convenor"],
    ["convenor", "convenor", 1, null],
    ["convenor", "observer", 2, null],
    ["convenor", null, 2, null],
    ["editor", null, 1, null],
    ["observer", "convenor", 1, null],
    ["commenter", "observer", 0, null],
  ];
  for (const [targetRole, newRole, convenorCount, expected] of cases) {
    it(`${targetRole} → ${newRole ?? "removed"} with ${convenorCount} convenor(s): ${expected ?? "allowed"}`, () => {
      expect(checkConvenorRemains({ targetRole, newRole, convenorCount })).toBe(expected);
    });
  }
});
