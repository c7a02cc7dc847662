-- groundwork_tsv_high(tsvector) computed chunks.tsv_high's generated expression; 0022 dropped that
-- expression (the column stays, empty: a dropped chunks attribute breaks the partitioned layout)
-- and nothing has called the function since. No CASCADE: should anything still depend on it, the
-- migration fails instead of dropping that too.
DROP FUNCTION IF EXISTS groundwork_tsv_high(tsvector);
