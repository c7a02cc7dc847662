-- Postings keyed by principal first (see schema.ts, chunkPrincipalPostings): one row per principal
-- of the chunk's ACL and lexeme of its tsvector. A caller who may read a small share of the corpus
-- reads one key range per (principal, lexeme) and so only the postings of chunks it may read;
-- through chunk_postings the lexical leg read every posting of the word and dropped the invisible
-- ones by their ACL (at 1 % visibility 99 % of the rows it read). Created without its key, filled
-- set-based from the postings already stored, then keyed (one sorted index build), as in 0020.
CREATE TABLE "chunk_principal_postings" (
	"principal" text NOT NULL,
	"lexeme" text NOT NULL,
	"chunk_id" uuid NOT NULL,
	"body_tf" smallint NOT NULL,
	"title_tf" smallint NOT NULL,
	"token_count" integer NOT NULL
);
--> statement-breakpoint
INSERT INTO chunk_principal_postings (principal, lexeme, chunk_id, body_tf, title_tf, token_count)
  SELECT a.principal, p.lexeme, p.chunk_id, p.body_tf, p.title_tf, p.token_count
  FROM chunk_postings p, LATERAL (SELECT DISTINCT x AS principal FROM unnest(p.acl) AS x WHERE x <> '') AS a;
--> statement-breakpoint
-- Covering key: the leg reads (principal, lexeme) → chunk_id, counts and length from the index alone.
ALTER TABLE "chunk_principal_postings" ADD CONSTRAINT "chunk_principal_postings_principal_lexeme_chunk_id_pk"
  PRIMARY KEY ("principal", "lexeme", "chunk_id") INCLUDE ("body_tf", "title_tf", "token_count");
--> statement-breakpoint
-- The postings triggers of 0020 now write both tables from one computation of a batch's postings.
-- A principal listed twice in an ACL gets one row (the key); '' (no principal) gets none.
CREATE OR REPLACE FUNCTION groundwork_postings_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH r AS (
    SELECT p.* FROM (SELECT array_agg(id) AS ids, array_agg(tsv) AS tsvs, array_agg(token_count) AS tokens,
                            array_agg(array_to_string(acl, chr(31))) AS acls FROM new_rows) AS n,
                    groundwork_postings_rows(n.ids, n.tsvs, n.tokens, n.acls) AS p
  ), plain AS (
    INSERT INTO chunk_postings (lexeme, chunk_id, body_tf, title_tf, token_count, acl) SELECT * FROM r
  )
  INSERT INTO chunk_principal_postings (principal, lexeme, chunk_id, body_tf, title_tf, token_count)
    SELECT a.principal, r.lexeme, r.chunk_id, r.body_tf, r.title_tf, r.token_count
    FROM r, LATERAL (SELECT DISTINCT x AS principal FROM unnest(r.acl) AS x WHERE x <> '') AS a;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION groundwork_postings_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM chunk_postings p
    USING (SELECT u.lexeme, o.id FROM old_rows o, unnest(o.tsv) AS u) AS d
    WHERE p.lexeme = d.lexeme AND p.chunk_id = d.id;
  DELETE FROM chunk_principal_postings p
    USING (SELECT a.principal, u.lexeme, o.id FROM old_rows o,
                  LATERAL (SELECT DISTINCT x AS principal FROM unnest(o.acl) AS x WHERE x <> '') AS a, unnest(o.tsv) AS u) AS d
    WHERE p.principal = d.principal AND p.lexeme = d.lexeme AND p.chunk_id = d.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- A text, length or ACL change rewrites the row's postings in both tables; other updates leave them alone.
CREATE OR REPLACE FUNCTION groundwork_postings_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM chunk_postings p
    USING (SELECT u.lexeme, o.id FROM old_rows o JOIN new_rows n ON n.id = o.id, unnest(o.tsv) AS u
           WHERE n.tsv IS DISTINCT FROM o.tsv OR n.acl IS DISTINCT FROM o.acl OR n.token_count IS DISTINCT FROM o.token_count) AS d
    WHERE p.lexeme = d.lexeme AND p.chunk_id = d.id;
  DELETE FROM chunk_principal_postings p
    USING (SELECT a.principal, u.lexeme, o.id FROM old_rows o JOIN new_rows n ON n.id = o.id,
                  LATERAL (SELECT DISTINCT x AS principal FROM unnest(o.acl) AS x WHERE x <> '') AS a, unnest(o.tsv) AS u
           WHERE n.tsv IS DISTINCT FROM o.tsv OR n.acl IS DISTINCT FROM o.acl OR n.token_count IS DISTINCT FROM o.token_count) AS d
    WHERE p.principal = d.principal AND p.lexeme = d.lexeme AND p.chunk_id = d.id;
  WITH r AS (
    SELECT p.* FROM (SELECT array_agg(n.id) AS ids, array_agg(n.tsv) AS tsvs, array_agg(n.token_count) AS tokens,
                            array_agg(array_to_string(n.acl, chr(31))) AS acls
                     FROM old_rows o JOIN new_rows n ON n.id = o.id
                     WHERE n.tsv IS DISTINCT FROM o.tsv OR n.acl IS DISTINCT FROM o.acl OR n.token_count IS DISTINCT FROM o.token_count) AS n,
                    groundwork_postings_rows(n.ids, n.tsvs, n.tokens, n.acls) AS p
  ), plain AS (
    INSERT INTO chunk_postings (lexeme, chunk_id, body_tf, title_tf, token_count, acl) SELECT * FROM r
  )
  INSERT INTO chunk_principal_postings (principal, lexeme, chunk_id, body_tf, title_tf, token_count)
    SELECT a.principal, r.lexeme, r.chunk_id, r.body_tf, r.title_tf, r.token_count
    FROM r, LATERAL (SELECT DISTINCT x AS principal FROM unnest(r.acl) AS x WHERE x <> '') AS a;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Second wall: a reader sees only the rows of its own principals.
ALTER TABLE chunk_principal_postings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY chunk_principal_postings_by_principal ON chunk_principal_postings FOR SELECT TO groundwork_reader
  USING ((SELECT groundwork_is_admin()) OR principal = ANY ((SELECT groundwork_principals())::text[]));
--> statement-breakpoint
GRANT SELECT ON chunk_principal_postings TO groundwork_reader;
