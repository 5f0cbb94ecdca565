import type { Role } from "./roles";

/**
 * Everything a member of a drafting process may try to do. The server functions
 * that do the work ask `can(role, action)`; the UI asks the same question only to
 * decide what to show.
 */
export const ACTIONS = [
  "process.view",
  "members.view",
  "draft.edit",
  "comment.create",
  "position.take",
  "members.manage",
  "groups.manage",
  "audit.view",
  "process.signOff",
] as const;
export type Action = (typeof ACTIONS)[number];

// One row per action: the roles allowed to do it. Reading down a column gives a role's powers.
const TABLE: Record<Action, readonly Role[]> = {
  "process.view": ["convenor", "editor", "commenter", "observer"],
  "members.view": ["convenor", "editor", "commenter", "observer"],
  "draft.edit": ["convenor", "editor"],
  "comment.create": ["convenor", "editor", "commenter"],
  "position.take": ["convenor", "editor", "commenter"],
  "members.manage": ["convenor"],
  "groups.manage": ["convenor"],
  "audit.view": ["convenor"],
  "process.signOff": ["convenor"],
};

export function can(role: Role | null | undefined, action: Action): boolean {
  if (!role) return false;
  return TABLE[action].includes(role);
}

export function allowedActions(role: Role | null | undefined): Action[] {
  return ACTIONS.filter((action) => can(role, action));
}

/** Instance-level powers do not depend on a process role. */
export type InstanceAction = "process.create";
export function canOnInstance(isAdmin: boolean, action: InstanceAction): boolean {
  switch (action) {
    case "process.create":
      return isAdmin;
  }
}

export type MemberChangeRefusal = "last_convenor";

/**
 * A process must always keep at least one convenor, otherwise nobody could manage
 * it again. Returns why a role change or removal is refused, or null when allowed.
 */
export function checkConvenorRemains(input: {
  targetRole: Role;
  newRole: Role | null; // null = the member is removed
  convenorCount: number;
}): MemberChangeRefusal | null {
  const losesConvenor = input.targetRole === "convenor" && input.newRole !== "convenor";
  if (losesConvenor && input.convenorCount <= 1) return "last_convenor";
  return null;
}
