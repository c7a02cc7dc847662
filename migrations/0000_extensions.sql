-- drizzle-kit never emits CREATE EXTENSION; everything later depends on `vector`.
-- On a managed server this needs a superuser once; afterwards IF NOT EXISTS is a no-op for the app role.
CREATE EXTENSION IF NOT EXISTS vector;
--> statement-breakpoint
-- Token count of a tsvector (sum of position lists): the BM25 document length. IMMUTABLE so a
-- generated column may call it; a generated column cannot reference the generated tsv itself.
CREATE OR REPLACE FUNCTION groundwork_token_count(v tsvector) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(sum(coalesce(cardinality(u.positions), 1)), 0)::integer FROM unnest(v) AS u $$;
