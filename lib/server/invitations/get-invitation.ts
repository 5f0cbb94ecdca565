import "server-only";
import { z } from "zod";
import { isRole, type Role } from "@/lib/domain/roles";
import { db } from "../db";
import { hashInvitationToken } from "./tokens";

export const invitationTokenSchema = z.string().trim().regex(/^[A-Za-z0-9_-]{20,100}$/, "not a valid invitation link");

export type InvitationStatus = "pending" | "expired" | "revoked" | "accepted";

export interface InvitationPreviewDto {
  status: InvitationStatus;
  email: string;
  role: Role;
  organisation: string;
  group: { key: string | null; name: string; colour: string };
  process: { id: string; title: string; description: string };
}

export function invitationStatus(inv: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now = new Date()): InvitationStatus {
  if (inv.acceptedAt) return "accepted";
  if (inv.revokedAt) return "revoked";
  if (inv.expiresAt.getTime() <= now.getTime()) return "expired";
  return "pending";
}

/** What the holder of an invitation link may see before signing in. Null when the link is unknown. */
export async function getInvitationPreview(token: unknown): Promise<InvitationPreviewDto | null> {
  const parsed = invitationTokenSchema.safeParse(token);
  if (!parsed.success) return null;
  const inv = await db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(parsed.data) },
    include: { group: true, process: { select: { id: true, title: true, description: true } } },
  });
  if (!inv || !isRole(inv.role)) return null;
  return {
    status: invitationStatus(inv),
    email: inv.email,
    role: inv.role,
    organisation: inv.organisation,
    group: { key: inv.group.key, name: inv.group.name, colour: inv.group.colour },
    process: inv.process,
  };
}

