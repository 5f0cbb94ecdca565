// Benchmark: a participant opens a large draft for the first time, on a fast link and on
// Slow 4G. Seeds 200 clauses / 50,000 words / 5,000 comments, then loads the draft in
// Chromium with an empty cache and measures what the participant sees and waits for.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type CDPSession } from "@playwright/test";
import { DEMO_PASSWORD } from "../lib/server/demo/demo-members";
import { freePort, percentile, ROOT, startApp } from "./support";
import { startWireCounter, type WireCounter } from "./wire-counter";

export interface SeededDraft {
  processId: string;
  clauses: number;
  words: number;
  comments: number;
  threads: number;
  /** The Yjs state as stored, and the plain text it holds. */
  stateBytes: number;
  textBytes: number;
}

export interface ColdLoadRun {
  condition: string;
  firstClauseTextMs: number;
  fcpMs: number;
  lcpMs: number;
  editableMs: number;
  threadsListedMs: number;
  /** Server → browser for the draft's text until the editor was ready, compressed as sent: the HTTP snapshot plus the collaboration socket. */
  syncWireBytes: number;
  /** Of which the HTTP snapshot (response headers and body as received). */
  snapshotWireBytes: number;
  /** The same messages after decompression (what the Yjs client parsed). */
  syncPayloadBytes: number;
  /** Server → browser on every connection until the editor was ready. */
  pageWireBytes: number;
  /** Interaction to Next Paint over the typing run (largest interaction; Event Timing only reports ≥ 16 ms). */
  inpMs: number;
  /** The slowest event of that interaction, split as Event Timing reports it: waiting for the main thread, handlers, then until the frame. */
  inpWorst: { event: string; keystroke: number; inputDelayMs: number; processingMs: number; presentationMs: number } | null;
  /** When each step of opening the draft finished (performance marks from the app), ms. */
  phases: Record<string, number>;
  typing: { keystrokes: number; p50Ms: number; p95Ms: number; maxMs: number };
  longTasks: { count: number; totalMs: number; maxMs: number };
}

export interface ColdLoadResult {
  draft: SeededDraft;
  throttling: { rttMs: number; downKbps: number; upKbps: number; cpuSlowdown: number };
  runs: ColdLoadRun[];
  /** Time to editable of every Slow 4G load, in the order run; `runs` holds the median one. */
  slowEditableMs: number[];
}

// The Slow 4G: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, CPU 4× slower.
const SLOW_4G = { rttMs: 150, downKbps: 1600, upKbps: 750, cpuSlowdown: 4 };
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

function seed(databaseFile: string): SeededDraft {
  const child = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "bench", "seed-cold-load.ts"), databaseFile], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 16 * 2 ** 20,
  });
  const line = child.stdout.split("\n").find((l) => l.startsWith("SEED "));
  if (child.status !== 0 || !line) throw new Error(`seeding failed:\n${child.stdout}\n${child.stderr}`);
  return JSON.parse(line.slice(5)) as SeededDraft;
}

/** Installed before any page script: records what the participant saw, and when. */
function observeLoad(): void {
  type Load = {
    firstClauseText: number;
    lcp: number;
    keys: number[];
    events: { id: number; name: string; duration: number; inputDelay: number; processing: number }[];
    longTasks: number[];
  };
  const load: Load = { firstClauseText: -1, lcp: -1, keys: [], events: [], longTasks: [] };
  (window as unknown as { __load: Load }).__load = load;
  new PerformanceObserver((list) => list.getEntries().forEach((e) => (load.lcp = e.startTime))).observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((list) => list.getEntries().forEach((e) => load.longTasks.push(e.duration))).observe({ type: "longtask", buffered: true });
  new PerformanceObserver((list) =>
    list.getEntries().forEach((e) => {
      const timing = e as PerformanceEventTiming & { interactionId?: number };
      const id = timing.interactionId ?? 0;
      if (id > 0)
        load.events.push({ id, name: e.name, duration: e.duration, inputDelay: timing.processingStart - e.startTime, processing: timing.processingEnd - timing.processingStart });
    }),
  ).observe({ type: "event", buffered: true, durationThreshold: 16 } as PerformanceObserverInit);
  const seen = new MutationObserver(() => {
    const clause = document.querySelector("[data-clause-id] p, p[data-clause-id]");
    if (clause?.textContent?.trim()) {
      seen.disconnect();
      requestAnimationFrame(() => (load.firstClauseText = performance.now()));
    }
  });
  seen.observe(document, { childList: true, subtree: true });
  // Per keystroke: from the key event to just after the next frame it caused.
  document.addEventListener(
    "keydown",
    (e) => {
      const start = e.timeStamp;
      requestAnimationFrame(() => setTimeout(() => load.keys.push(performance.now() - start), 0));
    },
    true,
  );
}

