// `npx tsx bench/derive-read.ts [copies | large]`: what one clause derive spends reading
// the live text, whole-document conversion (before) against LiveDraft (only touched
// blocks), on the demo draft repeated `copies` times or on the cold-load benchmark's
// 200-clause, 50,000-word draft, ten clauses edited between reads as ten typists would.
// A micro-benchmark behind docs/benchmarks-notes.md §11; not part of `npm run bench`.
import * as Y from "yjs";
import { LiveDraft } from "../collab/live-draft";
import { docJsonToYUpdate, yDocToDocJson } from "../lib/collab/doc-json";
import { DOC_FIELD } from "../lib/collab/extensions";
import { blockInfosOf, ensureClauseIds } from "../lib/domain/clauses";
import type { DocNode } from "../lib/domain/draft-doc";
import { demoDocument } from "../lib/server/demo/demo-doc";
import { DEMO_DRAFT } from "../lib/server/demo/demo-text";
import { typedDraft } from "./large-draft";
import { clauseTexts } from "./protocol-client";
import { percentile } from "./support";

function demoCopies(copies: number): Y.Doc {
  const demo = demoDocument(DEMO_DRAFT);
  // Copies get fresh clause ids, as pasted text would.
  const repeated: DocNode = { type: "doc", content: Array.from({ length: copies }, () => demo.content ?? []).flat().map((b) => ({ ...b, attrs: { ...b.attrs, clauseId: null } })) };
  let next = 0;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, docJsonToYUpdate(ensureClauseIds(repeated, () => `c${next++}`)));
  return doc;
}

function main(): void {
  const doc = process.argv[2] === "large" ? typedDraft().doc : demoCopies(Number(process.argv[2] ?? 1));
  const live = new LiveDraft(doc);
  const texts = clauseTexts(doc);
  const took: Record<"whole" | "live", number[]> = { whole: [], live: [] };
  for (let round = 0; round < 400; round++) {
    for (let i = 0; i < 10; i++) texts[(i * 3) % texts.length].insert(2 + (round % 5), "x");
    // Alternate which goes first, so neither always meets warm caches.
    for (const name of round % 2 ? (["whole", "live"] as const) : (["live", "whole"] as const)) {
      const start = performance.now();
      if (name === "whole") {
        const json = yDocToDocJson(doc);
        JSON.stringify(json);
        (json.content ?? []).flatMap(blockInfosOf);
      } else {
        live.read();
      }
      took[name].push(performance.now() - start);
    }
  }
  console.log(`${doc.getXmlFragment(DOC_FIELD).length} top-level blocks, ${texts.length} text nodes, ten edited between reads, 400 reads:`);
  for (const [name, xs] of Object.entries(took)) console.log(`  ${name}: median ${percentile(xs, 50).toFixed(3)} ms, p90 ${percentile(xs, 90).toFixed(3)} ms`);
}

main();
