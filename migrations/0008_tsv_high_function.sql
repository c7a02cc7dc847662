-- The "high" postings of a chunk: lexemes that occur more than once or in the title/breadcrumb
-- (weight 'A'). A lexeme outside this set occurs exactly once in the body, which caps what it can
-- add to BM25 far below the general bound; the lexical leg's pruning uses an index on this set
-- to skip single occurrences of common words that cannot reach the top results.
CREATE OR REPLACE FUNCTION groundwork_tsv_high(v tsvector) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT array_to_tsvector(coalesce(array(
          SELECT u.lexeme FROM unnest(v) AS u
          WHERE coalesce(cardinality(u.positions), 1) > 1 OR 'A' = ANY(u.weights)), '{}'::text[])) $$;
