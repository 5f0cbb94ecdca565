// Child process of the editors benchmark: typists and watchers for one document, on
// their own core. Prints "typing-start"/"typing-end" markers (so the parent samples
// server CPU over the typing window only) and a JSON result as its last line.
import * as hdr from "hdr-histogram-js";
import { monitorEventLoopDelay } from "node:perf_hooks";
import * as Y from "yjs";
import { clauseTexts, ProtocolClient, seedDraft, type Target } from "./protocol-client";

export interface GeneratorInput {
  target: Target;
  typists: number;
  /** Connected clients that never type (e.g. 200 connected with 50 typing). */
  idle: number;
  seconds: number;
  /** Characters per second per typist. */
  rate: number;
}

export interface GeneratorResult {
  edits: number;
  timed: number;
  undelivered: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  generatorLagP99Ms: number;
  messagesInPerSecond: number;
  bytesInPerEdit: number;
  converged: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(20);
  }
}

async function connectAll(target: Target, count: number, integrate: boolean): Promise<ProtocolClient[]> {
  const out: ProtocolClient[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from({ length: Math.min(50, count - i) }, () => new ProtocolClient(target, integrate));
    await Promise.all(batch.map((c) => c.start()));
    await until(() => batch.every((c) => c.synced && clauseTexts(c.doc).length >= 30), "clients synced with the draft");
    out.push(...batch);
  }
  return out;
}

const countX = (doc: Y.Doc) => clauseTexts(doc).reduce((n, t) => n + (t.toString().match(/x/g)?.length ?? 0), 0);

export async function generate(input: GeneratorInput): Promise<GeneratorResult> {
  // Stock servers start empty: one client writes the same shape of draft first.
  const seeder = new ProtocolClient(input.target, true);
  await seeder.start();
  await until(() => seeder.synced, "seeder synced");
  if (clauseTexts(seeder.doc).length < 30) {
    seeder.doc.on("update", (update: Uint8Array, origin: unknown) => origin !== seeder && seeder.sendUpdate(update));
    seedDraft(seeder.doc);
  }
  const watchers = await connectAll(input.target, 2, true);
  seeder.close();
  const idle = await connectAll(input.target, input.idle, false);
  const typists = await connectAll(input.target, input.typists, false);
  const baseline = countX(watchers[0].doc);

  const latency = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3 });
  // Sent times per (client id, clock), oldest first.
  const sent = new Map<number, Array<[clock: number, at: number]>>();
  for (const watcher of watchers) {
    const seen = new Map<number, number>();
    watcher.onUpdate((update, receivedAt) => {
      for (const [client, end] of Y.parseUpdateMeta(update).to) {
        const queue = sent.get(client);
        if (!queue) continue;
        const from = seen.get(client) ?? 0;
        for (const [clock, at] of queue) {
          if (clock >= end) break;
          if (clock >= from) latency.recordValue(Math.max(1, Math.round((receivedAt - at) * 1000)));
        }
        seen.set(client, Math.max(from, end));
      }
    });
  }

  const everyone = [...watchers, ...idle, ...typists];
  for (const c of everyone) c.stats.messagesIn = c.stats.bytesIn = 0;
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  process.stdout.write("typing-start\n");
  const started = performance.now();
  let edits = 0;
  const interval = 1000 / input.rate;
  const timers: NodeJS.Timeout[] = [];
  typists.forEach((typist, i) => {
    const text = clauseTexts(typist.doc)[i % 30];
    typist.doc.on("update", (update: Uint8Array, origin: unknown) => origin !== typist && typist.sendUpdate(update));
    const queue: Array<[number, number]> = [];
    sent.set(typist.doc.clientID, queue);
    const type = () => {
      const clock = Y.getState(typist.doc.store, typist.doc.clientID);
      const at = Math.min(text.length, 5 + (edits % 20));
      queue.push([clock, performance.now()]);
      text.insert(at, "x");
      typist.sendCursor(at + 1);
      edits += 1;
      timers[i] = setTimeout(type, interval);
    };
    timers[i] = setTimeout(type, Math.random() * interval);
  });
  await sleep(input.seconds * 1000);
  timers.forEach((t) => clearTimeout(t));
  const typingSeconds = (performance.now() - started) / 1000;
  process.stdout.write("typing-end\n");
  lag.disable();
  const messagesIn = everyone.reduce((n, c) => n + c.stats.messagesIn, 0);
  const bytesIn = everyone.reduce((n, c) => n + c.stats.bytesIn, 0);

  // Let the tail arrive, then check that nothing was lost on the way.
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && watchers.some((w) => countX(w.doc) - baseline < edits)) await sleep(100);
  const received = countX(watchers[0].doc) - baseline;
  const converged = received === edits && countX(watchers[1].doc) - baseline === edits && watchers[0].doc.getXmlFragment("default").toString() === watchers[1].doc.getXmlFragment("default").toString();
  for (const c of everyone) c.close();
  const ms = (p: number) => Math.round(latency.getValueAtPercentile(p) / 100) / 10;
  return {
    edits,
    timed: latency.totalCount,
    undelivered: edits - received,
    p50Ms: ms(50),
    p95Ms: ms(95),
    p99Ms: ms(99),
    maxMs: Math.round(latency.maxValue / 100) / 10,
    generatorLagP99Ms: Math.round(lag.percentile(99) / 1e5) / 10,
    messagesInPerSecond: Math.round(messagesIn / typingSeconds),
    bytesInPerEdit: edits ? Math.round(bytesIn / edits) : 0,
    converged,
  };
}

if (process.argv[2]) {
  generate(JSON.parse(process.argv[2]) as GeneratorInput).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
