// Benchmark: real editing histories (../shared/traces, josephg/editing-traces, CC BY 4.0)
// replayed through Accord's collaboration server, one Yjs update per keystroke.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import Database from "better-sqlite3";
import * as Y from "yjs";
import { prepareAccord } from "./collab-editors";
import { ProtocolClient } from "./protocol-client";
import { isPinned, startServer } from "./servers";
import { ROOT } from "./support";

type Patch = [pos: number, del: number, ins: string];
interface SequentialTrace {
  startContent: string;
  endContent: string;
  txns: Array<{ patches: Patch[] }>;
}
interface ConcurrentTrace {
  endContent: string;
  numAgents: number;
  txns: Array<{ parents: number[]; agent: number; patches: Patch[] }>;
}

export interface SequentialResult {
  trace: string;
  edits: number;
  of: number;
  seconds: number;
  editsPerSecond: number;
  storedBytesPerEdit: number;
  databaseFileBytesPerEdit: number;
  finalTextMatches: boolean;
}
export interface ConcurrentResult {
  trace: string;
  agents: number;
  transactions: number;
  seconds: number;
  /** Both replicas and the stored document read the same text. */
  converged: boolean;
  equalsEndContent: boolean;
  /** Where it differs from endContent: the same characters, ordered differently by Yjs's merge of concurrent inserts. */
  sameCharacters: boolean;
  firstDifference: number | null;
}
export interface TracesResult {
  available: boolean;
  sequential: SequentialResult | null;
  concurrent: ConcurrentResult[];
}

const TRACES = path.resolve(ROOT, "..", "shared", "traces");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function load<T>(name: string): T {
  return JSON.parse(gunzipSync(readFileSync(path.join(TRACES, name))).toString("utf8")) as T;
}

function apply(text: Y.Text, patches: Patch[]): void {
  for (const [pos, del, ins] of patches) {
    if (del) text.delete(pos, del);
    if (ins) text.insert(pos, ins);
  }
}

function storedDoc(file: string, processId: string): { doc: Y.Doc; bytes: number } {
  const db = new Database(file, { readonly: true });
  try {
    const snapshot = db.prepare('SELECT "state", "upToSeq" FROM "DocSnapshot" WHERE "processId" = ?').get(processId) as { state: Buffer; upToSeq: number } | undefined;
    const rows = db.prepare('SELECT "data" FROM "DocUpdate" WHERE "processId" = ? AND "seq" > ? ORDER BY "seq"').all(processId, snapshot?.upToSeq ?? 0) as Array<{ data: Buffer }>;
    const doc = new Y.Doc();
    let bytes = 0;
    for (const u of [...(snapshot ? [snapshot.state] : []), ...rows.map((r) => r.data)]) {
      Y.applyUpdate(doc, u);
      bytes += u.byteLength;
    }
    return { doc, bytes };
  } finally {
    db.close();
  }
}

const fileBytes = (file: string) => [file, `${file}-wal`].reduce((n, f) => n + (existsSync(f) ? statSync(f).size : 0), 0);

/** Sends one update per keystroke, keeping at most `window` unacknowledged (stored) edits in flight. */
async function replaySequential(client: ProtocolClient, trace: SequentialTrace, count: number, window: number): Promise<number> {
  const text = client.doc.getText("trace:automerge-paper");
  let stored = 0;
  client.onPersisted = (clocks) => (stored = Math.max(stored, clocks.get(client.doc.clientID) ?? 0));
  client.doc.on("update", (update: Uint8Array, origin: unknown) => origin !== client && client.sendUpdate(update));
  if (trace.startContent) text.insert(0, trace.startContent);
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    apply(text, trace.txns[i].patches);
    // Each keystroke adds its inserted characters to our clock: wait while too far ahead of what is stored.
    while (Y.getState(client.doc.store, client.doc.clientID) - stored > window) await sleep(1);
  }
  const end = Y.getState(client.doc.store, client.doc.clientID);
  while (stored < end) await sleep(5);
  return (performance.now() - started) / 1000;
}

