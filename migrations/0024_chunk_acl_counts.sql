CREATE TABLE "chunk_acl_counts" (
	"acl" text[] PRIMARY KEY NOT NULL,
	"n" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "chunk_acl_counts_acl_idx" ON "chunk_acl_counts" USING gin ("acl");--> statement-breakpoint
-- The key of a chunk's ACL: its principals sorted and deduplicated, so two orders of the same
-- groups share one row.
CREATE OR REPLACE FUNCTION groundwork_acl_key(acl text[]) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT array(SELECT DISTINCT a FROM unnest(acl) AS a WHERE a <> '' ORDER BY a) $$;
--> statement-breakpoint
-- minus/plus: the ACLs of removed/added chunks, each joined with chr(31) (a text[] of text[] must
-- not be ragged), as 0011 passes them.
CREATE OR REPLACE FUNCTION groundwork_acl_counts_apply(minus text[], plus text[]) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(minus), 0) + coalesce(cardinality(plus), 0) = 0 THEN RETURN; END IF;
  -- The lock order of every statistics writer: corpus_stats' row first (see 0005, 0007).
  PERFORM 1 FROM corpus_stats WHERE id = 1 FOR UPDATE;
  INSERT INTO chunk_acl_counts (acl, n)
    SELECT acl, sum(s)::bigint
    FROM (
      SELECT groundwork_acl_key(string_to_array(a, chr(31))) AS acl, s
      FROM (SELECT a, -1 AS s FROM unnest(minus) AS a UNION ALL SELECT a, 1 FROM unnest(plus) AS a) AS x
    ) AS d
    WHERE cardinality(acl) > 0
    GROUP BY acl HAVING sum(s) <> 0 ORDER BY acl
  ON CONFLICT (acl) DO UPDATE SET n = chunk_acl_counts.n + excluded.n;
  -- An ACL no chunk carries any more leaves no row behind (only removals can empty one).
  IF coalesce(cardinality(minus), 0) > 0 THEN
    DELETE FROM chunk_acl_counts c
    WHERE c.n <= 0 AND c.acl IN (SELECT groundwork_acl_key(string_to_array(a, chr(31))) FROM unnest(minus) AS a);
  END IF;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION groundwork_acl_counts_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM groundwork_acl_counts_apply(NULL, (SELECT array_agg(array_to_string(acl, chr(31))) FROM new_rows));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION groundwork_acl_counts_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM groundwork_acl_counts_apply((SELECT array_agg(array_to_string(acl, chr(31))) FROM old_rows), NULL);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION groundwork_acl_counts_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only ACL edits move chunks between rows; text, embedding and other updates leave them alone.
  PERFORM groundwork_acl_counts_apply(
    (SELECT array_agg(array_to_string(o.acl, chr(31))) FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.acl IS DISTINCT FROM o.acl),
    (SELECT array_agg(array_to_string(n.acl, chr(31))) FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.acl IS DISTINCT FROM o.acl));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER chunks_acl_counts_insert AFTER INSERT ON chunks REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION groundwork_acl_counts_after_insert();
--> statement-breakpoint
CREATE TRIGGER chunks_acl_counts_delete AFTER DELETE ON chunks REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION groundwork_acl_counts_after_delete();
--> statement-breakpoint
CREATE TRIGGER chunks_acl_counts_update AFTER UPDATE ON chunks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION groundwork_acl_counts_after_update();
--> statement-breakpoint
-- Backfill from the chunks already stored.
INSERT INTO chunk_acl_counts (acl, n)
  SELECT groundwork_acl_key(c.acl), count(*) FROM chunks c WHERE cardinality(groundwork_acl_key(c.acl)) > 0 GROUP BY 1
ON CONFLICT (acl) DO UPDATE SET n = excluded.n;
--> statement-breakpoint
-- Second wall, as for chunks: a reader sees only the rows of ACLs that name one of its principals.
ALTER TABLE chunk_acl_counts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY chunk_acl_counts_by_acl ON chunk_acl_counts FOR SELECT TO groundwork_reader
  USING ((SELECT groundwork_is_admin()) OR acl && (SELECT groundwork_principals()));
--> statement-breakpoint
GRANT SELECT ON chunk_acl_counts TO groundwork_reader;
