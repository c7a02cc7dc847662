import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chunks, documents, sources } from "@groundwork/db/schema";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { withReaderScope, type ReaderScope } from "./reader-scope";
import { aclVisible } from "./sql";

const targets = await availableTargets();

/** The two walls: row-level security alone, and the SQL predicate alone, each hide the same rows. */
describe.each(targets)("reader scope on %s", (target) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ target });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("row-level security hides rows from a query that forgets its ACL predicate", async () => {
    const [src] = await t.db
      .insert(sources)
      .values({ name: `rls-${target}`, kind: "folder" })
      .returning();
    const mk = async (path: string, acl: string[]) => {
      const [d] = await t.db
        .insert(documents)
        .values({ sourceId: src!.id, path, title: path, mime: "text/plain", contentHash: path, acl })
        .returning();
      await t.db.insert(chunks).values({
        documentId: d!.id,
        sourceId: src!.id,
        version: 1,
        ordinal: 0,
        text: `canary ${path}`,
        textHash: path,
        charStart: 0,
        charEnd: 10,
        acl,
      });
    };
    await mk("hr-only", ["group:hr"]);
    await mk("legal-only", ["group:legal"]);
    const visible = (principals: string[], isAdmin = false) =>
      withReaderScope({
        db: t.db,
        scope: { principals, isAdmin },
        // Deliberately no ACL predicate: the policy alone must filter.
        fn: async (tx) =>
          (
            await tx.execute<{ text: string }>(sql`select text from chunks where text like 'canary%' order by text`)
          ).rows.map((r) => r.text),
      });
    expect(await visible(["group:hr"])).toEqual(["canary hr-only"]);
    expect(await visible(["group:everyone"])).toEqual([]);
    expect(await visible([])).toEqual([]);
    expect(await visible([], true)).toEqual(["canary hr-only", "canary legal-only"]);
    const docs = await withReaderScope({
      db: t.db,
      scope: { principals: ["group:legal"], isAdmin: false },
      fn: async (tx) =>
        (await tx.execute<{ path: string }>(sql`select path from documents where source_id = ${src!.id}`)).rows,
    });
    expect(docs).toEqual([{ path: "legal-only" }]);
    // The reader role cannot write, whatever the principals say.
    const denied = await withReaderScope({
      db: t.db,
      scope: { principals: ["group:hr"], isAdmin: true },
      fn: (tx) => tx.execute(sql`delete from chunks`),
    }).then(
      () => null,
      (e: Error) => String((e.cause as Error | undefined)?.message ?? e.message),
    );
    expect(denied).toMatch(/permission denied/);
  });

  it("the SQL predicate alone (no RLS, as the owner) admits the same rows as the policy", async () => {
    const [src] = await t.db
      .insert(sources)
      .values({ name: `wall-${target}`, kind: "folder" })
      .returning();
    for (const [path, acl] of [
      ["w-hr", ["group:hr"]],
      ["w-both", ["group:hr", "user:u1"]],
      ["w-none", []],
    ] as const) {
      const [d] = await t.db
        .insert(documents)
        .values({ sourceId: src!.id, path, title: path, mime: "text/plain", contentHash: path, acl: [...acl] })
        .returning();
      await t.db.insert(chunks).values({
        documentId: d!.id,
        sourceId: src!.id,
        version: 1,
        ordinal: 0,
        text: `wall ${path}`,
        textHash: path,
        charStart: 0,
        charEnd: 5,
        acl: [...acl],
      });
    }
    const scopes: ReaderScope[] = [
      { principals: ["group:hr"], isAdmin: false },
      { principals: ["user:u1", "group:everyone"], isAdmin: false },
      { principals: [], isAdmin: false },
      { principals: [], isAdmin: true },
    ];
    for (const scope of scopes) {
      const q = (where: ReturnType<typeof sql>) =>
        sql`select text from chunks c where text like 'wall%' and ${where} order by text`;
      const byPredicate = (await t.db.execute<{ text: string }>(q(aclVisible({ acl: sql`c.acl`, scope })))).rows.map(
        (r) => r.text,
      );
      const unindexed = (
        await t.db.execute<{ text: string }>(q(aclVisible({ acl: sql`c.acl`, scope, indexable: false })))
      ).rows.map((r) => r.text);
      const byPolicy = await withReaderScope({
        db: t.db,
        scope,
        fn: async (tx) => (await tx.execute<{ text: string }>(q(sql`true`))).rows.map((r) => r.text),
      });
      expect(byPredicate, JSON.stringify(scope)).toEqual(byPolicy);
      expect(unindexed, JSON.stringify(scope)).toEqual(byPolicy);
    }
  });

  it("sets the scope before the first statement and leaves nothing behind on the pool (COMMIT is not waited for)", async () => {
    const read = (scope: ReaderScope) =>
      withReaderScope({
        db: t.db,
        scope,
        fn: async (tx) =>
          (
            await tx.execute<{ who: string; p: string; admin: string }>(
              sql`select current_user as who, current_setting('groundwork.principals') as p, current_setting('groundwork.is_admin') as admin`,
            )
          ).rows[0],
      });
    const owner = async () =>
      (
        await t.db.execute<{ who: string; p: string | null; tx: boolean }>(
          sql`select current_user as who, nullif(current_setting('groundwork.principals', true), '') as p,
                     now() = statement_timestamp() as tx`,
        )
      ).rows[0];
    // Many in a row and at once: every connection the pool hands out again is back outside the
    // transaction, as the owner, with no principals set.
    for (let i = 0; i < 5; i++) {
      const scopes = [0, 1, 2].map((j) => ({ principals: [`group:g${i}-${j}`], isAdmin: j === 2 }));
      const got = await Promise.all(scopes.map(read));
      expect(got).toEqual(
        scopes.map((s) => ({ who: "groundwork_reader", p: s.principals.join(","), admin: s.isAdmin ? "on" : "off" })),
      );
      const after = await Promise.all([owner(), owner(), owner()]);
      for (const a of after) expect(a).toMatchObject({ p: null, tx: true });
      for (const a of after) expect(a?.who).not.toBe("groundwork_reader");
    }
    // A failed statement rolls back; the connection serves the next read normally.
    await expect(
      withReaderScope({
        db: t.db,
        scope: { principals: ["group:hr"], isAdmin: false },
        fn: (tx) => tx.execute(sql`select 1/0`),
      }),
    ).rejects.toThrow();
    expect(await read({ principals: ["group:hr"], isAdmin: false })).toMatchObject({ p: "group:hr" });
    expect((await owner())?.p).toBeNull();
  });

  it("refuses a principal outside the grammar before it reaches the setting", async () => {
    for (const bad of ["group:hr,group:legal", "group:hr legal", "hr"]) {
      await expect(
        withReaderScope({ db: t.db, scope: { principals: [bad], isAdmin: false }, fn: async () => 1 }),
      ).rejects.toThrow(/invalid principal/);
    }
  });
});
