import { GroundworkError } from "@groundwork/core/errors";
import type { SqlDialect } from "./config";

export function quoteIdent({ dialect, name }: { dialect: SqlDialect; name: string }): string {
  return dialect === "postgres" ? `"${name.replaceAll('"', '""')}"` : `\`${name.replaceAll("`", "``")}\``;
}

/**
 * The query's code with comments, string literals and quoted identifiers blanked out, so the
 * checks below see only keywords and punctuation ("delete" inside a string or a column named
 * "update" is not a write).
 */
function codeOnly({ dialect, sql }: { dialect: SqlDialect; sql: string }): string {
  let out = "";
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === "-" && next === "-") {
      const end = sql.indexOf("\n", i);
      i = end === -1 ? sql.length : end;
      out += " ";
    } else if (c === "#" && dialect === "mysql") {
      const end = sql.indexOf("\n", i);
      i = end === -1 ? sql.length : end;
      out += " ";
    } else if (c === "/" && next === "*") {
      const end = sql.indexOf("*/", i + 2);
      if (end === -1) throw unbalanced();
      i = end + 2;
      out += " ";
    } else if (c === "'" || c === '"' || (c === "`" && dialect === "mysql")) {
      i = skipQuoted({ sql, from: i, quote: c, backslash: dialect === "mysql" && c !== "`" });
      out += " x ";
    } else if (c === "$" && dialect === "postgres") {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
      if (!tag) {
        out += c;
        i++;
        continue;
      }
      const end = sql.indexOf(tag[0], i + tag[0].length);
      if (end === -1) throw unbalanced();
      i = end + tag[0].length;
      out += " x ";
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function skipQuoted({ sql, from, quote, backslash }: { sql: string; from: number; quote: string; backslash: boolean }) {
  let i = from + 1;
  while (i < sql.length) {
    const c = sql[i]!;
    if (backslash && c === "\\") i += 2;
    else if (c === quote && sql[i + 1] === quote) i += 2;
    else if (c === quote) return i + 1;
    else i++;
  }
  throw unbalanced();
}

const unbalanced = () => new GroundworkError("bad_request", "The query has an unclosed quote or comment.");

// Words a single SELECT only holds when it writes or locks: a data-modifying CTE (Postgres
// `with d as (delete …) select …`), SELECT … INTO (a new table in Postgres, a file in MySQL),
// FOR UPDATE / LOCK IN SHARE MODE. Separate statements are caught by the `;` check.
const WRITE_WORDS = /\b(insert|update|delete|merge|truncate|drop|alter|create|grant|revoke|into|copy|call|lock)\b/i;

/**
 * The admin's query as it will be wrapped (`select … from (<query>) as q`): one SELECT or WITH
 * statement, trailing semicolons dropped. This is the friendly message; the read-only session
 * the query runs in is what actually stops a write.
 */
export function checkSelectQuery({ dialect, query }: { dialect: SqlDialect; query: string }): string {
  const trimmed = query.trim().replace(/[\s;]+$/, "");
  const code = codeOnly({ dialect, sql: trimmed }).trim();
  if (code.includes(";"))
    throw new GroundworkError("bad_request", "The query must be a single statement (it contains a `;`).");
  const first = /^\(*\s*([A-Za-z]+)/.exec(code)?.[1]?.toLowerCase();
  if (first !== "select" && first !== "with")
    throw new GroundworkError(
      "bad_request",
      `The query must be a SELECT (or WITH … SELECT) statement; it starts with ${first ? `"${first.toUpperCase()}"` : "no keyword"}. A SQL source only reads.`,
    );
  const write = WRITE_WORDS.exec(code);
  if (write)
    throw new GroundworkError(
      "bad_request",
      `The query must only read: "${write[1]!.toUpperCase()}" is not allowed in a SQL source's query.`,
    );
  return trimmed;
}
