-- The update log keyed by (processId, seq), seq counted per document by the appending
-- statement (DocStore.append) instead of a table-wide sequence. Existing rows
-- keep their seq. The sequence name is the one SERIAL gave it (the generated diff left it empty).
-- Rows at or below the upToSeq of their snapshot were never loaded and the next compaction
-- would delete them, and a race of the table-wide sequence (a row committed after a compaction
-- that folded a higher seq) could leave some. Gone now: every row left is past its
-- snapshot, as compaction leaves it from here on. (No semicolons in these comments:
-- the migration runner splits statements at every one.)
DELETE FROM "DocUpdate" u USING "DocSnapshot" s WHERE u."processId" = s."processId" AND u."seq" <= s."upToSeq";

-- DropIndex
DROP INDEX "DocUpdate_processId_seq_idx";

-- AlterTable
ALTER TABLE "DocUpdate" DROP CONSTRAINT "DocUpdate_pkey",
ALTER COLUMN "seq" DROP DEFAULT,
ADD CONSTRAINT "DocUpdate_pkey" PRIMARY KEY ("processId", "seq");
DROP SEQUENCE "DocUpdate_seq_seq";

