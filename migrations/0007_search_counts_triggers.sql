-- Row-level security, hoisted: wrapping the policy's stable calls in scalar subqueries makes
-- them InitPlans evaluated once per statement instead of once per row (current_setting +
-- string_to_array on every chunk cost about a third of a filtered scan). Same meaning as 0002.
ALTER POLICY chunks_by_acl ON chunks
  USING ((SELECT groundwork_is_admin()) OR acl && (SELECT groundwork_principals()));
--> statement-breakpoint
ALTER POLICY documents_by_acl ON documents
  USING ((SELECT groundwork_is_admin()) OR acl && (SELECT groundwork_principals()));
--> statement-breakpoint
-- Counts only (no ids, no text); read inside the reader's transaction to size its visible set.
GRANT SELECT ON chunk_counts TO groundwork_reader;
--> statement-breakpoint
-- term_stats now also keeps per-lexeme bounds for BM25 pruning. Deletes never narrow them:
-- a bound that is too wide only prunes less, a bound that is too narrow would drop results.
CREATE OR REPLACE FUNCTION groundwork_stats_add(sign integer, rows_tsv tsvector[], rows_tokens integer[]) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(rows_tsv), 0) = 0 THEN RETURN; END IF;
  -- corpus_stats first, then term_stats: the lock order 0005 settled on.
  UPDATE corpus_stats
    SET chunk_count = chunk_count + sign * cardinality(rows_tsv),
        token_total = token_total + sign * (SELECT coalesce(sum(t), 0) FROM unnest(rows_tokens) AS t)
    WHERE id = 1;
  INSERT INTO term_stats (lexeme, df, max_tf, max_title_tf, min_length)
    SELECT u.lexeme, sign * count(*)::integer,
           CASE WHEN sign > 0 THEN max(coalesce(cardinality(u.positions), 1)) ELSE 0 END,
           CASE WHEN sign > 0 THEN max(coalesce(cardinality(array_positions(u.weights, 'A')), 0)) ELSE 0 END,
           CASE WHEN sign > 0 THEN coalesce(min(r.tokens), 0) ELSE 2147483647 END
    FROM unnest(rows_tsv, rows_tokens) AS r(tsv, tokens), unnest(r.tsv) AS u
    GROUP BY u.lexeme ORDER BY u.lexeme
  ON CONFLICT (lexeme) DO UPDATE SET
    df = term_stats.df + excluded.df,
    max_tf = greatest(term_stats.max_tf, excluded.max_tf),
    max_title_tf = greatest(term_stats.max_title_tf, excluded.max_title_tf),
    min_length = least(term_stats.min_length, excluded.min_length);
END
$$;
--> statement-breakpoint
-- The count keys of one chunk: each distinct ACL principal, and its embedding model.
CREATE OR REPLACE FUNCTION groundwork_count_keys(acl text[], model text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT array(SELECT DISTINCT 'acl:' || a FROM unnest(acl) AS a)
            || CASE WHEN model IS NULL THEN '{}'::text[] ELSE array['model:' || model] END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION groundwork_counts_apply(minus text[], plus text[]) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(minus), 0) + coalesce(cardinality(plus), 0) = 0 THEN RETURN; END IF;
  -- Same lock order as the BM25 statistics (corpus_stats row first), so a transaction mixing
  -- ACL-only updates with inserts cannot deadlock against another writer.
  PERFORM 1 FROM corpus_stats WHERE id = 1 FOR UPDATE;
  INSERT INTO chunk_counts (key, n)
    SELECT k, sum(s)
    FROM (SELECT k, -1 AS s FROM unnest(minus) AS k UNION ALL SELECT k, 1 FROM unnest(plus) AS k) AS d
    GROUP BY k HAVING sum(s) <> 0 ORDER BY k
  ON CONFLICT (key) DO UPDATE SET n = chunk_counts.n + excluded.n;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION groundwork_chunks_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM groundwork_stats_add(1, (SELECT array_agg(tsv) FROM new_rows), (SELECT array_agg(token_count) FROM new_rows));
  PERFORM groundwork_counts_apply(NULL, (SELECT array_agg(k) FROM new_rows r, unnest(groundwork_count_keys(r.acl, r.embedding_model)) AS k));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION groundwork_chunks_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM groundwork_stats_add(-1, (SELECT array_agg(tsv) FROM old_rows), (SELECT array_agg(token_count) FROM old_rows));
  PERFORM groundwork_counts_apply((SELECT array_agg(k) FROM old_rows r, unnest(groundwork_count_keys(r.acl, r.embedding_model)) AS k), NULL);
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
  -- ACL edits and re-embeds move counts between keys; other updates leave them alone.
  PERFORM groundwork_counts_apply(
    (SELECT array_agg(k) FROM old_rows o JOIN new_rows n ON n.id = o.id, unnest(groundwork_count_keys(o.acl, o.embedding_model)) AS k
      WHERE n.acl IS DISTINCT FROM o.acl OR n.embedding_model IS DISTINCT FROM o.embedding_model),
    (SELECT array_agg(k) FROM old_rows o JOIN new_rows n ON n.id = o.id, unnest(groundwork_count_keys(n.acl, n.embedding_model)) AS k
      WHERE n.acl IS DISTINCT FROM o.acl OR n.embedding_model IS DISTINCT FROM o.embedding_model));
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Backfill both from the chunks already stored.
INSERT INTO chunk_counts (key, n)
  SELECT k, count(*) FROM chunks c, unnest(groundwork_count_keys(c.acl, c.embedding_model)) AS k GROUP BY k
ON CONFLICT (key) DO UPDATE SET n = excluded.n;
--> statement-breakpoint
UPDATE term_stats t SET max_tf = s.max_tf, max_title_tf = s.max_title_tf, min_length = s.min_length
FROM (
  SELECT u.lexeme, max(coalesce(cardinality(u.positions), 1)) AS max_tf,
         max(coalesce(cardinality(array_positions(u.weights, 'A')), 0)) AS max_title_tf,
         coalesce(min(c.token_count), 0) AS min_length
  FROM chunks c, unnest(c.tsv) AS u GROUP BY u.lexeme
) s
WHERE t.lexeme = s.lexeme;
