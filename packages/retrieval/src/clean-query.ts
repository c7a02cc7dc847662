export const MAX_QUERY_CHARS = 16_384;

// Control characters but tab, newline and carriage return.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Any user text becomes safe input: no NULs (Postgres text rejects them), bounded length. */
export function cleanQuery(query: string): string {
  return query.replace(CONTROL_CHARACTERS, " ").slice(0, MAX_QUERY_CHARS).trim();
}
