import { createHash } from "node:crypto";
import { normalizeAcl } from "@groundwork/access/acl";
import { GROUP_NAME_PATTERN, isPrincipal, userPrincipal } from "@groundwork/access/principal";
import { GroundworkError } from "@groundwork/core/errors";
import { isUuid } from "@groundwork/core/ids";
import type { SqlConfig } from "./config";

/** A column value as text in a document body or title. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString("utf8");
  if (Array.isArray(value)) return value.map(cellText).join(", ");
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return String(value);
  // JSON columns (parsed by both drivers) and anything else a driver hands over as an object.
  return JSON.stringify(value) ?? "";
}

const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

/** The column names a template refers to, in order of first use. */
export function templateColumns(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

export function renderBody({ config, row }: { config: SqlConfig; row: Record<string, unknown> }): string {
  if (config.template === undefined) return cellText(row[config.textColumn ?? ""]);
  // One pass over the template: a value that itself contains {{x}} is not expanded again.
  return config.template.replace(PLACEHOLDER, (_, name: string) => cellText(row[name]));
}

/** The result columns a config names (with the flag that names each), for checking against the query. */
export function namedColumns(config: SqlConfig): { column: string; flag: string }[] {
  const named = [
    { column: config.idColumn, flag: "--id-column" },
    { column: config.titleColumn, flag: "--title-column" },
    ...(config.template === undefined
      ? [{ column: config.textColumn ?? "", flag: "--text-column" }]
      : templateColumns(config.template).map((column) => ({ column, flag: "--template" }))),
    ...(config.updatedColumn ? [{ column: config.updatedColumn, flag: "--updated-column" }] : []),
    ...(config.aclColumn ? [{ column: config.aclColumn, flag: "--acl-column" }] : []),
  ];
  return named;
}

export function assertColumns({ config, columns }: { config: SqlConfig; columns: string[] }): void {
  const have = new Set(columns);
  for (const { column, flag } of namedColumns(config)) {
    if (have.has(column)) continue;
    const near = columns.find((c) => c.toLowerCase() === column.toLowerCase());
    throw new GroundworkError(
      "bad_request",
      `Column "${column}" (${flag}) is not among the query's result columns (${columns.join(", ") || "none"}).` +
        (near ? ` Did you mean "${near}"? Column names are case-sensitive.` : ""),
    );
  }
}

/** The names an ACL cell holds: a driver array (Postgres text[]), a JSON array, a `{a,b}` array literal, or comma-separated. */
function aclNames(value: unknown): string[] | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.flatMap((v) => (v === null || v === undefined ? [] : [cellText(v)]));
  if (Buffer.isBuffer(value)) return aclNames(value.toString("utf8"));
  if (typeof value !== "string") return [cellText(value)];
  const text = value.trim();
  if (text.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return aclNames(parsed);
    } catch {
      // Not JSON after all: read it as a comma-separated list below (its brackets make the names invalid).
    }
  }
  const list = text.startsWith("{") && text.endsWith("}") ? text.slice(1, -1) : text;
  return list.split(",").map((s) => s.trim().replace(/^"(.*)"$/, "$1"));
}

/**
 * A row's ACL. NULL or an empty list means the source default. Otherwise each name is a
 * username (when one matches: `user:<id>`), an explicit `user:<uuid>`/`group:<name>` principal, or a group
 * name; a name that is none of these is dropped, and a list whose names are all dropped grants
 * nothing (admins only) rather than falling back to the wider default.
 */
export function rowAcl({
  value,
  defaultAcl,
  userIds,
}: {
  value: unknown;
  defaultAcl: string[];
  userIds: Map<string, string>;
}): { acl: string[]; dropped: string[] } {
  const names = (aclNames(value) ?? []).map((n) => n.trim()).filter(Boolean);
  if (names.length === 0) return { acl: normalizeAcl(defaultAcl), dropped: [] };
  const acl: string[] = [];
  const dropped: string[] = [];
  for (const name of names) {
    const userId = userIds.get(name.toLowerCase());
    if (userId) acl.push(userPrincipal(userId));
    else if (/^(user|group):/.test(name)) {
      // Written out as principals: a user by their id (users.id is a uuid), a group by its stored name.
      const rest = name.slice(name.indexOf(":") + 1);
      const valid = isPrincipal(name) && (name.startsWith("group:") ? GROUP_NAME_PATTERN.test(rest) : isUuid(rest));
      if (valid) acl.push(name);
      else dropped.push(name);
    } else if (GROUP_NAME_PATTERN.test(name.toLowerCase())) acl.push(`group:${name.toLowerCase()}`);
    else dropped.push(name);
  }
  return { acl: normalizeAcl(acl), dropped };
}

export const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

/**
 * The version tag: the updated value plus a hash of what the row renders to and who may read
 * it, so a row edited without touching its updated column (or one with no updated column) is
 * still seen as changed on a full pull, while an unchanged row is skipped without parsing.
 */
export function rowVersion({ updated, body, acl }: { updated: unknown; body: string; acl: string[] }): string {
  const stamp = updated === undefined ? "" : cellText(updated);
  return `${stamp}#${sha256(`${body}\u0000${acl.join(",")}`).slice(0, 32)}`;
}
