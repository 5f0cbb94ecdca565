import "server-only";
import { caretColour, type PresenceIdentity } from "@/lib/collab/identity";
import { collabKey, COLLAB_TOKEN_TTL_SECONDS, signCollabToken } from "@/lib/collab/token";
import { can } from "@/lib/domain/permissions";
import { resolveAuthSecret } from "@/lib/runtime/secret";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { authorizeInProcess } from "../processes/access";
import { idSchema, parseInput } from "../validation";

export interface CollabSessionDto {
  /** Short-lived; only good for opening a socket to this one document. */
  token: string;
  expiresAt: string;
  /** Path of the collaboration endpoint on this origin. */
  path: string;
  canEdit: boolean;
  identity: PresenceIdentity;
}

let key: Buffer | null = null;

/** A signed ticket for the collaboration server, for a current member only. */
export async function issueCollabSession(actor: Actor, processId: unknown): Promise<CollabSessionDto> {
  const id = parseInput(idSchema, processId);
  const { membership } = await authorizeInProcess(db, actor, id, "process.view");
  const group = await db.stakeholderGroup.findUniqueOrThrow({ where: { id: membership.groupId } });
  key ??= collabKey(resolveAuthSecret());
  const now = Math.floor(Date.now() / 1000);
  const token = signCollabToken({ doc: id, uid: actor.id, role: membership.role, gid: group.id, name: actor.name }, key, now);
  return {
    token,
    expiresAt: new Date((now + COLLAB_TOKEN_TTL_SECONDS) * 1000).toISOString(),
    path: `/collab/${id}`,
    canEdit: can(membership.role, "draft.edit"),
    identity: {
      userId: actor.id,
      name: actor.name,
      color: caretColour(actor.id),
      role: membership.role,
      group: { id: group.id, key: group.key, name: group.name, colour: group.colour },
    },
  };
}
