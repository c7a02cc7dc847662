import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGroup } from "@groundwork/auth";
import type { Database } from "@groundwork/db/client";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { ingestionRuns } from "@groundwork/db/schema";
import { folderAccess } from "../sources/folder-access";
import { deleteSource, findSource } from "../sources/manage-sources";
import { ingestFolder } from "../testing/ingest-folder";
import { writeTree } from "../testing/make-fixtures";
import { deleteDocument, documentFootprint } from "./delete-document";
import { deleteGroup, groupFootprint } from "./delete-group";
import { pageDocuments } from "./list-documents";

const rows = async (db: Database, text: string) => (await db.execute(sql.raw(text))).rows;

/**
 * The BM25 statistics the chunk triggers keep, against a recount from the chunks themselves:
 * after any delete they must agree exactly (zero rows left behind are ignored — a df of 0 is no df).
 */
async function expectStatsMatchRecount(db: Database): Promise<void> {
  const kept = await rows(db, "select lexeme, df from term_stats where df <> 0 order by 1");
  const recount = await rows(
    db,
    "select u.lexeme, count(*)::int as df from chunks c, unnest(c.tsv) u group by 1 order by 1",
  );
  expect(kept).toEqual(recount);
  const keptByPrincipal = await rows(
    db,
    "select principal, lexeme, df from term_principal_stats where df <> 0 order by 1, 2",
  );
  const recountByPrincipal = await rows(
    db,
    `select p as principal, u.lexeme, count(*)::int as df
       from chunks c, lateral (select distinct p from unnest(c.acl) p) a, unnest(c.tsv) u group by 1, 2 order by 1, 2`,
  );
  expect(keptByPrincipal).toEqual(recountByPrincipal);
  const postings = await rows(db, "select lexeme, chunk_id::text, acl from chunk_postings order by 1, 2");
  const expected = await rows(
    db,
    "select u.lexeme, c.id::text as chunk_id, c.acl from chunks c, unnest(c.tsv) u order by 1, 2",
  );
  expect(postings).toEqual(expected);
}

/** Chunks and postings holding a word, whoever may read them: what any persona's search could find. */
async function holders(db: Database, word: string): Promise<number> {
  const [a] = await rows(db, `select count(*)::int as n from chunks where tsv @@ to_tsquery('english', '${word}')`);
  const [b] = await rows(
    db,
    `select count(*)::int as n from chunk_postings where lexeme in (select lexeme from unnest(to_tsvector('english', '${word}')))`,
  );
  return Number(a!.n) + Number(b!.n);
}

