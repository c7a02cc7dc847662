export const MAX_QUERY_CHARS = 16_384;

/** Any user text becomes safe input: no NULs (Postgres text rejects them), bounded length. */
export function cleanQuery(query: string): string {
  // eslint-disable-next-line no-control-regex
  return query
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, " ")
    .slice(0, MAX_QUERY_CHARS)
    .trim();
}
