import "server-only";
import { z } from "zod";
import type { Json } from "@/lib/domain/canonical-json";
import { docx, type DocxParagraph } from "@/lib/domain/docx";
import { fileSlug } from "@/lib/domain/file-name";
import { renderHtml, renderMarkdown, type RecordForRender } from "@/lib/domain/record-render";
import { verifyBundle, type VerifyResult } from "@/lib/domain/signed-record";
import { AppError } from "@/lib/errors";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { authorizeInProcess } from "../processes/access";
import { idSchema, parseInput } from "../validation";

export const recordFormatSchema = z.object({ processId: idSchema, format: z.enum(["json", "md", "html", "docx"]) });

export interface RecordFile {
  filename: string;
  contentType: string;
  body: string | Buffer;
}

function toDocx(r: RecordForRender, sha256: string): Buffer {
  const paragraphs: DocxParagraph[] = [
    { text: r.process.title, style: "Title" },
    { text: `Signed off on ${r.signedAt} by ${r.signedBy.name} (${r.signedBy.organisation}, ${r.signedBy.group}). Record SHA-256: ${sha256}` },
  ];
  for (const block of r.text) {
    if (block.kind === "heading") paragraphs.push({ text: `${block.number} ${block.text}`, style: "Heading1" });
    else if (block.kind === "subheading") paragraphs.push({ text: block.text, style: "Heading2" });
    else paragraphs.push(block.number ? { bold: block.number, text: block.text } : { text: block.text });
  }
  paragraphs.push({ text: "Consensus annex", style: "Heading1" });
  for (const c of r.clauses) {
    const groups = c.groups.map((g) => `${g.group}: ${g.agree} agree, ${g.reservations} reservations, ${g.disagree} disagree, ${g.block} block, ${g.abstain} abstain`).join("; ");
    paragraphs.push({ bold: c.number, text: `${c.status}${c.overridden ? " (overridden)" : ""} — ${groups}` });
  }
  if (r.objections.length) paragraphs.push({ text: "Objection register", style: "Heading2" });
  for (const o of r.objections) paragraphs.push({ bold: o.clause, text: `${o.name} (${o.group}), ${o.stance}: ${o.rationale}${o.disposition ? ` — ${o.disposition.kind}: ${o.disposition.note}` : ""}` });
  if (r.overrides.length) paragraphs.push({ text: "Overrides", style: "Heading2" });
  for (const o of r.overrides) paragraphs.push({ bold: o.clause, text: o.justification });
  return docx(paragraphs);
}

/** The signed record of a process (members only), as the bundle or a rendering of it. */
export async function getSignedRecord(actor: Actor, input: unknown): Promise<RecordFile> {
  const { processId, format } = parseInput(recordFormatSchema, input);
  await authorizeInProcess(db, actor, processId, "process.view");
  const signOff = await db.signOff.findUnique({ where: { processId } });
  if (!signOff) throw new AppError("not_found", "This process has not been signed off yet.");
  const bundle = JSON.parse(signOff.bundle) as { sha256: string; record: RecordForRender };
  const slug = fileSlug(bundle.record.process.title, "record");
  switch (format) {
    case "json":
      return { filename: `${slug}-signed-record.json`, contentType: "application/json; charset=utf-8", body: JSON.stringify(bundle, null, 2) };
    case "md":
      return { filename: `${slug}.md`, contentType: "text/markdown; charset=utf-8", body: renderMarkdown(bundle.record, bundle.sha256) };
    case "html":
      return { filename: `${slug}.html`, contentType: "text/html; charset=utf-8", body: renderHtml(bundle.record, bundle.sha256) };
    case "docx":
      return { filename: `${slug}.docx`, contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", body: toDocx(bundle.record, bundle.sha256) };
  }
}

/**
 * Public: checks a bundle against itself and, when this instance holds the signed
 * record of that process, against the original. Only someone who may view the
 * process is told what differs; anyone else learns whether it is the signed record.
 */
export async function verifySignedRecord(actor: Actor | null, text: unknown): Promise<VerifyResult> {
  if (typeof text !== "string" || !text.trim()) throw new AppError("invalid_input", "Paste or upload a signed record (JSON).");
  if (text.length > MAX_RECORD_BYTES) throw new AppError("payload_too_large", "That file is too large to be a signed record.");
  let processId: string | null = null;
  try {
    const id = (JSON.parse(text) as { record?: { process?: { id?: unknown } } })?.record?.process?.id;
    processId = typeof id === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null;
  } catch {
    processId = null;
  }
  const stored = processId ? await db.signOff.findUnique({ where: { processId } }) : null;
  const signed = stored ? (JSON.parse(stored.bundle) as { sha256: string; record: Json }) : null;
  const detail = !!(signed && actor && processId && (await mayView(actor, processId)));
  return verifyBundle(text, signed, { detail });
}

async function mayView(actor: Actor, processId: string): Promise<boolean> {
  try {
    await authorizeInProcess(db, actor, processId, "process.view");
    return true;
  } catch {
    return false;
  }
}

/** Largest signed record accepted for checking. */
export const MAX_RECORD_BYTES = 20 * 1024 * 1024;