/**
 * Concurrent traces: each transaction is made on its agent's replica holding exactly
 * its causal past (the trace's `parents`), then sent through the server; replicas
 * receive other agents' transactions when those become part of their causal past.
 */
async function replayConcurrent(clients: ProtocolClient[], trace: ConcurrentTrace, textName: string): Promise<string[]> {
  const updates: Uint8Array[] = [];
  const replicas = trace.txns.length ? Array.from({ length: trace.numAgents }, () => ({ doc: new Y.Doc(), has: new Set<number>(), tip: -1 })) : [];
  const isAncestor = (candidate: number, of: number): boolean => {
    const stack = [...trace.txns[of].parents];
    const seen = new Set<number>();
    while (stack.length) {
      const t = stack.pop()!;
      if (t === candidate) return true;
      if (t < candidate || seen.has(t)) continue;
      seen.add(t);
      stack.push(...trace.txns[t].parents);
    }
    return false;
  };
  const client = (agent: number) => clients[agent % clients.length];
  // Stored-acknowledgements per Yjs client id, against what was sent.
  const acked = new Map<number, number>();
  const expected = new Map<number, number>();
  for (const c of clients) c.onPersisted = (clocks) => clocks.forEach((clock, id) => acked.set(id, Math.max(clock, acked.get(id) ?? 0)));
  const allStored = () => [...expected].every(([id, clock]) => (acked.get(id) ?? 0) >= clock);
  let sent = 0;
  for (let i = 0; i < trace.txns.length; i++) {
    const txn = trace.txns[i];
    let replica = replicas[txn.agent];
    // A replica that already holds something outside this transaction's past starts over from that past.
    if (replica.tip >= 0 && !isAncestor(replica.tip, i)) replica = replicas[txn.agent] = { doc: new Y.Doc(), has: new Set<number>(), tip: -1 };
    const missing: number[] = [];
    const stack = [...txn.parents];
    while (stack.length) {
      const t = stack.pop()!;
      if (replica.has.has(t)) continue;
      replica.has.add(t);
      missing.push(t);
      stack.push(...trace.txns[t].parents);
    }
    missing.sort((a, b) => a - b);
    for (const t of missing) Y.applyUpdate(replica.doc, updates[t], "past");
    let made: Uint8Array | null = null;
    const capture = (update: Uint8Array, origin: unknown) => {
      if (origin !== "past") made = made ? Y.mergeUpdates([made, update]) : update;
    };
    replica.doc.on("update", capture);
    replica.doc.transact(() => apply(replica.doc.getText(textName), txn.patches));
    replica.doc.off("update", capture);
    updates[i] = made ?? new Uint8Array([0, 0]);
    replica.has.add(i);
    replica.tip = i;
    if (made) {
      client(txn.agent).sendUpdate(made);
      for (const [id, clock] of Y.parseUpdateMeta(made).to) expected.set(id, Math.max(clock, expected.get(id) ?? 0));
      sent += 1;
    }
    if (sent % 200 === 0) while (!allStored()) await sleep(1);
  }
  const deadline = Date.now() + 60_000;
  while (!allStored() && Date.now() < deadline) await sleep(10);
  // Every replica, brought up to date with everything.
  return replicas.map((r) => {
    for (let t = 0; t < updates.length; t++) if (!r.has.has(t)) Y.applyUpdate(r.doc, updates[t]);
    return r.doc.getText(textName).toString();
  });
}

const sortedChars = (s: string) => [...s].sort().join("");

