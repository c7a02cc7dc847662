import { describe, expect, it } from "vitest";
import {
  fieldName,
  labelOf,
  placeholderOf,
  scheduleFrom,
  settingsFrom,
  shown,
  type FormField,
} from "./source-settings";

const field = (f: Partial<FormField> & Pick<FormField, "name" | "type">): FormField => ({
  flag: `--${f.name}`,
  required: false,
  secret: false,
  ...f,
});

const FIELDS: FormField[] = [
  field({ name: "url", type: "string", required: true }),
  field({ name: "include", type: "list" }),
  field({ name: "maxPages", type: "integer", default: 1000 }),
  field({ name: "followRedirects", type: "boolean", default: true }),
  field({ name: "authHeader", type: "string", secret: true }),
];

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k.startsWith("clear.") ? k : fieldName({ name: k }), v);
  return data;
}

describe("settingsFrom", () => {
  it("turns lists, numbers and checkboxes into what the schema takes", () => {
    const data = form({ url: "https://docs.example.com/", include: "/docs/**, /guides/** ,", maxPages: "50" });
    expect(settingsFrom({ data, fields: FIELDS, editing: false })).toEqual({
      url: "https://docs.example.com/",
      include: ["/docs/**", "/guides/**"],
      maxPages: 50,
      // An unticked box is a false, not a missing value.
      followRedirects: false,
    });
  });

  it("leaves blank inputs out when creating and clears them when editing", () => {
    const data = form({ url: "https://a.example/", include: "  ", maxPages: "" });
    expect(settingsFrom({ data, fields: FIELDS, editing: false })).not.toHaveProperty("include");
    expect(settingsFrom({ data, fields: FIELDS, editing: true })).toMatchObject({ include: "", maxPages: "" });
  });

  it("keeps a blank secret (left out), sends a typed one, and clears one only when asked", () => {
    const blank = settingsFrom({ data: form({ url: "u", authHeader: "" }), fields: FIELDS, editing: true });
    expect(blank).not.toHaveProperty("authHeader");
    const typed = settingsFrom({ data: form({ url: "u", authHeader: "Bearer t" }), fields: FIELDS, editing: true });
    expect(typed.authHeader).toBe("Bearer t");
    const cleared = settingsFrom({
      data: form({ url: "u", authHeader: "", "clear.authHeader": "on" }),
      fields: FIELDS,
      editing: true,
    });
    expect(cleared.authHeader).toBe("");
  });

  it("sends text that is not a number as typed, for the server to refuse with its reason", () => {
    expect(settingsFrom({ data: form({ url: "u", maxPages: "lots" }), fields: FIELDS, editing: false }).maxPages).toBe(
      "lots",
    );
  });
});

describe("form display", () => {
  it("labels, placeholders and stored values", () => {
    expect(labelOf("maxPages")).toBe("Max pages");
    expect(labelOf("url")).toBe("URL");
    expect(labelOf("idColumn")).toBe("ID column");
    expect(placeholderOf(FIELDS[2]!)).toBe("1000");
    expect(placeholderOf(field({ name: "q", type: "string", example: "select 1\nfrom t" }))).toBe(
      "e.g. select 1 from t",
    );
    expect(shown(["/a/**", "/b/**"])).toBe("/a/**, /b/**");
    expect(shown(undefined)).toBe("");
    expect(shown(false)).toBe("false");
  });

  it("reads a schedule: blank or manual is manual runs only", () => {
    expect(scheduleFrom("")).toBeNull();
    expect(scheduleFrom(" Manual ")).toBeNull();
    expect(scheduleFrom(null)).toBeNull();
    expect(scheduleFrom(" 15m ")).toBe("15m");
  });
});