describe.each(await availableTargets())("admin deletes on %s", (target) => {
  let t: TestDatabase;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "gw-admin-deletes-"));

  beforeAll(async () => {
    t = await createTestDatabase({ target });
    await createGroup({ db: t.db, name: "finance" });
    await createGroup({ db: t.db, name: "hr" });
    writeTree(root, {
      "open.md": "# Open handbook\n\nThe zebraword policy covers everyone and travel.\n",
      "finance/.access.yaml": "groups: [finance]\nusers: []\n",
      "finance/budget.md": "# Budget\n\nThe quokkaword budget is finance only.\n",
      "shared/.access.yaml": "groups: [finance, hr]\nusers: []\n",
      "shared/payroll.md": "# Payroll\n\nThe wombatword payroll is for finance and hr.\n",
    });
    const run = await ingestFolder({ db: t.db, name: "lifecycle", dir: root, defaultAcl: ["everyone"] });
    expect(run.status).toBe("succeeded");
  });
  afterAll(async () => {
    await t?.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("shows each folder's effective access, not only the source default", async () => {
    const src = await findSource({ db: t.db, source: "lifecycle" });
    expect(await folderAccess({ db: t.db, sourceId: src.id })).toEqual([
      { folder: "", acl: ["group:everyone"], documents: 1 },
      { folder: "finance", acl: ["group:finance"], documents: 1 },
      { folder: "shared", acl: ["group:finance", "group:hr"], documents: 1 },
    ]);
  });

  it("pages and searches the documents list with a real total", async () => {
    const all = await pageDocuments({ db: t.db, pageSize: 2 });
    expect(all.total).toBe(3);
    expect(all.documents).toHaveLength(2);
    const second = await pageDocuments({ db: t.db, pageSize: 2, page: 2 });
    expect(second.documents.map((d) => d.path)).not.toContain(all.documents[0]!.path);
    expect(second.documents).toHaveLength(1);
    // A page past the end is the last page.
    expect((await pageDocuments({ db: t.db, pageSize: 2, page: 99 })).page).toBe(2);
    const byTitle = await pageDocuments({ db: t.db, q: "BUDG" });
    expect(byTitle.documents.map((d) => d.title)).toEqual(["Budget"]);
    expect((await pageDocuments({ db: t.db, q: "shared/" })).total).toBe(1);
    // LIKE wildcards are matched literally.
    expect((await pageDocuments({ db: t.db, q: "%" })).total).toBe(0);
  });

  it("deletes a document: chunks, postings and stats gone at commit", async () => {
    await expectStatsMatchRecount(t.db);
    // Both the chunk and its postings hold it before the delete.
    expect(await holders(t.db, "zebraword")).toBeGreaterThanOrEqual(2);
    const [open] = (await pageDocuments({ db: t.db, q: "open.md" })).documents;
    const preview = await documentFootprint({ db: t.db, documentId: open!.id });
    expect(preview).toMatchObject({ title: "Open handbook", versions: 1, sourceName: "lifecycle" });
    expect(preview.chunks).toBeGreaterThan(0);
    const removed = await deleteDocument({ db: t.db, documentId: open!.id });
    expect(removed).toEqual(preview);
    expect(await holders(t.db, "zebraword")).toBe(0);
    expect((await pageDocuments({ db: t.db, q: "open.md" })).total).toBe(0);
    await expectStatsMatchRecount(t.db);
    await expect(deleteDocument({ db: t.db, documentId: open!.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteDocument({ db: t.db, documentId: "nope" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("deletes a group: memberships go, ACLs drop it, a document only it could read becomes admin-only", async () => {
    const preview = await groupFootprint({ db: t.db, group: "finance" });
    expect(preview).toMatchObject({ name: "finance", documents: 2, adminOnly: 1 });
    expect(await deleteGroup({ db: t.db, group: "finance" })).toEqual(preview);
    const acls = await rows(t.db, "select path, acl from documents order by path");
    expect(acls).toEqual([
      { path: "finance/budget.md", acl: [] },
      { path: "shared/payroll.md", acl: ["group:hr"] },
    ]);
    const [leftover] = await rows(
      t.db,
      "select (select count(*) from chunks where 'group:finance' = any(acl)) + (select count(*) from chunk_postings where 'group:finance' = any(acl)) + (select count(*) from term_principal_stats where principal = 'group:finance' and df <> 0) as n",
    );
    expect(Number(leftover!.n)).toBe(0);
    await expectStatsMatchRecount(t.db);
    // A group made later under the same name inherits nothing.
    await createGroup({ db: t.db, name: "finance" });
    expect((await groupFootprint({ db: t.db, group: "finance" })).documents).toBe(0);
    await expect(deleteGroup({ db: t.db, group: "nosuch" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses to delete a source with a running run (409), takes a queued run with it", async () => {
    const src = await findSource({ db: t.db, source: "lifecycle" });
    const [run] = await t.db
      .insert(ingestionRuns)
      .values({ sourceId: src.id, trigger: "cli", status: "running" })
      .returning();
    await expect(deleteSource({ db: t.db, source: src.id })).rejects.toMatchObject({ code: "conflict" });
    expect(await holders(t.db, "wombatword")).toBeGreaterThan(0);
    await t.db.execute(sql`update ingestion_runs set status = 'queued' where id = ${run!.id}`);
    expect(await deleteSource({ db: t.db, source: src.id })).toEqual({ documents: 2 });
    expect(await holders(t.db, "wombatword")).toBe(0);
    expect(await holders(t.db, "quokkaword")).toBe(0);
    expect(await rows(t.db, `select id from ingestion_runs where id = '${run!.id}'`)).toEqual([]);
    await expectStatsMatchRecount(t.db);
  });
});