export async function runTracesBench(full: boolean, log: (line: string) => void): Promise<TracesResult> {
  if (!existsSync(path.join(TRACES, "automerge-paper.json.gz"))) return { available: false, sequential: null, concurrent: [] };
  // The replay driver runs on core 1, the server on core 0.
  if (isPinned) execFileSync("taskset", ["-pc", "1", String(process.pid)], { stdio: "ignore" });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "accord-bench-traces-"));
  try {
    const accord = await prepareAccord(dataDir);
    const file = path.join(dataDir, "accord.db");
    // Replays type far faster than a person: lift the per-connection flood guard for them.
    const server = await startServer("accord", { databaseUrl: accord.databaseUrl, member: () => accord.member, env: { ACCORD_COLLAB_MESSAGES_PER_SECOND: "1000000" } });
    try {
      const connect = async () => {
        const c = new ProtocolClient(server.target(""), false);
        await c.start();
        while (!c.synced) await sleep(10);
        return c;
      };
      const paper = load<SequentialTrace>("automerge-paper.json.gz");
      // Quick mode replays the first 100,000 keystrokes; --full all of them.
      const count = full ? paper.txns.length : 100_000;
      const writer = await connect();
      const before = storedDoc(file, accord.member.processId);
      const fileBefore = fileBytes(file);
      const seconds = await replaySequential(writer, paper, count, 256);
      writer.close();
      await sleep(1000);
      const after = storedDoc(file, accord.member.processId);
      let expected = paper.startContent;
      if (count === paper.txns.length) expected = paper.endContent;
      else {
        const check = new Y.Doc();
        const t = check.getText("trace");
        t.insert(0, paper.startContent);
        for (let i = 0; i < count; i++) apply(t, paper.txns[i].patches);
        expected = t.toString();
      }
      const sequential: SequentialResult = {
        trace: "automerge-paper",
        edits: count,
        of: paper.txns.length,
        seconds: Math.round(seconds * 10) / 10,
        editsPerSecond: Math.round(count / seconds),
        storedBytesPerEdit: Math.round(((after.bytes - before.bytes) / count) * 10) / 10,
        databaseFileBytesPerEdit: Math.round(((fileBytes(file) - fileBefore) / count) * 10) / 10,
        finalTextMatches: after.doc.getText("trace:automerge-paper").toString() === expected,
      };
      log(`automerge-paper: ${sequential.editsPerSecond} edits/s, ${sequential.storedBytesPerEdit} stored bytes/edit, final text ${sequential.finalTextMatches ? "matches" : "DIFFERS"}`);

      const concurrent: ConcurrentResult[] = [];
      for (const name of ["friendsforever", "clownschool"]) {
        const trace = load<ConcurrentTrace>(`${name}.json.gz`);
        // A separate text per trace in the same stored document.
        const clients = await Promise.all([connect(), connect()]);
        const started = performance.now();
        const replicas = await replayConcurrent(clients, trace, `trace:${name}`);
        const secs = (performance.now() - started) / 1000;
        clients.forEach((c) => c.close());
        await sleep(1000);
        const stored = storedDoc(file, accord.member.processId).doc.getText(`trace:${name}`).toString();
        let diff = 0;
        while (diff < stored.length && stored[diff] === trace.endContent[diff]) diff++;
        const result: ConcurrentResult = {
          trace: name,
          agents: trace.numAgents,
          transactions: trace.txns.length,
          seconds: Math.round(secs * 10) / 10,
          converged: replicas.every((r) => r === stored),
          equalsEndContent: stored === trace.endContent,
          sameCharacters: sortedChars(stored) === sortedChars(trace.endContent),
          firstDifference: stored === trace.endContent ? null : diff,
        };
        concurrent.push(result);
        log(`${name}: ${result.converged ? "converged" : "DIVERGED"}, ${result.equalsEndContent ? "equals endContent" : `differs from endContent at ${diff}`}`);
      }
      return { available: true, sequential, concurrent };
    } finally {
      await server.stop();
    }
  } finally {
    if (isPinned) execFileSync("taskset", ["-pc", "0,1", String(process.pid)], { stdio: "ignore" });
    rmSync(dataDir, { recursive: true, force: true });
  }
}
