/** Human-readable renderings of a signed record: Markdown, print-ready HTML, and the text for DOCX. */
export interface RecordForRender {
  process: { title: string; language: string };
  signedAt: string;
  signedBy: { name: string; organisation: string; group: string };
  text: Array<{ kind: string; number: string; text: string }>;
  clauses: Array<{ number: string; status: string; overridden: boolean; groups: Array<{ group: string; agree: number; reservations: number; disagree: number; block: number; abstain: number }> }>;
  objections: Array<{ clause: string; name: string; group: string; stance: string; rationale: string; disposition: { kind: string; note: string } | null }>;
  overrides: Array<{ clause: string; justification: string }>;
}

const STATUS_LABEL: Record<string, string> = { consensus: "Consensus", contested: "Contested", blocked: "Blocked", awaiting_input: "Awaiting input" };

export function renderMarkdown(r: RecordForRender, sha256: string): string {
  const lines: string[] = [`# ${r.process.title}`, "", `Signed off on ${r.signedAt} by ${r.signedBy.name} (${r.signedBy.organisation}, ${r.signedBy.group}).`, `Record SHA-256: \`${sha256}\``, ""];
  for (const block of r.text) {
    if (block.kind === "heading") lines.push(`## ${block.number} ${block.text}`, "");
    else if (block.kind === "subheading") lines.push(`### ${block.text}`, "");
    else lines.push(block.number ? `**${block.number}** ${block.text}` : block.text, "");
  }
  lines.push("---", "", "## Consensus annex", "", "| Clause | Status | " + (r.clauses[0]?.groups.map((g) => g.group).join(" | ") ?? "") + " |");
  lines.push("|---|---|" + (r.clauses[0]?.groups.map(() => "---").join("|") ?? "") + "|");
  for (const c of r.clauses) {
    const cells = c.groups.map((g) => `${g.agree}✓ ${g.reservations}~ ${g.disagree}✗ ${g.block}⛔ ${g.abstain}○`);
    lines.push(`| ${c.number} | ${STATUS_LABEL[c.status] ?? c.status}${c.overridden ? " (overridden)" : ""} | ${cells.join(" | ")} |`);
  }
  lines.push("", "Key: ✓ agree, ~ agree with reservations, ✗ disagree, ⛔ block, ○ abstain.", "");
  if (r.objections.length) {
    lines.push("### Objection register", "");
    for (const o of r.objections) {
      lines.push(`- ${o.clause} — ${o.name} (${o.group}), ${o.stance}: ${o.rationale}${o.disposition ? ` — *${o.disposition.kind === "addressed" ? "addressed" : "not accommodated"}*: ${o.disposition.note}` : ""}`);
    }
    lines.push("");
  }
  if (r.overrides.length) {
    lines.push("### Overrides", "");
    for (const o of r.overrides) lines.push(`- ${o.clause}: ${o.justification}`);
    lines.push("");
  }
  return lines.join("\n");
}

function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function renderHtml(r: RecordForRender, sha256: string): string {
  const body: string[] = [];
  for (const block of r.text) {
    if (block.kind === "heading") body.push(`<h2>${esc(block.number)} ${esc(block.text)}</h2>`);
    else if (block.kind === "subheading") body.push(`<h3>${esc(block.text)}</h3>`);
    else body.push(`<p>${block.number ? `<b>${esc(block.number)}</b> ` : ""}${esc(block.text)}</p>`);
  }
  const groups = r.clauses[0]?.groups.map((g) => g.group) ?? [];
  const rows = r.clauses
    .map((c) => `<tr><td>${esc(c.number)}</td><td>${esc(STATUS_LABEL[c.status] ?? c.status)}${c.overridden ? " (overridden)" : ""}</td>${c.groups.map((g) => `<td>${g.agree} agree, ${g.reservations} reservations, ${g.disagree} disagree, ${g.block} block, ${g.abstain} abstain</td>`).join("")}</tr>`)
    .join("");
  const objections = r.objections
    .map((o) => `<li>${esc(o.clause)} — ${esc(o.name)} (${esc(o.group)}), ${esc(o.stance)}: ${esc(o.rationale)}${o.disposition ? ` — <em>${esc(o.disposition.kind === "addressed" ? "addressed" : "not accommodated")}</em>: ${esc(o.disposition.note)}` : ""}</li>`)
    .join("");
  const overrides = r.overrides.map((o) => `<li>${esc(o.clause)}: ${esc(o.justification)}</li>`).join("");
  return `<!doctype html><html lang="${esc(r.process.language)}"><head><meta charset="utf-8"><title>${esc(r.process.title)}</title>
<style>body{font-family:Georgia,serif;max-width:42rem;margin:2rem auto;line-height:1.5}h1,h2,h3,th{font-family:system-ui,sans-serif}table{border-collapse:collapse;width:100%;font-size:.85rem}td,th{border:1px solid #999;padding:.3rem;vertical-align:top}.meta{font-family:system-ui,sans-serif;font-size:.85rem;color:#444}@media print{body{margin:0}h2{page-break-after:avoid}.annex{page-break-before:always}}</style></head>
<body><h1>${esc(r.process.title)}</h1><p class="meta">Signed off on ${esc(r.signedAt)} by ${esc(r.signedBy.name)} (${esc(r.signedBy.organisation)}, ${esc(r.signedBy.group)}).<br>Record SHA-256: <code>${esc(sha256)}</code></p>
${body.join("\n")}
<section class="annex"><h2>Consensus annex</h2><table><thead><tr><th>Clause</th><th>Status</th>${groups.map((g) => `<th>${esc(g)}</th>`).join("")}</tr></thead><tbody>${rows}</tbody></table>
${objections ? `<h3>Objection register</h3><ul>${objections}</ul>` : ""}${overrides ? `<h3>Overrides</h3><ul>${overrides}</ul>` : ""}</section></body></html>`;
}
