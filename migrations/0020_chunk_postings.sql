-- BM25 postings (see schema.ts, chunkPostings): one row per (lexeme, chunk) with the body and
-- title occurrences, the chunk's length and ACL. The lexical leg aggregates its query terms'
-- postings in one index-only scan instead of detoasting each matching chunk's tsvector and
-- calling ts_rank_cd once per term. Created without its key, filled set-based from the chunks
-- already stored, then keyed: one sorted index build instead of a row-by-row insert into a B-tree.
CREATE TABLE "chunk_postings" (
	"lexeme" text NOT NULL,
	"chunk_id" uuid NOT NULL,
	"body_tf" smallint NOT NULL,
	"title_tf" smallint NOT NULL,
	"token_count" integer NOT NULL,
	"acl" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
-- The postings of a batch of chunks (ids, tsvectors, lengths and ACLs in step). A tsvector keeps at
-- most 256 positions per lexeme, so both counts fit a smallint; a lexeme without positions counts once.
CREATE OR REPLACE FUNCTION groundwork_postings_rows(ids uuid[], rows_tsv tsvector[], rows_tokens integer[], rows_acl text[])
  RETURNS TABLE (lexeme text, chunk_id uuid, body_tf smallint, title_tf smallint, token_count integer, acl text[])
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT u.lexeme, r.id,
           (coalesce(cardinality(u.positions), 1) - coalesce(cardinality(array_positions(u.weights, 'A')), 0))::smallint,
           coalesce(cardinality(array_positions(u.weights, 'A')), 0)::smallint,
           r.tokens,
           coalesce(string_to_array(nullif(r.acl, ''), chr(31)), '{}'::text[])
    FROM unnest(ids, rows_tsv, rows_tokens, rows_acl) AS r(id, tsv, tokens, acl), unnest(r.tsv) AS u
  $$;
--> statement-breakpoint
INSERT INTO chunk_postings (lexeme, chunk_id, body_tf, title_tf, token_count, acl)
  SELECT u.lexeme, c.id,
         (coalesce(cardinality(u.positions), 1) - coalesce(cardinality(array_positions(u.weights, 'A')), 0))::smallint,
         coalesce(cardinality(array_positions(u.weights, 'A')), 0)::smallint,
         c.token_count, c.acl
  FROM chunks c, unnest(c.tsv) AS u;
--> statement-breakpoint
-- Covering key: the leg reads (lexeme) → chunk_id, counts, length and ACL from the index alone.
ALTER TABLE "chunk_postings" ADD CONSTRAINT "chunk_postings_lexeme_chunk_id_pk" PRIMARY KEY ("lexeme", "chunk_id")
  INCLUDE ("body_tf", "title_tf", "token_count", "acl");
--> statement-breakpoint
-- Kept by their own statement-level triggers beside the statistics ones (migrations 0002–0011).
-- Deletes go through the key (lexeme, chunk_id), so no second index on chunk_id is needed.
-- ACL arrays travel joined with chr(31), as in groundwork_principal_stats_add.
CREATE OR REPLACE FUNCTION groundwork_postings_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO chunk_postings (lexeme, chunk_id, body_tf, title_tf, token_count, acl)
    SELECT p.* FROM (SELECT array_agg(id) AS ids, array_agg(tsv) AS tsvs, array_agg(token_count) AS tokens,
                            array_agg(array_to_string(acl, chr(31))) AS acls FROM new_rows) AS n,
                    groundwork_postings_rows(n.ids, n.tsvs, n.tokens, n.acls) AS p;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION groundwork_postings_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM chunk_postings p
    USING (SELECT u.lexeme, o.id FROM old_rows o, unnest(o.tsv) AS u) AS d
    WHERE p.lexeme = d.lexeme AND p.chunk_id = d.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- A text, length or ACL change rewrites the row's postings; other updates (embeddings, tags) leave them alone.
CREATE OR REPLACE FUNCTION groundwork_postings_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM chunk_postings p
    USING (SELECT u.lexeme, o.id FROM old_rows o JOIN new_rows n ON n.id = o.id, unnest(o.tsv) AS u
           WHERE n.tsv IS DISTINCT FROM o.tsv OR n.acl IS DISTINCT FROM o.acl OR n.token_count IS DISTINCT FROM o.token_count) AS d
    WHERE p.lexeme = d.lexeme AND p.chunk_id = d.id;
  INSERT INTO chunk_postings (lexeme, chunk_id, body_tf, title_tf, token_count, acl)
    SELECT p.* FROM (SELECT array_agg(n.id) AS ids, array_agg(n.tsv) AS tsvs, array_agg(n.token_count) AS tokens,
                            array_agg(array_to_string(n.acl, chr(31))) AS acls
                     FROM old_rows o JOIN new_rows n ON n.id = o.id
                     WHERE n.tsv IS DISTINCT FROM o.tsv OR n.acl IS DISTINCT FROM o.acl OR n.token_count IS DISTINCT FROM o.token_count) AS n,
                    groundwork_postings_rows(n.ids, n.tsvs, n.tokens, n.acls) AS p;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER chunks_postings_insert AFTER INSERT ON chunks REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION groundwork_postings_after_insert();
--> statement-breakpoint
CREATE TRIGGER chunks_postings_delete AFTER DELETE ON chunks REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION groundwork_postings_after_delete();
--> statement-breakpoint
CREATE TRIGGER chunks_postings_update AFTER UPDATE ON chunks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION groundwork_postings_after_update();
--> statement-breakpoint
-- Second wall, as for chunks: a reader sees only the postings of chunks it may read.
ALTER TABLE chunk_postings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY chunk_postings_by_acl ON chunk_postings FOR SELECT TO groundwork_reader
  USING ((SELECT groundwork_is_admin()) OR acl && (SELECT groundwork_principals()));
--> statement-breakpoint
GRANT SELECT ON chunk_postings TO groundwork_reader;
