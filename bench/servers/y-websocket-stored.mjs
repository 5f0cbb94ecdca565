// A reference for the 10-typist comparison, not a product: stock y-websocket 2.1.0's
// bin/server with the one thing the product contract adds on the hot path, every
// accepted update committed to SQLite before it is relayed. Same table, statement,
// foreign key and pragmas as Accord's DocUpdate log; nothing else (no auth, no limits, no
// acknowledgements, no derived tables, no compaction). What it costs over the stock
// server is the floor for any server that stores each keystroke before anyone sees it
// (docs/benchmarks-notes.md §13).
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

// The stock server's own modules (and its own copy of ws), as its bin/server.cjs loads them.
const stock = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "node_modules", "y-websocket-v2");
const { default: WebSocket } = await import(path.join(stock, "node_modules", "ws", "index.js"));
const { setupWSConnection, setPersistence } = await import(path.join(stock, "bin", "utils.cjs"));

const db = new Database(path.join(process.env.DATA_DIR, "y-websocket-stored.db"));
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
// Accord's DocUpdate table and append statement (prisma/migrations, collab/sqlite-store.ts).
db.exec(`
  CREATE TABLE IF NOT EXISTS "Process" ("id" TEXT NOT NULL PRIMARY KEY);
  CREATE TABLE IF NOT EXISTS "DocSnapshot" ("processId" TEXT NOT NULL PRIMARY KEY, "upToSeq" INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS "DocUpdate" (
    "processId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY ("processId", "seq"),
    CONSTRAINT "DocUpdate_processId_fkey" FOREIGN KEY ("processId") REFERENCES "Process" ("id") ON DELETE CASCADE ON UPDATE CASCADE
  ) WITHOUT ROWID;
`);
const addDocument = db.prepare('INSERT OR IGNORE INTO "Process" ("id") VALUES (?)');
const insert = db
  .prepare(
    'INSERT INTO "DocUpdate" ("processId", "seq", "data", "createdAt") VALUES (?, COALESCE(' +
      '(SELECT MAX("seq") FROM "DocUpdate" WHERE "processId" = ?), ' +
      '(SELECT "upToSeq" FROM "DocSnapshot" WHERE "processId" = ?), 0) + 1, ?, ?) RETURNING "seq"',
  )
  .pluck();

setPersistence({
  provider: db,
  bindState: (docName, ydoc) => {
    addDocument.run(docName);
    // y-websocket relays from its own 'update' listener, registered when the document is
    // made; the commit goes in front of it, so nothing is relayed before it is stored.
    const relays = [...(ydoc._observers.get("update") ?? [])];
    for (const relay of relays) ydoc.off("update", relay);
    ydoc.on("update", (update) => {
      insert.get(docName, docName, docName, update, new Date().toISOString().replace("Z", "+00:00"));
    });
    for (const relay of relays) ydoc.on("update", relay);
  },
  writeState: async () => {},
});

const wss = new WebSocket.Server({ noServer: true });
wss.on("connection", setupWSConnection);
const server = http.createServer((_request, response) => {
  response.writeHead(200, { "Content-Type": "text/plain" });
  response.end("okay");
});
server.on("upgrade", (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit("connection", ws, request));
});
server.listen(Number(process.env.PORT), process.env.HOST, () => console.log(`running at '${process.env.HOST}' on port ${process.env.PORT}`));
