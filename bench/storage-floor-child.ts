// Child process of the storage-floor measurement: Accord's own SQLite document store,
// appending one keystroke-sized Yjs update per commit at a fixed rate, and nothing else —
// or, with `append: false`, waking at the same rate without appending (the baseline the
// parent subtracts). Prints its CPU (user + system, all threads) over the window as JSON.
import * as Y from "yjs";
import { SqliteDocStore } from "../collab/sqlite-store";
import { createDb, sqliteConnection } from "../lib/db/client";

interface Input {
  databaseUrl: string;
  processId: string;
  commitsPerSecond: number;
  seconds: number;
  append: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2]) as Input;
  const db = createDb(input.databaseUrl);
  const connection = await sqliteConnection(db);
  if (!connection) throw new Error("the storage floor needs SQLite");
  const store = new SqliteDocStore(db, connection);
  // Real one-character updates, as a typist's client makes them, made before the window.
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  const text = doc.getText("t");
  for (let i = 0; i < 50 + Math.ceil(input.commitsPerSecond * (input.seconds + 1)); i++) text.insert(i, "x");
  const append = input.append ? () => void store.append(input.processId, updates.shift() ?? updates[0]) : () => undefined;
  const interval = 1000 / input.commitsPerSecond;
  // Warm up (JIT, statement caches) outside the measured window, then wait out V8's
  // startup garbage collection (about 1% of a core for tens of seconds after a start).
  for (let i = 0; i < 50; i++) append();
  await sleep(20_000);
  const start = process.cpuUsage();
  const began = performance.now();
  let next = began;
  while (performance.now() - began < input.seconds * 1000) {
    append();
    next += interval;
    await sleep(Math.max(0, next - performance.now()));
  }
  const used = process.cpuUsage(start);
  const wallUs = (performance.now() - began) * 1000;
  console.log(JSON.stringify({ cpuPercent: Math.round(((used.user + used.system) / wallUs) * 1000) / 10 }));
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
