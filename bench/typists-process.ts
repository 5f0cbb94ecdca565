// A share of the typists, in its own process (on the generator's core): connects raw
// typists from a copy of the draft, types on "go", and reports what it sent — (client id,
// clock, monotonic time) — to the generator, which times each edit when a watcher sees it.
// Splitting typists from the watchers keeps the typists' garbage collection and socket
// work out of the process whose event loop timestamps arrivals (docs/benchmarks-notes.md).
import * as Y from "yjs";
import { clauseTexts, RawTypist } from "./protocol-client";
import { lagP99Ms, loopLagMonitor, monotonicMs, type TypistsInput, type TypistsMessage } from "./typists-messages";

const send = (message: TypistsMessage) => process.send!(message);

async function main(input: TypistsInput): Promise<void> {
  const draft = Buffer.from(input.draft, "base64");
  const clients: RawTypist[] = [];
  for (let i = 0; i < input.typists + input.idle; i += 50) {
    const batch = Array.from({ length: Math.min(50, input.typists + input.idle - i) }, () => new RawTypist(input.target, draft));
    await Promise.all(batch.map((c) => c.start()));
    clients.push(...batch);
  }
  const typists = clients.slice(0, input.typists);
  let edits = 0;
  let pending: Array<[number, number, number]> = [];
  const flush = setInterval(() => {
    if (pending.length) send({ kind: "sent", edits: pending });
    pending = [];
  }, 50);
  const timers: NodeJS.Timeout[] = [];
  const lag = loopLagMonitor();
  process.on("message", (message: { kind: string }) => {
    if (message.kind === "init") return;
    if (message.kind === "go") {
      for (const c of clients) c.stats.messagesIn = c.stats.bytesIn = 0;
      lag.enable();
      const interval = 1000 / input.rate;
      typists.forEach((typist, i) => {
        const text = clauseTexts(typist.doc)[(input.first + i) % 30];
        typist.doc.on("update", (update: Uint8Array, origin: unknown) => origin !== typist && typist.sendUpdate(update));
        const type = () => {
          const clock = Y.getState(typist.doc.store, typist.doc.clientID);
          const at = Math.min(text.length, 5 + (edits % 20));
          pending.push([typist.doc.clientID, clock, monotonicMs()]);
          text.insert(at, "x");
          typist.sendCursor(at + 1);
          edits += 1;
          timers[i] = setTimeout(type, interval);
        };
        timers[i] = setTimeout(type, Math.random() * interval);
      });
    } else if (message.kind === "stop") {
      timers.forEach((t) => clearTimeout(t));
      lag.disable();
      clearInterval(flush);
      if (pending.length) send({ kind: "sent", edits: pending });
      send({
        kind: "done",
        edits,
        lagP99Ms: lagP99Ms(lag),
        messagesIn: clients.reduce((n, c) => n + c.stats.messagesIn, 0),
        bytesIn: clients.reduce((n, c) => n + c.stats.bytesIn, 0),
      });
    } else if (message.kind === "exit") {
      for (const c of clients) c.close();
      process.exit(0);
    }
  });
  send({ kind: "ready" });
}

// The input comes as the first message (a long draft would not fit in an argument).
process.once("message", (message: { kind: string; input: TypistsInput }) => {
  if (message.kind !== "init") return;
  main(message.input).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
