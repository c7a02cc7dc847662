import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { connectorFor, connectorKinds } from "./sources/connectors";
import { describeConfig } from "./sources/connector-config";

const pkg = path.join(import.meta.dirname, "..");

/**
 * `pnpm ingest sources kinds --json`, the contract the console's forms and the checks read: every
 * registered kind with its label and config fields, straight from the registry (no database).
 */
describe("pnpm ingest sources kinds", () => {
  it("prints every registered kind with the fields its config schema declares", { timeout: 120_000 }, () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", "sources", "kinds", "--json"], {
      cwd: pkg,
      env: { ...process.env, DATABASE_URL: "" },
      encoding: "utf8",
      timeout: 100_000,
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const kinds = JSON.parse(r.stdout.trim().split("\n").pop()!) as {
      kind: string;
      label: string;
      fields: { name: string; flag: string; type: string; required: boolean; secret: boolean }[];
    }[];
    expect(kinds.map((k) => k.kind).sort()).toEqual([...connectorKinds()].sort());
    for (const kind of [
      "folder",
      "upload",
      "web",
      "git",
      "sql",
      "s3",
      "confluence",
      "sharepoint",
      "google-drive",
      "zendesk",
    ])
      expect(kinds.map((k) => k.kind)).toContain(kind);
    for (const k of kinds) {
      expect(k.label.length, k.kind).toBeGreaterThan(0);
      expect(k.fields, k.kind).toEqual(JSON.parse(JSON.stringify(describeConfig(connectorFor(k.kind)))));
    }
    const sharepoint = kinds.find((k) => k.kind === "sharepoint")!;
    expect(sharepoint.fields.find((f) => f.name === "clientSecret")).toMatchObject({ secret: true, required: true });
    expect(sharepoint.fields.find((f) => f.name === "tenantId")).toMatchObject({ flag: "--tenant-id", secret: false });
    const zendesk = kinds.find((k) => k.kind === "zendesk")!;
    expect(zendesk.fields.find((f) => f.name === "webhookSigningSecret")).toMatchObject({ secret: true });
    expect(kinds.find((k) => k.kind === "folder")!.fields.map((f) => f.name)).toContain("path");
  });
});
