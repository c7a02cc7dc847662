-- Second wall: row-level security. Product queries that read documents or chunks run as
-- groundwork_reader (SET LOCAL ROLE inside their transaction) with the caller's principals in
-- set_config('groundwork.principals', ..., true); a query that forgets its ACL predicate still
-- sees only permitted rows. Owners and superusers (ingestion, migrations) bypass RLS by design.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'groundwork_reader') THEN
    CREATE ROLE groundwork_reader NOLOGIN NOBYPASSRLS;
  END IF;
END
$$;
--> statement-breakpoint
DO $$
BEGIN
  -- Lets a non-superuser app role switch to the reader role; a no-op for superusers.
  IF NOT pg_has_role(current_user, 'groundwork_reader', 'MEMBER') THEN
    EXECUTE format('GRANT groundwork_reader TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO groundwork_reader;
--> statement-breakpoint
GRANT SELECT ON chunks, documents, document_files, sources, term_stats, corpus_stats, embedding_cache TO groundwork_reader;
--> statement-breakpoint
ALTER TABLE chunks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE document_files ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Stable expressions only (current_setting + string_to_array), so the planner can still use
-- the GIN index on acl for the policy's && test. Unset principals mean an empty array: deny.
CREATE OR REPLACE FUNCTION groundwork_principals() RETURNS text[]
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT coalesce(string_to_array(nullif(current_setting('groundwork.principals', true), ''), ','), '{}'::text[]) $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION groundwork_is_admin() RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT coalesce(current_setting('groundwork.is_admin', true), '') = 'on' $$;
--> statement-breakpoint
CREATE POLICY chunks_by_acl ON chunks FOR SELECT TO groundwork_reader
  USING (groundwork_is_admin() OR acl && groundwork_principals());
--> statement-breakpoint
CREATE POLICY documents_by_acl ON documents FOR SELECT TO groundwork_reader
  USING (groundwork_is_admin() OR acl && groundwork_principals());
--> statement-breakpoint
CREATE POLICY document_files_by_acl ON document_files FOR SELECT TO groundwork_reader
  USING (EXISTS (SELECT 1 FROM documents d WHERE d.id = document_files.document_id));
--> statement-breakpoint
INSERT INTO corpus_stats (id, chunk_count, token_total) VALUES (1, 0, 0) ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
-- BM25 needs document frequencies per lexeme. Statement-level triggers with transition tables
-- fold a whole batch insert into one upsert; ORDER BY lexeme keeps lock order stable so two
-- concurrent writers cannot deadlock on term_stats rows.
CREATE OR REPLACE FUNCTION groundwork_stats_add(sign integer, rows_tsv tsvector[], rows_tokens integer[]) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(rows_tsv), 0) = 0 THEN RETURN; END IF;
  INSERT INTO term_stats (lexeme, df)
    SELECT u.lexeme, sign * count(*)::integer
    FROM unnest(rows_tsv) AS r(tsv), unnest(r.tsv) AS u
    GROUP BY u.lexeme ORDER BY u.lexeme
  ON CONFLICT (lexeme) DO UPDATE SET df = term_stats.df + excluded.df;
  UPDATE corpus_stats
    SET chunk_count = chunk_count + sign * cardinality(rows_tsv),
        token_total = token_total + sign * (SELECT coalesce(sum(t), 0) FROM unnest(rows_tokens) AS t)
    WHERE id = 1;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION groundwork_chunks_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM groundwork_stats_add(1, (SELECT array_agg(tsv) FROM new_rows), (SELECT array_agg(token_count) FROM new_rows));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION groundwork_chunks_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM groundwork_stats_add(-1, (SELECT array_agg(tsv) FROM old_rows), (SELECT array_agg(token_count) FROM old_rows));
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Updates only matter when the indexed text changed (ACL-only updates leave stats alone).
CREATE OR REPLACE FUNCTION groundwork_chunks_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM groundwork_stats_add(-1,
    (SELECT array_agg(o.tsv) FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.tsv IS DISTINCT FROM o.tsv),
    (SELECT array_agg(o.token_count) FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.tsv IS DISTINCT FROM o.tsv));
  PERFORM groundwork_stats_add(1,
    (SELECT array_agg(n.tsv) FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.tsv IS DISTINCT FROM o.tsv),
    (SELECT array_agg(n.token_count) FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.tsv IS DISTINCT FROM o.tsv));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER chunks_stats_insert AFTER INSERT ON chunks REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION groundwork_chunks_after_insert();
--> statement-breakpoint
CREATE TRIGGER chunks_stats_delete AFTER DELETE ON chunks REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION groundwork_chunks_after_delete();
--> statement-breakpoint
CREATE TRIGGER chunks_stats_update AFTER UPDATE ON chunks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION groundwork_chunks_after_update();
