import type { IncomingMessage } from "node:http";
import { can } from "@/lib/domain/permissions";
import { isRole } from "@/lib/domain/roles";
import { caretColour, type PresenceIdentity } from "@/lib/collab/identity";
import { CLOSE } from "@/lib/collab/protocol";
import { verifyCollabToken } from "@/lib/collab/token";

export interface Admitted {
  ok: true;
  processId: string;
  userId: string;
  role: string;
  groupId: string;
  canEdit: boolean;
  identity: PresenceIdentity;
}
export interface Refused {
  ok: false;
  code: number;
  reason: string;
}

/** What admission needs to know about a membership, fresh from the database. */
export interface MemberFacts {
  userId: string;
  role: string;
  groupId: string;
  user: { name: string };
  group: { id: string; key: string | null; name: string; colour: string };
  process: { status: string };
}

const PATH = /^\/collab\/([A-Za-z0-9_-]{1,64})\/?$/;

/**
 * Browsers always send Origin on websocket handshakes: it must be this site (the
 * Host the request came to) or one configured. Non-browser clients send none and
 * are judged by their token alone.
 */
export function originAllowed(req: IncomingMessage, allowed: Set<string>): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (allowed.has(url.origin)) return true;
  const host = (req.headers["x-forwarded-host"] as string | undefined) ?? req.headers.host;
  return !!host && url.host === host;
}

/**
 * Decides, before the websocket upgrade, whether this request may join: a valid,
 * unexpired token for this very document, and a membership that still exists in
 * the database. Role and group come from the database, not from the token.
 */
export async function admit(req: IncomingMessage, deps: { findMember: (processId: string, userId: string) => Promise<MemberFacts | null>; key: Buffer; allowedOrigins: Set<string> }): Promise<Admitted | Refused> {
  const url = new URL(req.url ?? "/", "http://collab.invalid");
  const match = PATH.exec(url.pathname);
  if (!match) return { ok: false, code: CLOSE.notFound, reason: "unknown document path" };
  if (!originAllowed(req, deps.allowedOrigins)) return { ok: false, code: CLOSE.badOrigin, reason: "origin not allowed" };
  const check = verifyCollabToken(url.searchParams.get("token"), deps.key, Math.floor(Date.now() / 1000));
  if (!check.ok) return { ok: false, code: CLOSE.badToken, reason: `token ${check.reason.replace("_", " ")}` };
  const processId = match[1];
  if (check.payload.doc !== processId) return { ok: false, code: CLOSE.badToken, reason: "token is for another document" };
  const membership = await deps.findMember(processId, check.payload.uid);
  if (!membership || !isRole(membership.role)) return { ok: false, code: CLOSE.notMember, reason: "not a member of this process" };
  return {
    ok: true,
    processId,
    userId: membership.userId,
    role: membership.role,
    groupId: membership.groupId,
    // A signed-off text is frozen for everyone.
    canEdit: can(membership.role, "draft.edit") && membership.process.status !== "signed_off",
    identity: {
      userId: membership.userId,
      name: membership.user.name,
      color: caretColour(membership.userId),
      role: membership.role,
      group: { id: membership.group.id, key: membership.group.key, name: membership.group.name, colour: membership.group.colour },
    },
  };
}
