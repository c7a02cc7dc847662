-- The tsvector of a chunk is parsed once per written row instead of three times: tsv, token_count
-- and tsv_high were generated columns that each ran to_tsvector('english', …) over the same
-- context and text (a generated column cannot read another), about a sixth of a bulk load. They
-- become plain columns (DROP EXPRESSION keeps each attribute and its stored values: a dropped
-- attribute of chunks would break the partitioned layout, see schema.ts) that the BEFORE trigger
-- chunks_tsv fills. tsv_high has had no reader since the lexical leg scores from chunk_postings:
-- its GIN index goes, and rows written from now on leave it at its empty default.
DROP INDEX "chunks_tsv_high_idx";--> statement-breakpoint
ALTER TABLE "chunks" ALTER COLUMN "tsv" DROP EXPRESSION;--> statement-breakpoint
ALTER TABLE "chunks" ALTER COLUMN "tsv" SET DEFAULT ''::tsvector;--> statement-breakpoint
ALTER TABLE "chunks" ALTER COLUMN "token_count" DROP EXPRESSION;--> statement-breakpoint
ALTER TABLE "chunks" ALTER COLUMN "token_count" SET DEFAULT 0;--> statement-breakpoint
ALTER TABLE "chunks" ALTER COLUMN "tsv_high" DROP EXPRESSION;--> statement-breakpoint
ALTER TABLE "chunks" ALTER COLUMN "tsv_high" SET DEFAULT ''::tsvector;--> statement-breakpoint
-- Same expressions the generated columns had, so stored rows and new rows agree. Whatever a
-- statement writes into tsv or token_count is replaced: on an update that leaves text and
-- context alone they keep the row's old values, as a generated column would.
CREATE OR REPLACE FUNCTION groundwork_chunks_tsv() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.text IS NOT DISTINCT FROM OLD.text AND NEW.context IS NOT DISTINCT FROM OLD.context THEN
    NEW.tsv := OLD.tsv;
    NEW.token_count := OLD.token_count;
  ELSE
    NEW.tsv := setweight(to_tsvector('english', coalesce(NEW.context, '')), 'A') || to_tsvector('english', coalesce(NEW.text, ''));
    NEW.token_count := groundwork_token_count(NEW.tsv);
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
-- Updates that set none of these columns (embeddings, ACLs, tags) skip the trigger altogether.
CREATE TRIGGER chunks_tsv BEFORE INSERT OR UPDATE OF "text", "context", "tsv", "token_count" ON chunks
  FOR EACH ROW EXECUTE FUNCTION groundwork_chunks_tsv();
