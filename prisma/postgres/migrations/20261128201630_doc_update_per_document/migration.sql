-- The update log keyed by (processId, seq), seq counted per document by the appending
-- statement (DocStore.append) instead of a table-wide sequence. Existing rows
-- keep their seq. The sequence name is SERIAL's (Prisma's diff left it empty).
-- DropIndex
DROP INDEX "DocUpdate_processId_seq_idx";

-- AlterTable
ALTER TABLE "DocUpdate" DROP CONSTRAINT "DocUpdate_pkey",
ALTER COLUMN "seq" DROP DEFAULT,
ADD CONSTRAINT "DocUpdate_pkey" PRIMARY KEY ("processId", "seq");
DROP SEQUENCE "DocUpdate_seq_seq";

