-- Under row-level security the planner may use a user-written condition as an index condition
-- only when its function is LEAKPROOF; otherwise the policy runs first and every chunk is read.
-- `tsvector @@ tsquery` (GIN full-text) and `text[] && text[]` (GIN on acl) are not marked so by
-- default, which turns every lexical query of the groundwork_reader role into a sequential scan.
-- Both only compare their arguments and raise no data-dependent errors. Marking builtins needs a
-- superuser: elsewhere this is skipped with a notice (results stay correct, search gets slower).
DO $$
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    ALTER FUNCTION ts_match_vq(tsvector, tsquery) LEAKPROOF;
    ALTER FUNCTION arrayoverlap(anyarray, anyarray) LEAKPROOF;
  ELSE
    RAISE NOTICE 'groundwork: not a superuser, search operators stay non-leakproof (full-text search will not use its index under RLS)';
  END IF;
END
$$;
