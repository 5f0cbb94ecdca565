// Benchmark: many drafts open at once on Accord's collaboration server: memory per open
// document, connect-to-synced latency, CPU with one typist per draft, and whether the
// memory is given back once everyone has left (idle documents unload).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as hdr from "hdr-histogram-js";
import { cloneProcesses, memberOfCopy } from "./accord-drafts";
import { prepareAccord } from "./collab-editors";
import { clauseTexts, ProtocolClient } from "./protocol-client";
import { cpuSeconds, isPinned, rssKiB, rssMiB, startServer } from "./servers";

export interface DraftsTier {
  documents: number;
  connections: number;
  connectP50Ms: number;
  connectP95Ms: number;
  rssIdleMiB: number;
  rssOpenMiB: number;
  rssPerDocumentKiB: number;
  serverCpuPercent: number;
  rssAfterMiB: number;
  roomsAfter: number;
}
export interface DraftsResult {
  note: string;
  tiers: DraftsTier[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function health(url: string): Promise<{ rooms: number; connections: number }> {
  const res = await fetch(url);
  return (await res.json()) as { rooms: number; connections: number };
}

export async function runManyDrafts(documentCounts: number[], log: (line: string) => void): Promise<DraftsResult> {
  process.setMaxListeners(0);
  if (isPinned) execFileSync("taskset", ["-pc", "1", String(process.pid)], { stdio: "ignore" });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "accord-bench-drafts-"));
  try {
    const accord = await prepareAccord(dataDir);
    // The demo snapshot must exist before it is copied: open it once through a server.
    const warm = await startServer("accord", { databaseUrl: accord.databaseUrl, member: () => accord.member });
    const first = new ProtocolClient(warm.target(""), false);
    await first.start();
    while (!first.synced) await sleep(10);
    first.close();
    await warm.stop();
    cloneProcesses(path.join(dataDir, "accord.db"), accord.member, Array.from({ length: Math.max(...documentCounts) }, (_, i) => `bench-draft-${i}`));
    const tiers: DraftsTier[] = [];
    for (const documents of documentCounts) {
      const server = await startServer("accord", {
        databaseUrl: accord.databaseUrl,
        member: (id) => memberOfCopy(accord.member, id),
        env: { ACCORD_COLLAB_UNLOAD_AFTER_MS: "5000" },
      });
      try {
        const healthUrl = server.target("bench-draft-0").url.replace(/^ws/, "http").replace(/\/collab\/.*$/, "/healthz");
        await sleep(500);
        // Warm-up (JIT, prepared statements) on one draft, not counted.
        for (let i = 0; i < 20; i++) {
          const c = new ProtocolClient(server.target("bench-draft-0"), false);
          await c.start();
          while (!c.synced) await sleep(1);
          c.close();
        }
        await sleep(200);
        const rssIdle = rssKiB(server.pid);
        const connect = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3 });
        const clients: ProtocolClient[] = [];
        // Three connections per draft, 10 connecting at a time.
        const plan = Array.from({ length: documents * 3 }, (_, i) => `bench-draft-${i % documents}`);
        for (let i = 0; i < plan.length; i += 10) {
          const batch = plan.slice(i, i + 10).map((id) => {
            const started = performance.now();
            const client = new ProtocolClient(server.target(id), false);
            return client.start().then(async () => {
              while (!client.synced) await sleep(1);
              connect.recordValue(Math.max(1, Math.round((performance.now() - started) * 1000)));
              return client;
            });
          });
          clients.push(...(await Promise.all(batch)));
        }
        await sleep(1000);
        const rssOpen = rssKiB(server.pid);
        // One typist per draft (the first of its three connections), 3.3 characters per second.
        const typists = clients.slice(0, documents);
        for (const t of typists) t.doc.on("update", (u: Uint8Array, origin: unknown) => origin !== t && t.sendUpdate(u));
        const cpuBefore = cpuSeconds(server.pid);
        const started = performance.now();
        const timers = typists.map((t, i) => {
          const text = clauseTexts(t.doc)[i % 30];
          return setInterval(() => text.insert(Math.min(5, text.length), "x"), 300);
        });
        await sleep(10_000);
        timers.forEach((t) => clearInterval(t));
        const cpu = ((cpuSeconds(server.pid) - cpuBefore) / ((performance.now() - started) / 1000)) * 100;
        for (const c of clients) c.close();
        // Documents unload a few seconds after their last participant leaves (5 s here).
        await sleep(12_000);
        const after = await health(healthUrl);
        const tier: DraftsTier = {
          documents,
          connections: clients.length,
          connectP50Ms: Math.round(connect.getValueAtPercentile(50) / 100) / 10,
          connectP95Ms: Math.round(connect.getValueAtPercentile(95) / 100) / 10,
          rssIdleMiB: Math.round(rssIdle / 1024),
          rssOpenMiB: Math.round(rssOpen / 1024),
          rssPerDocumentKiB: Math.round((rssOpen - rssIdle) / documents),
          serverCpuPercent: Math.round(cpu * 10) / 10,
          rssAfterMiB: rssMiB(server.pid),
          roomsAfter: after.rooms,
        };
        log(`${documents} drafts: connect p95 ${tier.connectP95Ms} ms, ${tier.rssPerDocumentKiB} KiB/document, ${tier.rssAfterMiB} MiB after, ${tier.roomsAfter} rooms left`);
        tiers.push(tier);
      } finally {
        await server.stop();
      }
    }
    return {
      note: "Copies of the demo draft (30 clauses) on one Accord collaboration server (SQLite), three connections each, 10 connecting at a time; then one typist per draft at 3.3 characters per second for 10 s; then everyone leaves. Idle documents unload 5 s after their last participant leaves here (`ACCORD_COLLAB_UNLOAD_AFTER_MS`; 10 s by default). RSS after leaving is what the process keeps; V8 returns freed heap to the system lazily.",
      tiers,
    };
  } finally {
    if (isPinned) execFileSync("taskset", ["-pc", "0,1", String(process.pid)], { stdio: "ignore" });
    rmSync(dataDir, { recursive: true, force: true });
  }
}
