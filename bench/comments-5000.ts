// Benchmark: a draft with 5,000 comments must not freeze the editor.
// Seeds the demo, adds 5,000 comments (1,250 threads anchored across all 30 clauses),
// opens the draft in Chromium as the convenor and measures load and typing.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import * as Y from "yjs";
import { createDb } from "../lib/db/client";
import { DEMO_PASSWORD } from "../lib/server/demo/demo-members";
import { freePort, percentile, startApp } from "./support";

const THREADS = 1250;
const COMMENTS_PER_THREAD = 4;

function* texts(node: Y.XmlFragment | Y.XmlElement): Generator<Y.XmlText> {
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) yield child;
    else if (child instanceof Y.XmlElement) yield* texts(child);
  }
}

async function seedComments(databaseFile: string): Promise<number> {
  const db = createDb(`file:${databaseFile}`);
  try {
    const process = await db.process.findFirstOrThrow();
    const snapshot = await db.docSnapshot.findUniqueOrThrow({ where: { processId: process.id } });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, snapshot.state);
    const all = [...texts(doc.getXmlFragment("default"))].filter((t) => t.length > 40);
    const clauses = await db.clause.findMany({ where: { processId: process.id, kind: "clause" }, orderBy: { position: "asc" } });
    const members = await db.membership.findMany({ where: { processId: process.id }, include: { user: true, group: true } });
    const rel = (t: Y.XmlText, i: number) => JSON.stringify(Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(t, i)));
    let made = 0;
    for (let i = 0; i < THREADS; i++) {
      const text = all[i % all.length];
      const clause = clauses[i % clauses.length];
      const start = (i * 7) % (text.length - 20);
      const thread = await db.commentThread.create({
        data: {
          processId: process.id,
          clauseId: clause.clauseId,
          anchorStart: rel(text, start),
          anchorEnd: rel(text, start + 12),
          quote: text.toString().slice(start, start + 12),
          createdById: members[i % members.length].userId,
          status: i % 5 === 0 ? "resolved" : "open",
        },
      });
      await db.comment.createMany({
        data: Array.from({ length: COMMENTS_PER_THREAD }, (_, j) => {
          const m = members[(i + j) % members.length];
          return {
            threadId: thread.id,
            processId: process.id,
            authorId: m.userId,
            authorName: m.user.name,
            authorOrganisation: m.organisation,
            groupId: m.groupId,
            groupKey: m.group.key,
            groupName: m.group.name,
            groupColour: m.group.colour,
            body: `Comment ${i}.${j}: we suggest tightening this wording; see https://example.org/notes/${i}/${j} for the reasoning.`,
          };
        }),
      });
      made += COMMENTS_PER_THREAD;
    }
    return made;
  } finally {
    await db.$disconnect();
  }
}

export interface CommentsBenchResult {
  comments: number;
  threads: number;
  editableMs: number;
  threadsListedMs: number;
  longTasks: { count: number; totalMs: number; maxMs: number };
  typing: { keystrokes: number; p50Ms: number; p95Ms: number; maxMs: number };
}

export async function runCommentsBench(): Promise<CommentsBenchResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "accord-bench-comments-"));
  const app = await startApp(dataDir, await freePort());
  try {
    const comments = await seedComments(path.join(dataDir, "accord.db"));
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    try {
      const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
      await page.goto(`${app.url}/signin`);
      await page.getByLabel("Email address").fill("convenor@example.org");
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(`${app.url}/`);
      const href = await page.getByRole("link", { name: "National Strategy for Tech Diplomacy" }).first().getAttribute("href");
      await page.addInitScript(() => {
        const w = window as unknown as { __longTasks: number[]; __keys: number[] };
        w.__longTasks = [];
        w.__keys = [];
        new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: "longtask", buffered: true });
        // Per keystroke: from the key event to just after the next frame it caused (what INP approximates).
        document.addEventListener(
          "keydown",
          (e) => {
            const start = e.timeStamp;
            requestAnimationFrame(() => setTimeout(() => w.__keys.push(performance.now() - start), 0));
          },
          true,
        );
      });
      await page.goto(`${app.url}${href}?status=all`);
      await page.waitForSelector("[data-testid=workspace][data-ready=true]", { timeout: 60_000 });
      const editableMs = await page.evaluate(() => performance.getEntriesByName("accord:editable")[0]?.startTime ?? -1);
      await page.waitForFunction(() => /\d+ threads/.test(document.querySelector("[data-testid=thread-count]")?.textContent ?? ""), undefined, { timeout: 60_000 });
      const threadsListedMs = await page.evaluate(() => performance.now());
      await page.waitForTimeout(1000);
      // Type into clause 1.1 at a brisk human pace (10 keys per second).
      await page.getByTestId("editor").focus();
      for (let i = 0; i < 40; i++) {
        await page.keyboard.type("x");
        await page.waitForTimeout(100);
      }
      await page.waitForTimeout(500);
      const all = await page.evaluate(() => (window as unknown as { __keys: number[] }).__keys);
      const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
      return {
        comments,
        threads: THREADS,
        editableMs: Math.round(editableMs),
        threadsListedMs: Math.round(threadsListedMs),
        longTasks: { count: longTasks.length, totalMs: Math.round(longTasks.reduce((a, b) => a + b, 0)), maxMs: Math.round(Math.max(0, ...longTasks)) },
        typing: { keystrokes: all.length, p50Ms: Math.round(percentile(all, 50)), p95Ms: Math.round(percentile(all, 95)), maxMs: Math.round(Math.max(0, ...all)) },
      };
    } finally {
      await browser.close();
    }
  } finally {
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
