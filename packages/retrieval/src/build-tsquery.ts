import { sql, type SQL } from "drizzle-orm";

/** Quotes one lexeme for tsquery input: wrapped in '', with backslash and quote doubled. */
export function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/**
 * The query's lexemes as an OR tsquery, built from `to_tsvector` output rather than by parsing
 * user text as tsquery syntax, so quotes, `&|!():*<->` and emoji are plain characters here.
 */
export function orTsquery(queryText: string): SQL {
  return sql`(select string_agg('''' || replace(replace(u.lexeme, '\\', '\\\\'), '''', '''''') || '''', ' | ')::tsquery
    from unnest(to_tsvector('english', ${queryText})) as u)`;
}
