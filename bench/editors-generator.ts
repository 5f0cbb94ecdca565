// Child process of the editors benchmark: typists and watchers for one document, on
// their own core. Prints "typing-start"/"typing-end" markers (so the parent samples
// server CPU over the typing window only) and a JSON result as its last line.
import * as hdr from "hdr-histogram-js";
import * as Y from "yjs";
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { clauseTexts, ProtocolClient, seedDraft, type Target } from "./protocol-client";
import { lagP99Ms, loopLagMonitor, monotonicMs, type TypistsInput, type TypistsMessage } from "./typists-messages";

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
  /** What the typists were asked to type; far fewer means their processes could not keep up. */
  expectedEdits: number;
  timed: number;
  undelivered: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Event-loop lag of the process that timestamps arrivals (the watchers'). */
  generatorLagP99Ms: number;
  /** The worst of the typist processes'. */
  typistsLagP99Ms: number;
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

/** Watchers: full clients that integrate every update. */
async function connectWatchers(target: Target, count: number): Promise<ProtocolClient[]> {
  const out: ProtocolClient[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from({ length: Math.min(50, count - i) }, () => new ProtocolClient(target, true));
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
  const watchers = await connectWatchers(input.target, 2);
  seeder.close();
  const baseline = countX(watchers[0].doc);

  // Typists (and idle clients) in one or two child processes on this core.
  const draft = Buffer.from(Y.encodeStateAsUpdate(watchers[0].doc)).toString("base64");
  const total = input.typists + input.idle;
  const shares = Math.max(1, Math.min(2, Math.ceil(total / 200)));
  const children: ChildProcess[] = [];
  const sent = new Map<number, Array<[clock: number, at: number]>>();
  const done: Array<Extract<TypistsMessage, { kind: "done" }>> = [];
  let ready = 0;
  for (let k = 0; k < shares; k++) {
    const part = (n: number) => Math.floor((n * (k + 1)) / shares) - Math.floor((n * k) / shares);
    const typistsInput: TypistsInput = { target: input.target, first: Math.floor((input.typists * k) / shares), typists: part(input.typists), idle: part(input.idle), rate: input.rate, draft };
    const child = fork(path.join(__dirname, "typists-process.ts"), [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "ignore", "inherit", "ipc"] });
    child.send({ kind: "init", input: typistsInput });
    child.on("message", (message: TypistsMessage) => {
      if (message.kind === "ready") ready += 1;
      else if (message.kind === "done") done.push(message);
      else
        for (const [client, clock, at] of message.edits) {
          const list = sent.get(client) ?? [];
          list.push([clock, at]);
          sent.set(client, list);
        }
    });
    children.push(child);
  }
  await until(() => ready === shares, "typists connected", 180_000);

  // Watchers note when each client's updates reach them; edits are timed after the run,
  // once every typist process has reported what it sent and when.
  const arrivals = watchers.map((watcher) => {
    watcher.holdUpdates();
    const seen: Array<[client: number, end: number, at: number]> = [];
    watcher.onUpdate((update) => {
      const at = monotonicMs();
      for (const [client, end] of Y.parseUpdateMeta(update).to) seen.push([client, end, at]);
    });
    return seen;
  });

  for (const c of watchers) c.stats.messagesIn = c.stats.bytesIn = 0;
  const lag = loopLagMonitor();
  lag.enable();
  process.stdout.write("typing-start\n");
  const started = performance.now();
  for (const child of children) child.send({ kind: "go" });
  await sleep(input.seconds * 1000);
  for (const child of children) child.send({ kind: "stop" });
  await until(() => done.length === shares, "typists stopped");
  const typingSeconds = (performance.now() - started) / 1000;
  process.stdout.write("typing-end\n");
  lag.disable();
  const edits = done.reduce((n, d) => n + d.edits, 0);

  // Let the tail arrive, then check that nothing was lost on the way.
  const deadline = Date.now() + 10_000;
  const settled = () => watchers.every((w) => (w.integrateHeld(), countX(w.doc) - baseline >= edits));
  while (Date.now() < deadline && !settled()) await sleep(100);
  for (const w of watchers) w.integrateHeld();
  const received = countX(watchers[0].doc) - baseline;
  const converged = received === edits && countX(watchers[1].doc) - baseline === edits && watchers[0].doc.getXmlFragment("default").toString() === watchers[1].doc.getXmlFragment("default").toString();
  const messagesIn = watchers.reduce((n, c) => n + c.stats.messagesIn, 0) + done.reduce((n, d) => n + d.messagesIn, 0);
  const bytesIn = watchers.reduce((n, c) => n + c.stats.bytesIn, 0) + done.reduce((n, d) => n + d.bytesIn, 0);
  for (const child of children) child.send({ kind: "exit" });
  for (const c of watchers) c.close();

  const latency = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3 });
  for (const seen of arrivals) {
    const next = new Map<number, number>();
    for (const [client, end, at] of seen) {
      const list = sent.get(client);
      if (!list) continue;
      let i = next.get(client) ?? 0;
      for (; i < list.length && list[i][0] < end; i++) latency.recordValue(Math.max(1, Math.round((at - list[i][1]) * 1000)));
      next.set(client, i);
    }
  }
  const ms = (p: number) => Math.round(latency.getValueAtPercentile(p) / 100) / 10;
  return {
    edits,
    expectedEdits: Math.round(input.typists * input.rate * input.seconds),
    timed: latency.totalCount,
    undelivered: edits - received,
    p50Ms: ms(50),
    p95Ms: ms(95),
    p99Ms: ms(99),
    maxMs: Math.round(latency.maxValue / 100) / 10,
    generatorLagP99Ms: lagP99Ms(lag),
    typistsLagP99Ms: Math.max(0, ...done.map((d) => d.lagP99Ms)),
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
