import "server-only";
import { can, type Action } from "@/lib/domain/permissions";
import { isRole, type Role } from "@/lib/domain/roles";
import { AppError } from "@/lib/errors";
import type { Actor } from "../auth/actor";
import type { Db, Tx } from "../db";

export interface ProcessAccess {
  process: { id: string; title: string; status: string };
  membership: { id: string; role: Role; groupId: string; organisation: string };
}

/**
 * Loads the actor's membership and checks one action against the permissions
 * table. Someone who is not a member learns nothing (404); a member without the
 * right is told so (403). Call it inside the transaction that does the work.
 */
export async function authorizeInProcess(
  client: Db | Tx,
  actor: Actor,
  processId: string,
  action: Action,
): Promise<ProcessAccess> {
  const process = await client.process.findUnique({
    where: { id: processId },
    select: { id: true, title: true, status: true },
  });
  const membership = process
    ? await client.membership.findUnique({
        where: { processId_userId: { processId, userId: actor.id } },
        select: { id: true, role: true, groupId: true, organisation: true },
      })
    : null;
  if (!process || !membership || !isRole(membership.role)) {
    throw new AppError("not_found", "This drafting process does not exist or you are not a member of it.");
  }
  if (!can(membership.role, action)) {
    throw new AppError("forbidden", `Your role (${membership.role}) does not allow this.`);
  }
  return { process, membership: { ...membership, role: membership.role } };
}
