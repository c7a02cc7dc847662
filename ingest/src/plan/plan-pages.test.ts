import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { PullPage, SourceItem } from "../sources/connector";
import type { Existing } from "./load-existing";
import { planPages, type PlannedBatch } from "./plan-pages";

const item = (id: string, text = `text of ${id}`): SourceItem => {
  const bytes = new TextEncoder().encode(text);
  return {
    id,
    filename: `${id}.md`,
    size: bytes.byteLength,
    modifiedAt: null,
    hash: async () => createHash("sha256").update(bytes).digest("hex"),
    read: async () => bytes,
    access: async () => ({ acl: [], owner: null, tags: [] }),
  };
};

async function plan({ pages, existing }: { pages: PullPage[]; existing: Map<string, Existing> }) {
  const out: PlannedBatch[] = [];
  const source = (async function* () {
    yield* pages;
  })();
  for await (const b of planPages({
    pages: source,
    existing,
    batchSize: 8,
    maxFiles: 64,
    maxBytes: 1e6,
    onPage: async () => undefined,
  }))
    out.push(b);
  return out;
}

const stored = (id: string): Existing => ({
  id: `doc-${id}`,
  status: "active",
  version: 1,
  maxVersion: 1,
  contentHash: "old",
  metadata: {},
});

describe("planning a change feed's pages", () => {
  it("deletes an item a later page reports gone, though an earlier page of the run offered it", async () => {
    // A change feed (Drive changes, a delta walked over several pages): new, then removed.
    const existing = new Map([["b", stored("b")]]);
    const batches = await plan({
      existing,
      pages: [
        { items: [item("a"), item("b")], checkpoint: { p: 1 } },
        { items: [], deleted: ["a", "b"], checkpoint: { p: 2 } },
      ],
    });
    expect(batches.flatMap((b) => b.deleted ?? [])).toEqual(["a", "b"]);
  });

  it("a page that brings an item back after an earlier page deleted it offers it again, as a new version", async () => {
    const existing = new Map([["b", stored("b")]]);
    const batches = await plan({
      existing,
      pages: [
        { items: [], deleted: ["b"], checkpoint: { p: 1 } },
        { items: [item("b", "b is back")], checkpoint: { p: 2 } },
      ],
    });
    expect(batches[0]!.deleted).toEqual(["b"]);
    expect(batches[1]!.entries.map((e) => e.id)).toEqual(["b"]);
    // What prepare compares with: the stored version is gone, so the item is written anew.
    expect(existing.get("b")!.status).toBe("deleted");
  });

  it("within one page, the item it lists wins over its own deletion; an unknown id is not deleted", async () => {
    const existing = new Map([["b", stored("b")]]);
    const batches = await plan({
      existing,
      pages: [{ items: [item("b")], deleted: ["b", "never-stored"], checkpoint: { p: 1 } }],
    });
    expect(batches.flatMap((b) => b.deleted ?? [])).toEqual([]);
    expect(batches.flatMap((b) => b.entries.map((e) => e.id))).toEqual(["b"]);
  });
});
