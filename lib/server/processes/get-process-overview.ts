import "server-only";
import { allowedActions, type Action } from "@/lib/domain/permissions";
import { isRole, type Role } from "@/lib/domain/roles";
import type { DocNode } from "@/lib/domain/draft-doc";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { parseInput, idSchema } from "../validation";
import { authorizeInProcess } from "./access";
import { toGroupDto, type GroupDto, type MemberDto } from "./dto";

export interface ProcessOverviewDto {
  process: { id: string; title: string; description: string; language: string; status: string; createdAt: string };
  me: { role: Role; groupId: string; organisation: string; allowed: Action[] };
  groups: GroupDto[];
  members: MemberDto[];
  draft: DocNode;
  clauseNumbers: Record<string, string>;
  clauseCount: number;
  outline: Array<{ clauseId: string; number: string; text: string; clauses: number }>;
  signOff: { signedAt: string; signedBy: string; sha256: string } | null;
}

function outlineOf(clauses: Array<{ clauseId: string; number: string; kind: string; text: string }>) {
  const outline: ProcessOverviewDto["outline"] = [];
  for (const c of clauses) {
    if (c.kind === "heading") outline.push({ clauseId: c.clauseId, number: c.number, text: c.text, clauses: 0 });
    else if (c.kind === "clause" && outline.length) outline[outline.length - 1].clauses += 1;
  }
  return outline;
}

/** Everything the process page shows: the draft (read-only for now) and who takes part. */
export async function getProcessOverview(actor: Actor, processId: unknown): Promise<ProcessOverviewDto> {
  const id = parseInput(idSchema, processId);
  const { membership } = await authorizeInProcess(db, actor, id, "process.view");
  const process = await db.process.findUniqueOrThrow({
    where: { id },
    include: {
      groups: { orderBy: { position: "asc" } },
      memberships: { include: { user: { select: { name: true } } }, orderBy: { createdAt: "asc" } },
      draft: true,
      clauses: { select: { clauseId: true, number: true, kind: true, text: true }, orderBy: { position: "asc" } },
      signOff: true,
    },
  });
  return {
    process: {
      id: process.id,
      title: process.title,
      description: process.description,
      language: process.language,
      status: process.status,
      createdAt: process.createdAt.toISOString(),
    },
    me: { ...membership, allowed: allowedActions(membership.role) },
    groups: process.groups.map(toGroupDto),
    members: process.memberships.flatMap((m) =>
      isRole(m.role)
        ? [{ id: m.id, userId: m.userId, name: m.user.name, organisation: m.organisation, role: m.role, groupId: m.groupId }]
        : [],
    ),
    draft: process.draft ? (JSON.parse(process.draft.content) as DocNode) : { type: "doc", content: [] },
    clauseNumbers: Object.fromEntries(process.clauses.map((c) => [c.clauseId, c.number])),
    clauseCount: process.clauses.filter((c) => c.kind === "clause").length,
    outline: outlineOf(process.clauses),
    signOff: process.signOff
      ? {
          signedAt: process.signOff.signedAt.toISOString(),
          signedBy: (await db.user.findUnique({ where: { id: process.signOff.signedById }, select: { name: true } }))?.name ?? "",
          sha256: process.signOff.bundleHash,
        }
      : null,
  };
}
