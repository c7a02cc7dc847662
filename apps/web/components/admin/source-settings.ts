/**
 * The add/edit source form's values, both ways: what an input shows for a stored setting, and
 * the settings object the API takes back from the submitted form. Kept apart from the component
 * so the blank-input rules (create vs edit, secrets) are tested without a browser.
 */

import type { ConfigField } from "@groundwork/ingest";

/** One input of a kind's form, as /api/admin/source-kinds describes it: the connector's own field description. */
export type FormField = ConfigField;

const ACRONYMS: Record<string, string> = { url: "URL", id: "ID", acl: "ACL", api: "API", ssl: "SSL", tls: "TLS" };

/** "maxPages" → "Max pages", "idColumn" → "ID column". */
export function labelOf(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(" ")
    .map((w) => ACRONYMS[w] ?? w)
    .join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A stored setting as an input's text; lists comma-separated. */
export function shown(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.map((v) => shown(v)).join(", ");
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** The default when there is one (what a blank input means), else the example. */
export function placeholderOf(field: FormField): string {
  if (field.default !== undefined) return shown(field.default);
  return field.example ? `e.g. ${field.example.replace(/\n/g, " ")}` : "";
}

/** Form field names are prefixed so a setting can never collide with the form's own inputs (name, acl). */
export const fieldName = (field: Pick<FormField, "name">) => `setting.${field.name}`;

/**
 * The form's settings as the API takes them. Blank inputs: left out when creating (the
 * schema's default applies); "" when editing, which clears a stored value. A blank secret is
 * always left out — the stored one is kept — unless its "clear" box is ticked.
 */
export function settingsFrom({
  data,
  fields,
  editing,
}: {
  data: FormData;
  fields: FormField[];
  editing: boolean;
}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = data.get(fieldName(field));
    if (field.type === "boolean") {
      out[field.name] = raw === "on";
      continue;
    }
    const text = typeof raw === "string" ? raw : "";
    if (field.secret) {
      if (data.get(`clear.${field.name}`) === "on") out[field.name] = "";
      else if (text !== "") out[field.name] = text;
      continue;
    }
    if (text.trim() === "") {
      if (editing) out[field.name] = "";
      continue;
    }
    if (field.type === "list")
      out[field.name] = text
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
    else if (field.type === "number" || field.type === "integer")
      // Text that is not a number goes as typed, for the server to say what is wrong with it.
      out[field.name] = Number.isFinite(Number(text)) ? Number(text) : text;
    else out[field.name] = text;
  }
  return out;
}

/** A schedule input: "" or "manual" means manual runs only (null). */
export function scheduleFrom(value: FormDataEntryValue | null): string | null {
  const text = typeof value === "string" ? value.trim() : "";
  return text === "" || text.toLowerCase() === "manual" ? null : text;
}
