-- Lock order for the BM25 statistics: take the single corpus_stats row FIRST, then term_stats.
-- With the old order (term_stats, then corpus_stats) two writers that each delete and insert
-- chunks in one transaction (e.g. workers on two sources) could deadlock: one holding
-- corpus_stats from its delete trigger while waiting for a term_stats row the other holds.
-- The corpus_stats row now serializes only the (short) statistics step at statement end; the
-- expensive index work of the INSERT itself still runs concurrently.
CREATE OR REPLACE FUNCTION groundwork_stats_add(sign integer, rows_tsv tsvector[], rows_tokens integer[]) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(rows_tsv), 0) = 0 THEN RETURN; END IF;
  UPDATE corpus_stats
    SET chunk_count = chunk_count + sign * cardinality(rows_tsv),
        token_total = token_total + sign * (SELECT coalesce(sum(t), 0) FROM unnest(rows_tokens) AS t)
    WHERE id = 1;
  INSERT INTO term_stats (lexeme, df)
    SELECT u.lexeme, sign * count(*)::integer
    FROM unnest(rows_tsv) AS r(tsv), unnest(r.tsv) AS u
    GROUP BY u.lexeme ORDER BY u.lexeme
  ON CONFLICT (lexeme) DO UPDATE SET df = term_stats.df + excluded.df;
END
$$;
