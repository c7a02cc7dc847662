import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMBEDDING_DIMENSIONS } from "@groundwork/core/embedding-dimensions";
import { chunks, documents, sources } from "./schema";
import { availableTargets, createTestDatabase, type TestDatabase } from "./testing";

const targets = await availableTargets();

describe.each(targets)("chunk_postings on %s", (target) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ target });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  // The postings as they must be: one row per lexeme of every chunk's tsvector, counted in
  // TypeScript from the tsvector's text (not by the SQL the triggers use).
  const expected = async () => {
    const r = await t.db.execute<{ id: string; tsv: string; token_count: number; acl: string[] }>(
      sql`select id, tsv::text as tsv, token_count, acl from chunks`,
    );
    return r.rows
      .flatMap((row) =>
        [...row.tsv.matchAll(/'((?:[^']|'')*)'(?::([0-9A-D,]+))?/g)].map((m) => {
          const positions = m[2] ? m[2].split(",") : ["1"];
          const title = positions.filter((p) => p.endsWith("A")).length;
          return {
            lexeme: m[1]!.replace(/''/g, "'"),
            chunk_id: row.id,
            body_tf: positions.length - title,
            title_tf: title,
            token_count: Number(row.token_count),
            acl: row.acl,
          };
        }),
      )
      .sort((a, b) => (a.lexeme + a.chunk_id < b.lexeme + b.chunk_id ? -1 : 1));
  };
  const stored = async () => {
    const r = await t.db.execute<{
      lexeme: string;
      chunk_id: string;
      body_tf: number;
      title_tf: number;
      token_count: number;
      acl: string[];
    }>(sql`select lexeme, chunk_id, body_tf, title_tf, token_count, acl from chunk_postings`);
    return r.rows
      .map((row) => ({ ...row, body_tf: Number(row.body_tf), title_tf: Number(row.title_tf) }))
      .sort((a, b) => (a.lexeme + a.chunk_id < b.lexeme + b.chunk_id ? -1 : 1));
  };

  // chunk_principal_postings as it must be: the postings above once per distinct principal of the ACL.
  const key = (r: { principal: string; lexeme: string; chunk_id: string }) =>
    `${r.principal} ${r.lexeme} ${r.chunk_id}`;
  const expectedByPrincipal = async () =>
    (await expected())
      .flatMap(({ acl, ...p }) => [...new Set(acl)].filter((a) => a !== "").map((principal) => ({ principal, ...p })))
      .sort((a, b) => (key(a) < key(b) ? -1 : 1));
  const storedByPrincipal = async () => {
    const r = await t.db.execute<{
      principal: string;
      lexeme: string;
      chunk_id: string;
      body_tf: number;
      title_tf: number;
      token_count: number;
    }>(sql`select principal, lexeme, chunk_id, body_tf, title_tf, token_count from chunk_principal_postings`);
    return r.rows
      .map((row) => ({ ...row, body_tf: Number(row.body_tf), title_tf: Number(row.title_tf) }))
      .sort((a, b) => (key(a) < key(b) ? -1 : 1));
  };
  const bothMatch = async () => {
    expect(await stored()).toEqual(await expected());
    expect(await storedByPrincipal()).toEqual(await expectedByPrincipal());
  };

  it("follows every insert, text or ACL update and delete of chunks, set-based", async () => {
    const [src] = await t.db
      .insert(sources)
      .values({ name: `p-${target}`, kind: "folder" })
      .returning();
    const [d] = await t.db
      .insert(documents)
      .values({ sourceId: src!.id, path: "p.md", title: "p", mime: "text/plain", contentHash: "p", acl: ["group:x"] })
      .returning();
    const base = { documentId: d!.id, sourceId: src!.id, version: 1, charStart: 0, charEnd: 1, textHash: "h" };
    const vector = new Array<number>(EMBEDDING_DIMENSIONS).fill(0).map((_, i) => (i === 0 ? 1 : 0));
    const rows = await t.db
      .insert(chunks)
      .values([
        {
          ...base,
          ordinal: 0,
          text: "gizmo gizmo widget",
          context: "Gizmo guide",
          acl: ["group:x"],
          embedding: vector,
        },
        { ...base, ordinal: 1, text: "widget repair and widgets", context: "", acl: ["group:x", "group:y", "group:x"] },
        { ...base, ordinal: 2, text: "", context: "" },
      ])
      .returning({ id: chunks.id });
    await bothMatch();
    expect((await storedByPrincipal()).filter((p) => p.lexeme === "repair").map((p) => p.principal)).toEqual([
      "group:x",
      "group:y",
    ]);
    expect((await stored()).find((p) => p.lexeme === "gizmo")).toMatchObject({ body_tf: 2, title_tf: 1 });
    // Text change, ACL change and an update that touches neither (tags) in one statement each.
    await t.db.update(chunks).set({ text: "sprocket widget" }).where(eq(chunks.id, rows[0]!.id));
    await t.db
      .update(chunks)
      .set({ acl: ["group:z"] })
      .where(eq(chunks.id, rows[1]!.id));
    await t.db.update(chunks).set({ tags: ["t"] });
    await bothMatch();
    await t.db.delete(chunks).where(eq(chunks.id, rows[1]!.id));
    await bothMatch();
    await t.db.delete(documents).where(eq(documents.id, d!.id));
    expect(await stored()).toEqual([]);
    expect(await storedByPrincipal()).toEqual([]);
  });

  it("is readable by a reader only for the chunks its principals may see (second wall)", async () => {
    const [src] = await t.db
      .insert(sources)
      .values({ name: `r-${target}`, kind: "folder" })
      .returning();
    const [d] = await t.db
      .insert(documents)
      .values({ sourceId: src!.id, path: "r.md", title: "r", mime: "text/plain", contentHash: "r", acl: ["group:x"] })
      .returning();
    const base = { documentId: d!.id, sourceId: src!.id, version: 1, charStart: 0, charEnd: 1, textHash: "h" };
    await t.db.insert(chunks).values([
      { ...base, ordinal: 0, text: "visible words", context: "", acl: ["group:x"] },
      { ...base, ordinal: 1, text: "secret canary", context: "", acl: ["group:hidden"] },
    ]);
    // A reader holding no principal of a chunk reads none of its rows in either table.
    const seen = await t.db.transaction(async (tx) => {
      await tx.execute(sql`set local role groundwork_reader`);
      await tx.execute(sql`select set_config('groundwork.principals', 'group:x', true)`);
      return [
        (await tx.execute<{ lexeme: string }>(sql`select lexeme from chunk_postings order by lexeme`)).rows,
        (await tx.execute<{ lexeme: string }>(sql`select lexeme from chunk_principal_postings order by lexeme`)).rows,
      ];
    });
    expect(seen[0]!.map((r) => r.lexeme)).toEqual(["visibl", "word"]);
    expect(seen[1]!.map((r) => r.lexeme)).toEqual(["visibl", "word"]);
  });
});
