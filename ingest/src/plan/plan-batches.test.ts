import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { folderConnector } from "../sources/folder";
import { pullAll, testConnectorContext } from "../testing/connector-context";
import { hashItems } from "./hash-items";
import { planBatches } from "./plan-batches";

describe("planning a run", () => {
  it("hashes files up front and cuts batches by files that need work, not by files seen", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-plan-"));
    try {
      for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(dir, `f${String(i).padStart(2, "0")}.md`), `file ${i}`);
      fs.symlinkSync(path.join(dir, "f00.md"), path.join(dir, "link.md"));
      const ctx = testConnectorContext({ defaultAcl: [] });
      const pages = await pullAll({ connector: folderConnector, config: { path: dir }, ctx });
      const entries = pages.flatMap((p) => p.items);
      expect(entries.map((e) => e.id).at(-1)).toBe("link.md");
      expect(entries.at(-1)).toMatchObject({ error: expect.stringMatching(/symbolic link refused/) });
      const hashes = await hashItems({ entries, maxBytes: 1000 });
      expect(hashes.size).toBe(20);
      // f00–f14 are unchanged since the last run; f15–f19 are new.
      const existing = new Map(
        entries.slice(0, 15).map((e) => [e.id, { status: "active", contentHash: hashes.get(e.id)! }]),
      );
      const batches = planBatches({ files: entries, hashes, existing, batchSize: 2 });
      expect(batches.map((b) => b.length)).toEqual([16, 2, 2, 1]);
      expect(batches.flat()).toEqual(entries);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
