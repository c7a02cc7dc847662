DROP INDEX "chunks_tsv_high_idx";--> statement-breakpoint
ALTER TABLE "chunks" DROP COLUMN "tsv_high";--> statement-breakpoint
-- Nothing reads tsv_high since the lexical leg scores from chunk_postings (migration 0020); its
-- function goes with it.
DROP FUNCTION IF EXISTS groundwork_tsv_high(tsvector);
