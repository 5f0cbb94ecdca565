-- CreateTable
CREATE TABLE "Position" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "processId" TEXT NOT NULL,
    "clauseId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "organisation" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "groupKey" TEXT,
    "groupName" TEXT NOT NULL,
    "groupColour" TEXT NOT NULL,
    "stance" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,
    "textHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "supersededAt" DATETIME,
    CONSTRAINT "Position_processId_fkey" FOREIGN KEY ("processId") REFERENCES "Process" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Disposition" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "positionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "byId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Disposition_positionId_fkey" FOREIGN KEY ("positionId") REFERENCES "Position" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SignOff" (
    "processId" TEXT NOT NULL PRIMARY KEY,
    "signedById" TEXT NOT NULL,
    "signedAt" DATETIME NOT NULL,
    "bundle" TEXT NOT NULL,
    "bundleHash" TEXT NOT NULL,
    CONSTRAINT "SignOff_processId_fkey" FOREIGN KEY ("processId") REFERENCES "Process" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Process" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'drafting',
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "ruleQuorum" REAL NOT NULL DEFAULT 0.5,
    "ruleApproval" REAL NOT NULL DEFAULT 0.6666666666666666,
    "ruleNegatives" REAL NOT NULL DEFAULT 0.25
);
INSERT INTO "new_Process" ("createdAt", "createdById", "description", "id", "language", "status", "title", "updatedAt") SELECT "createdAt", "createdById", "description", "id", "language", "status", "title", "updatedAt" FROM "Process";
DROP TABLE "Process";
ALTER TABLE "new_Process" RENAME TO "Process";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Position_processId_clauseId_userId_idx" ON "Position"("processId", "clauseId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Disposition_positionId_key" ON "Disposition"("positionId");

