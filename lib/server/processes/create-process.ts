import "server-only";
import { z } from "zod";
import { DEFAULT_GROUPS, groupColour } from "@/lib/domain/groups";
import { canOnInstance } from "@/lib/domain/permissions";
import { AppError } from "@/lib/errors";
import { appendAudit } from "../audit/append-audit";
import type { Actor } from "../auth/actor";
import { db, type Tx } from "../db";
import { EMPTY_DOC, createDraft } from "../draft/create-draft";
import { createInvitation } from "../invitations/create-invitation";
import { emailSchema, organisationSchema, parseInput } from "../validation";
import { DRAFT_LANGUAGE_CODES } from "@/lib/domain/languages";

export const createProcessSchema = z.object({
  title: z.string().trim().min(3, "at least 3 characters").max(200, "at most 200 characters"),
  description: z.string().trim().max(2000, "at most 2000 characters").default(""),
  language: z.enum(DRAFT_LANGUAGE_CODES),
  convenorEmail: emailSchema,
  convenorGroupKey: z.enum(DEFAULT_GROUPS.map((g) => g.key) as [string, ...string[]]),
  convenorOrganisation: organisationSchema,
});

export interface CreateProcessResult {
  processId: string;
  /** Set when someone else was appointed convenor: the secret for their invitation link. */
  convenorInvitationToken: string | null;
}

/** Creates the groups every process starts with; returns their ids by key. */
async function createDefaultGroups(tx: Tx, processId: string): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const [position, group] of DEFAULT_GROUPS.entries()) {
    const row = await tx.stakeholderGroup.create({
      data: { processId, key: group.key, name: group.name, colour: groupColour(position), position },
    });
    ids[group.key] = row.id;
  }
  return ids;
}

/**
 * Instance administrators create drafting processes and appoint the convenor:
 * themselves (they become a member at once) or someone else (who gets an
 * invitation link, like any other member).
 */
export async function createProcess(actor: Actor, input: unknown): Promise<CreateProcessResult> {
  const data = parseInput(createProcessSchema, input);
  if (!canOnInstance(actor.isAdmin, "process.create")) {
    throw new AppError("forbidden", "Only instance administrators can create drafting processes.");
  }
  return db.$transaction(async (tx) => {
    const process = await tx.process.create({
      data: { title: data.title, description: data.description, language: data.language, createdById: actor.id },
    });
    const groupIds = await createDefaultGroups(tx, process.id);
    await createDraft(tx, process.id, EMPTY_DOC);
    await appendAudit(tx, {
      processId: process.id,
      actorId: actor.id,
      action: "process.created",
      data: { title: data.title, language: data.language },
    });
    const groupId = groupIds[data.convenorGroupKey];
    if (data.convenorEmail === actor.email) {
      const membership = await tx.membership.create({
        data: { processId: process.id, userId: actor.id, role: "convenor", groupId, organisation: data.convenorOrganisation },
      });
      await appendAudit(tx, {
        processId: process.id,
        actorId: actor.id,
        action: "member.appointed_convenor",
        data: { membershipId: membership.id, userId: actor.id, groupId, organisation: data.convenorOrganisation },
      });
      return { processId: process.id, convenorInvitationToken: null };
    }
    const { token } = await createInvitation(tx, actor, process.id, {
      email: data.convenorEmail,
      role: "convenor",
      groupId,
      organisation: data.convenorOrganisation,
    });
    return { processId: process.id, convenorInvitationToken: token };
  });
}
