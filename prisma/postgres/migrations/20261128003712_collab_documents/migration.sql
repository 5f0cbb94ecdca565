-- CreateTable
CREATE TABLE "DocSnapshot" (
    "processId" TEXT NOT NULL,
    "state" BYTEA NOT NULL,
    "upToSeq" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DocSnapshot_pkey" PRIMARY KEY ("processId")
);

-- CreateTable
CREATE TABLE "DocUpdate" (
    "seq" SERIAL NOT NULL,
    "processId" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DocUpdate_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "DocUpdate_processId_seq_idx" ON "DocUpdate"("processId", "seq");

-- AddForeignKey
ALTER TABLE "DocSnapshot" ADD CONSTRAINT "DocSnapshot_processId_fkey" FOREIGN KEY ("processId") REFERENCES "Process"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocUpdate" ADD CONSTRAINT "DocUpdate_processId_fkey" FOREIGN KEY ("processId") REFERENCES "Process"("id") ON DELETE CASCADE ON UPDATE CASCADE;

