-- The update log keyed by (processId, seq), seq counted per document by the appending
-- statement. WITHOUT ROWID (added by hand, the Prisma schema cannot say it) keeps the log
-- as one B-tree ordered by document and seq: an append writes one page to the WAL
-- instead of three (table, index, sqlite_sequence). Existing rows keep their seq.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DocUpdate" (
    "processId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("processId", "seq"),
    CONSTRAINT "DocUpdate_processId_fkey" FOREIGN KEY ("processId") REFERENCES "Process" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;
INSERT INTO "new_DocUpdate" ("createdAt", "data", "processId", "seq") SELECT "createdAt", "data", "processId", "seq" FROM "DocUpdate";
DROP TABLE "DocUpdate";
ALTER TABLE "new_DocUpdate" RENAME TO "DocUpdate";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

