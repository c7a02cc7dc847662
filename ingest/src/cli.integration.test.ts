import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeTree } from "./testing/make-fixtures";

const pkg = path.join(import.meta.dirname, "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-cli-"));
const env = { ...process.env, GROUNDWORK_DATA_DIR: path.join(dir, "data"), DATABASE_URL: "", INIT_CWD: dir };

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
    cwd: pkg,
    env,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("pnpm ingest (CLI, owning a fresh embedded database)", () => {
  // Every invocation opens PGlite afresh (~5-10 s on a busy 2-core machine).
  it(
    "adds a source, runs it with plain progress and --json, and exits non-zero when a file failed",
    { timeout: 300_000 },
    () => {
      writeTree(dir, { "docs/guide.md": "# Guide\n\nHow to file expenses.", "docs/broken.md": "" });
      const add = cli("sources", "add", "--name", "docs", "--path", "docs", "--acl", "everyone");
      expect(add.err).toBe("");
      expect(add.code).toBe(0);
      expect(add.out).toContain(`added source docs (folder) at ${path.join(dir, "docs")}`);
      const run = cli("run", "docs");
      expect(run.code).toBe(1);
      expect(run.out).toMatch(/partial: 2 seen, 1 added, .* 1 failed/);
      expect(run.out).toContain("✗ broken.md: empty file");
      fs.writeFileSync(path.join(dir, "docs/broken.md"), "# Fixed\n\nNow it has text.");
      const json = cli("run", "docs", "--json");
      expect(json.code).toBe(0);
      const last = JSON.parse(json.out.trim().split("\n").pop()!);
      expect(last).toMatchObject({
        source: "docs",
        status: "succeeded",
        seen: 2,
        added: 1,
        unchanged: 1,
        failed: 0,
        embeddingCalls: 1,
      });
      const status = cli("status", "docs", "--json");
      expect(JSON.parse(status.out).map((r: { status: string }) => r.status)).toEqual(["succeeded", "partial"]);
      expect(cli("sources", "list").out).toMatch(/^docs\s+folder/);
      expect(cli("run", "nope").code).toBe(1);
    },
  );
  it("explain-access: who can see a document, by path or id, as JSON", { timeout: 200_000 }, () => {
    const r = cli("explain-access", "--document", "guide.md", "--json");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const { readers, explanation } = JSON.parse(r.out.trim().split("\n").pop()!);
    expect(explanation).toBeNull();
    expect(readers.document).toMatchObject({ title: "Guide", acl: ["group:everyone"], status: "active" });
    expect(readers.document.source).toMatchObject({ name: "docs", kind: "folder" });
    expect(readers.groups).toEqual([expect.objectContaining({ principal: "group:everyone" })]);
    const byId = cli("explain-access", "--document", readers.document.id);
    expect(byId.out).toContain("Guide (docs/folder, active)");
    const unknown = cli("explain-access", "--document", "nope.md", "--user", "ada");
    expect(unknown.code).toBe(1);
  });
});