/**
 * Waits until `expression` is true in the page, asking every 250 ms over the DevTools
 * protocol. Not Playwright's waitForFunction: that first loads Playwright's own script
 * into the page (a few hundred ms of the slowed CPU, in the middle of the load being
 * measured) and by default polls every frame.
 */
async function pollPage(cdp: CDPSession, expression: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Right after the navigation commits, the new page may not take evaluations yet.
    const value = await cdp.send("Runtime.evaluate", { expression, returnByValue: true }).then(({ result }) => result.value as unknown, () => null);
    if (value === true) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function loadOnce(browser: Browser, wire: WireCounter, baseUrl: string, processId: string, condition: string, throttle: typeof SLOW_4G | null): Promise<ColdLoadRun> {
  // A first visit: nothing cached, no service worker, no offline copy of the draft.
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 }, serviceWorkers: "block" });
  try {
    const csrf = (await (await context.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    await context.request.post("/api/auth/callback/credentials", {
      form: { csrfToken: csrf.csrfToken, email: "convenor@example.org", password: DEMO_PASSWORD, json: "true" },
    });
    const page = await context.newPage();
    await page.addInitScript(observeLoad);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    let syncPayloadBytes = 0;
    let snapshotWireBytes = 0;
    let synced = false;
    cdp.on("Network.webSocketFrameReceived", ({ response }) => {
      if (!synced) syncPayloadBytes += response.opcode === 2 ? Buffer.from(response.payloadData, "base64").length : Buffer.byteLength(response.payloadData);
    });
    // The draft snapshot a first visit fetches over HTTP (preloaded with the page) is part of the initial sync.
    const snapshots = new Set<string>();
    cdp.on("Network.requestWillBeSent", ({ requestId, request }) => {
      if (new URL(request.url).pathname.endsWith("/snapshot")) snapshots.add(requestId);
    });
    cdp.on("Network.dataReceived", ({ requestId, dataLength }) => {
      if (snapshots.has(requestId) && !synced) syncPayloadBytes += dataLength;
    });
    cdp.on("Network.loadingFinished", ({ requestId, encodedDataLength }) => {
      if (snapshots.has(requestId) && !synced) snapshotWireBytes += encodedDataLength;
    });
    if (throttle) {
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: throttle.rttMs,
        downloadThroughput: (throttle.downKbps * 1000) / 8,
        uploadThroughput: (throttle.upKbps * 1000) / 8,
      });
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle.cpuSlowdown });
    }
    wire.reset();
    await page.goto(`/processes/${processId}?status=all`, { waitUntil: "commit" });
    await pollPage(cdp, `performance.getEntriesByName("accord:editable").length > 0`);
    synced = true;
    const wireAtReady = wire.bytes();
    await pollPage(cdp, `/\\d+ threads/.test(document.querySelector("[data-testid=thread-count]")?.textContent ?? "")`);
    const threadsListedMs = await page.evaluate(() => performance.now());
    const timings = await page.evaluate(() => ({
      editable: performance.getEntriesByName("accord:editable")[0]?.startTime ?? -1,
      phases: Object.fromEntries(performance.getEntriesByType("mark").filter((m) => m.name.startsWith("accord:")).map((m) => [m.name.slice(7), Math.round(m.startTime)])),
      fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? -1,
      ...(window as unknown as { __load: { firstClauseText: number; lcp: number } }).__load,
    }));
    await page.waitForTimeout(1000);
    // Type into the first clause at a brisk human pace (10 keys per second).
    await page.getByTestId("editor").focus();
    for (let i = 0; i < 30; i++) {
      await page.keyboard.type("x");
      await page.waitForTimeout(100);
    }
    await page.waitForTimeout(1000);
    type Timed = { id: number; name: string; duration: number; inputDelay: number; processing: number };
    const after = await page.evaluate(() => (window as unknown as { __load: { keys: number[]; events: Timed[]; longTasks: number[] } }).__load);
    const byInteraction = new Map<number, number>();
    for (const e of after.events) byInteraction.set(e.id, Math.max(byInteraction.get(e.id) ?? 0, e.duration));
    // The worst interaction's slowest event, and which keystroke of the run it was.
    const interactions = [...new Set(after.events.map((e) => e.id))];
    const worst = after.events.reduce<Timed | null>((w, e) => (!w || e.duration > w.duration || (e.duration === w.duration && e.processing > w.processing) ? e : w), null);
    return {
      condition,
      firstClauseTextMs: Math.round(timings.firstClauseText),
      fcpMs: Math.round(timings.fcp),
      lcpMs: Math.round(timings.lcp),
      editableMs: Math.round(timings.editable),
      threadsListedMs: Math.round(threadsListedMs),
      syncWireBytes: wireAtReady.collab + snapshotWireBytes,
      snapshotWireBytes,
      syncPayloadBytes,
      pageWireBytes: wireAtReady.all,
      inpMs: Math.round(Math.max(0, ...byInteraction.values())),
      inpWorst: worst
        ? {
            event: worst.name,
            keystroke: interactions.indexOf(worst.id) + 1,
            inputDelayMs: Math.round(worst.inputDelay),
            processingMs: Math.round(worst.processing),
            presentationMs: Math.max(0, Math.round(worst.duration - worst.inputDelay - worst.processing)),
          }
        : null,
      phases: timings.phases,
      typing: { keystrokes: after.keys.length, p50Ms: Math.round(percentile(after.keys, 50)), p95Ms: Math.round(percentile(after.keys, 95)), maxMs: Math.round(Math.max(0, ...after.keys)) },
      longTasks: { count: after.longTasks.length, totalMs: Math.round(after.longTasks.reduce((a, b) => a + b, 0)), maxMs: Math.round(Math.max(0, ...after.longTasks)) },
    };
  } finally {
    await context.close();
  }
}

