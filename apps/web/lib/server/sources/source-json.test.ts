import { describe, expect, it } from "vitest";
import type { SourceView } from "@groundwork/ingest";
import { sourceChange } from "./source-json";

const base = {
  id: "s1",
  name: "handbook",
  kind: "folder",
  config: { path: "/srv/handbook", dsn: "postgres://u:secret@h/db" },
  secretFields: [],
  defaultAcl: ["group:everyone"],
  schedule: "daily",
  pruneSchedule: null,
  paused: false,
} as unknown as SourceView;

describe("sourceChange", () => {
  it("reports changed access and schedule by value and changed settings by name only", () => {
    const after = {
      ...base,
      config: { path: "/srv/other", dsn: "postgres://u:other-secret@h/db", extra: true },
      defaultAcl: ["group:finance"],
    } as SourceView;
    const change = sourceChange({ prior: base, source: after });
    expect(change).toEqual({
      before: {
        defaultAcl: ["group:everyone"],
        "settings.dsn": "(set)",
        "settings.extra": "(unset)",
        "settings.path": "(set)",
      },
      after: {
        defaultAcl: ["group:finance"],
        "settings.dsn": "(changed)",
        "settings.extra": "(changed)",
        "settings.path": "(changed)",
      },
    });
    // No setting value (which may carry a credential) reaches the audit detail.
    expect(JSON.stringify(change)).not.toMatch(/secret|srv/);
  });

  it("is empty when nothing changed", () => {
    expect(sourceChange({ prior: base, source: { ...base } })).toEqual({ before: {}, after: {} });
  });
});
