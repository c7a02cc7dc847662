-- Per-principal document frequencies (term_principal_stats), kept beside term_stats by the same
-- statement-level triggers. A non-admin's df for a lexeme is the sum over their principals, so a
-- word that occurs only in documents they cannot read has df 0 for them, exactly like a word
-- that occurs nowhere: ranking, rarity, answerability and typo correction cannot tell the two
-- apart (the word-existence oracle of the security review). One row per (principal, lexeme).
CREATE OR REPLACE FUNCTION groundwork_principal_stats_add(sign integer, rows_tsv tsvector[], rows_acl text[]) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(rows_tsv), 0) = 0 THEN RETURN; END IF;
  -- rows_acl holds each row's ACL joined with chr(31), the unit separator (a text[] of text[] is not ragged in Postgres).
  INSERT INTO term_principal_stats (principal, lexeme, df)
    SELECT a.principal, u.lexeme, sign * count(*)::integer
    FROM unnest(rows_tsv, rows_acl) AS r(tsv, acl),
         LATERAL (SELECT DISTINCT p AS principal FROM unnest(string_to_array(r.acl, chr(31))) AS p WHERE p <> '') AS a,
         unnest(r.tsv) AS u
    GROUP BY a.principal, u.lexeme ORDER BY a.principal, u.lexeme
  ON CONFLICT (principal, lexeme) DO UPDATE SET df = term_principal_stats.df + excluded.df;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION groundwork_chunks_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM groundwork_stats_add(1, (SELECT array_agg(tsv) FROM new_rows), (SELECT array_agg(token_count) FROM new_rows));
  PERFORM groundwork_counts_apply(NULL, (SELECT array_agg(k) FROM new_rows r, unnest(groundwork_count_keys(r.acl, r.embedding_model)) AS k));
  PERFORM groundwork_principal_stats_add(1, (SELECT array_agg(tsv) FROM new_rows), (SELECT array_agg(array_to_string(acl, chr(31))) FROM new_rows));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION groundwork_chunks_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM groundwork_stats_add(-1, (SELECT array_agg(tsv) FROM old_rows), (SELECT array_agg(token_count) FROM old_rows));
  PERFORM groundwork_counts_apply((SELECT array_agg(k) FROM old_rows r, unnest(groundwork_count_keys(r.acl, r.embedding_model)) AS k), NULL);
  PERFORM groundwork_principal_stats_add(-1, (SELECT array_agg(tsv) FROM old_rows), (SELECT array_agg(array_to_string(acl, chr(31))) FROM old_rows));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION groundwork_chunks_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM groundwork_stats_add(-1,
    (SELECT array_agg(o.tsv) FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.tsv IS DISTINCT FROM o.tsv),
    (SELECT array_agg(o.token_count) FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.tsv IS DISTINCT FROM o.tsv));
  PERFORM groundwork_stats_add(1,
    (SELECT array_agg(n.tsv) FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.tsv IS DISTINCT FROM o.tsv),
    (SELECT array_agg(n.token_count) FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.tsv IS DISTINCT FROM o.tsv));
  PERFORM groundwork_counts_apply(
    (SELECT array_agg(k) FROM old_rows o JOIN new_rows n ON n.id = o.id, unnest(groundwork_count_keys(o.acl, o.embedding_model)) AS k
      WHERE n.acl IS DISTINCT FROM o.acl OR n.embedding_model IS DISTINCT FROM o.embedding_model),
    (SELECT array_agg(k) FROM old_rows o JOIN new_rows n ON n.id = o.id, unnest(groundwork_count_keys(n.acl, n.embedding_model)) AS k
      WHERE n.acl IS DISTINCT FROM o.acl OR n.embedding_model IS DISTINCT FROM o.embedding_model));
  -- A text or ACL change moves the row's lexemes between principals: out with the old, in with the new.
  PERFORM groundwork_principal_stats_add(-1,
    (SELECT array_agg(o.tsv) FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.tsv IS DISTINCT FROM o.tsv OR n.acl IS DISTINCT FROM o.acl),
    (SELECT array_agg(array_to_string(o.acl, chr(31))) FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.tsv IS DISTINCT FROM o.tsv OR n.acl IS DISTINCT FROM o.acl));
  PERFORM groundwork_principal_stats_add(1,
    (SELECT array_agg(n.tsv) FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.tsv IS DISTINCT FROM o.tsv OR n.acl IS DISTINCT FROM o.acl),
    (SELECT array_agg(array_to_string(n.acl, chr(31))) FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.tsv IS DISTINCT FROM o.tsv OR n.acl IS DISTINCT FROM o.acl));
  RETURN NULL;
END
$$;
--> statement-breakpoint
INSERT INTO term_principal_stats (principal, lexeme, df)
  SELECT a.principal, u.lexeme, count(*)::integer
  FROM chunks c, LATERAL (SELECT DISTINCT p AS principal FROM unnest(c.acl) AS p) AS a, unnest(c.tsv) AS u
  GROUP BY a.principal, u.lexeme
ON CONFLICT (principal, lexeme) DO UPDATE SET df = excluded.df;
--> statement-breakpoint
-- Second wall, as for chunks: a reader sees only the rows of its own principals.
ALTER TABLE term_principal_stats ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY term_principal_stats_by_principal ON term_principal_stats FOR SELECT TO groundwork_reader
  USING ((SELECT groundwork_is_admin()) OR ARRAY[principal] && (SELECT groundwork_principals()));
--> statement-breakpoint
GRANT SELECT ON term_principal_stats TO groundwork_reader;
--> statement-breakpoint
-- Typo correction looks for lexemes spelled like an unknown query word; pg_trgm answers that
-- from an index over the lexicon, and only lexemes the caller can see are kept (their df > 0).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS term_stats_lexeme_trgm_idx ON term_stats USING gin (lexeme gin_trgm_ops);