/**
 * `slowLoads` Slow 4G loads (odd): this machine's browser speed drifts by a second from one
 * minute to the next (docs/benchmarks-notes.md §6, §14), so the report shows the median
 * load by time to editable, and lists every load's.
 */
export async function runColdLoadBench(log: (line: string) => void, slowLoads = 1): Promise<ColdLoadResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "accord-bench-cold-"));
  const appPort = await freePort();
  const wire = await startWireCounter(appPort);
  const app = await startApp(dataDir, appPort, `http://127.0.0.1:${wire.port}`);
  try {
    const draft = seed(path.join(dataDir, "accord.db"));
    log(`seeded ${draft.clauses} clauses, ${draft.words} words, ${draft.comments} comments; Yjs state ${Math.round(draft.stateBytes / 1024)} KiB`);
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: CHROMIUM_ARGS });
    try {
      // The first load warms the server (Next compiles nothing, but the collaboration room
      // is loaded from the database once); both measured loads then meet the same server.
      await loadOnce(browser, wire, app.url, draft.processId, "warm-up", null);
      const fast = await loadOnce(browser, wire, app.url, draft.processId, "no throttling", null);
      const slow: ColdLoadRun[] = [];
      for (let i = 0; i < slowLoads; i++) slow.push(await loadOnce(browser, wire, app.url, draft.processId, "Slow 4G", SLOW_4G));
      for (const r of [fast, ...slow]) log(`${r.condition}: LCP ${r.lcpMs} ms, editable ${r.editableMs} ms, sync ${Math.round(r.syncWireBytes / 1024)} KiB on the wire, INP ${r.inpMs} ms`);
      const median = [...slow].sort((a, b) => a.editableMs - b.editableMs)[Math.floor(slow.length / 2)];
      return { draft, throttling: SLOW_4G, runs: [fast, median], slowEditableMs: slow.map((r) => r.editableMs) };
    } finally {
      await browser.close();
    }
  } finally {
    await app.stop();
    await wire.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
