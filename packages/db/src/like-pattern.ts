/**
 * LIKE/ILIKE patterns from user text: `%`, `_` and `\` are literal characters, never wildcards
 * (PostgreSQL's default escape character is `\`). One place for every search box that filters
 * rows by a substring — documents, conversations, audit actions.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Matches `text` literally anywhere in the value. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}
