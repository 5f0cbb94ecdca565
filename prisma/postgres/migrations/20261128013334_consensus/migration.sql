-- AlterTable
ALTER TABLE "Process" ADD COLUMN     "ruleApproval" DOUBLE PRECISION NOT NULL DEFAULT 0.6666666666666666,
ADD COLUMN     "ruleNegatives" DOUBLE PRECISION NOT NULL DEFAULT 0.25,
ADD COLUMN     "ruleQuorum" DOUBLE PRECISION NOT NULL DEFAULT 0.5;

-- CreateTable
CREATE TABLE "Position" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "supersededAt" TIMESTAMP(3),

    CONSTRAINT "Position_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Disposition" (
    "id" TEXT NOT NULL,
    "positionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "byId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Disposition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignOff" (
    "processId" TEXT NOT NULL,
    "signedById" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL,
    "bundle" TEXT NOT NULL,
    "bundleHash" TEXT NOT NULL,

    CONSTRAINT "SignOff_pkey" PRIMARY KEY ("processId")
);

-- CreateIndex
CREATE INDEX "Position_processId_clauseId_userId_idx" ON "Position"("processId", "clauseId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Disposition_positionId_key" ON "Disposition"("positionId");

-- AddForeignKey
ALTER TABLE "Position" ADD CONSTRAINT "Position_processId_fkey" FOREIGN KEY ("processId") REFERENCES "Process"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Disposition" ADD CONSTRAINT "Disposition_positionId_fkey" FOREIGN KEY ("positionId") REFERENCES "Position"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SignOff" ADD CONSTRAINT "SignOff_processId_fkey" FOREIGN KEY ("processId") REFERENCES "Process"("id") ON DELETE CASCADE ON UPDATE CASCADE;

