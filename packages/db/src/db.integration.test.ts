import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "./migrate";
import { chunks, documents, sources } from "./schema";
import { tidySearchIndexes } from "./tidy-search-indexes";
import { availableTargets, createTestDatabase, type TestDatabase } from "./testing";
import { EMBEDDING_DIMENSIONS } from "@groundwork/core/embedding-dimensions";

const targets = await availableTargets();

function unitVector(dim: number, hot: number): number[] {
  const v = new Array<number>(dim).fill(0);
  v[hot % dim] = 1;
  return v;
}

describe.each(targets)("database on %s", (target) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ target, migrate: false });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("applies migrations from scratch, then re-applies as a no-op", async () => {
    const first = await migrateDatabase({ db: t.db });
    expect(first.applied).toBeGreaterThanOrEqual(3);
    const second = await migrateDatabase({ db: t.db });
    expect(second.applied).toBe(0);
    const ext = await t.db.execute<{ v: string }>(
      sql`select extversion as v from pg_extension where extname = 'vector'`,
    );
    const [major, minor] = (ext.rows[0]?.v ?? "0.0").split(".").map(Number);
    expect(major! * 100 + minor!).toBeGreaterThanOrEqual(8);
    // 0023 dropped the function 0022 left without callers (tsv_high's old generated expression).
    const fns = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from pg_proc where proname = 'groundwork_tsv_high'`,
    );
    expect(fns.rows[0]?.n).toBe(0);
  });

  it("round-trips vectors and full text, and keeps BM25 statistics", async () => {
    const [src] = await t.db
      .insert(sources)
      .values({ name: `s-${target}`, kind: "folder", defaultAcl: ["group:everyone"] })
      .returning();
    const [doc] = await t.db
      .insert(documents)
      .values({
        sourceId: src!.id,
        path: "leave.md",
        title: "Leave policy",
        mime: "text/markdown",
        contentHash: "h1",
        acl: ["group:everyone"],
      })
      .returning();
    await t.db.insert(chunks).values([
      {
        documentId: doc!.id,
        sourceId: src!.id,
        version: 1,
        ordinal: 0,
        text: "Employees accrue annual leave monthly.",
        textHash: "a",
        context: "Leave policy",
        charStart: 0,
        charEnd: 38,
        embedding: unitVector(EMBEDDING_DIMENSIONS, 3),
        embeddingModel: "test",
        acl: ["group:everyone"],
      },
      {
        documentId: doc!.id,
        sourceId: src!.id,
        version: 1,
        ordinal: 1,
        text: "Parental leave lasts sixteen weeks.",
        textHash: "b",
        context: "Leave policy",
        charStart: 39,
        charEnd: 74,
        embedding: unitVector(EMBEDDING_DIMENSIONS, 7),
        embeddingModel: "test",
        acl: ["group:everyone"],
      },
    ]);
    const near = await t.db.execute<{ ordinal: number; distance: number }>(
      sql`select ordinal, embedding <=> ${JSON.stringify(unitVector(EMBEDDING_DIMENSIONS, 7))}::vector as distance from chunks order by distance limit 1`,
    );
    expect(near.rows[0]).toMatchObject({ ordinal: 1, distance: 0 });
    const ft = await t.db.execute<{ ordinal: number; tokens: number }>(
      sql`select ordinal, token_count as tokens from chunks where tsv @@ websearch_to_tsquery('english', 'parental leaves') order by ordinal`,
    );
    expect(ft.rows.map((r) => r.ordinal)).toEqual([1]);
    expect(ft.rows[0]!.tokens).toBeGreaterThanOrEqual(5);
    const stats = await t.db.execute<{ df: number; n: number }>(
      sql`select (select df from term_stats where lexeme = 'leav') as df, (select chunk_count from corpus_stats) as n`,
    );
    expect(stats.rows[0]).toEqual({ df: 2, n: 2 });
    await t.db.delete(chunks).where(sql`ordinal = 1`);
    const after = await t.db.execute<{ df: number; n: number }>(
      sql`select (select df from term_stats where lexeme = 'leav') as df, (select chunk_count from corpus_stats) as n`,
    );
    expect(after.rows[0]).toEqual({ df: 1, n: 1 });
  });

  it("keeps per-principal and per-model chunk counts and the BM25 bounds in step with every write", async () => {
    const [src] = await t.db
      .insert(sources)
      .values({ name: `counts-${target}`, kind: "folder" })
      .returning();
    const [d] = await t.db
      .insert(documents)
      .values({ sourceId: src!.id, path: "c.md", title: "c", mime: "text/plain", contentHash: "c", acl: ["group:x"] })
      .returning();
    const base = { documentId: d!.id, sourceId: src!.id, version: 1, charStart: 0, charEnd: 1 };
    await t.db.insert(chunks).values([
      {
        ...base,
        ordinal: 0,
        text: "gizmo gizmo gizmo widget",
        textHash: "0",
        context: "Gizmo guide",
        acl: ["group:x", "group:y", "group:x"],
        embedding: unitVector(EMBEDDING_DIMENSIONS, 1),
        embeddingModel: "m1",
      },
      {
        ...base,
        ordinal: 1,
        text: "widget alone here with several more words",
        textHash: "1",
        acl: ["group:y"],
        embedding: unitVector(EMBEDDING_DIMENSIONS, 2),
        embeddingModel: "m1",
      },
      { ...base, ordinal: 2, text: "plain text", textHash: "2", acl: ["group:z"] },
    ]);
    // The counts must always equal a recount from the chunks themselves.
    const check = async () => {
      const kept = await t.db.execute<{ key: string; n: number }>(
        sql`select key, n::int as n from chunk_counts where n <> 0 and (key like 'acl:group:_' or key like 'model:m_') order by key`,
      );
      const recount = await t.db.execute<{ key: string; n: number }>(sql`
        select k as key, count(*)::int as n from chunks c, unnest(groundwork_count_keys(c.acl, c.embedding_model)) as k
        where k like 'acl:group:_' or k like 'model:m_' group by k order by k`);
      expect(kept.rows).toEqual(recount.rows);
      return Object.fromEntries(kept.rows.map((r) => [r.key, r.n]));
    };
    expect(await check()).toEqual({ "acl:group:x": 1, "acl:group:y": 2, "acl:group:z": 1, "model:m1": 2 });
    await t.db.execute(
      sql`update chunks set acl = '{group:z}', embedding_model = 'm2' where ordinal = 0 and source_id = ${src!.id}`,
    );
    expect(await check()).toEqual({ "acl:group:y": 1, "acl:group:z": 2, "model:m1": 1, "model:m2": 1 });
    await t.db.execute(sql`update chunks set text = 'widget widget' where ordinal = 1 and source_id = ${src!.id}`);
    expect(await check()).toEqual({ "acl:group:y": 1, "acl:group:z": 2, "model:m1": 1, "model:m2": 1 });
    await t.db.execute(sql`delete from chunks where ordinal = 2 and source_id = ${src!.id}`);
    expect(await check()).toEqual({ "acl:group:y": 1, "acl:group:z": 1, "model:m1": 1, "model:m2": 1 });

    // Bounds never fall below any stored chunk's own figures (they may stay wider after deletes).
    const loose = await t.db.execute<{ lexeme: string }>(sql`
      select u.lexeme from chunks c, unnest(c.tsv) as u join term_stats s on s.lexeme = u.lexeme
      where s.max_tf < cardinality(u.positions) or s.max_title_tf < coalesce(cardinality(array_positions(u.weights, 'A')), 0) or s.min_length > c.token_count`);
    expect(loose.rows).toEqual([]);
    const gizmo = await t.db.execute<{ max_tf: number; max_title_tf: number }>(
      sql`select max_tf, max_title_tf from term_stats where lexeme = 'gizmo'`,
    );
    expect(gizmo.rows[0]).toEqual({ max_tf: 4, max_title_tf: 1 });
    // Inserts wait in the GIN pending lists until merged; upkeep merges them once.
    const first = await tidySearchIndexes({ db: t.db, changedRows: 3 });
    expect(first.merged).toBeGreaterThan(0);
    expect((await tidySearchIndexes({ db: t.db, changedRows: 0 })).merged).toBe(0);
    // tsv and token_count come from the chunks_tsv trigger (migration 0022), as the generated
    // columns computed them: a written tsv is ignored, a text change is parsed again, tsv_high stays empty.
    const expected = sql`setweight(to_tsvector('english', context), 'A') || to_tsvector('english', text)`;
    const stale = () =>
      t.db.execute<{ ordinal: number }>(sql`
        select ordinal from chunks where source_id = ${src!.id}
          and (tsv <> ${expected} or token_count <> groundwork_token_count(${expected}) or tsv_high <> ''::tsvector)`);
    expect((await stale()).rows).toEqual([]);
    await t.db.execute(sql`update chunks set tsv = 'forged'::tsvector, token_count = 999 where source_id = ${src!.id}`);
    expect((await stale()).rows).toEqual([]);
    await t.db.execute(sql`update chunks set context = 'Sprocket' where ordinal = 0 and source_id = ${src!.id}`);
    expect((await stale()).rows).toEqual([]);
    const sprocket = await t.db.execute<{ tsv: string; token_count: number }>(
      sql`select tsv::text as tsv, token_count from chunks where ordinal = 0 and source_id = ${src!.id}`,
    );
    expect(sprocket.rows[0]?.tsv).toContain("'sprocket':");
    const sprocketDf = await t.db.execute<{ df: number }>(sql`select df from term_stats where lexeme = 'sprocket'`);
    expect(sprocketDf.rows[0]?.df).toBe(1);
  });
});
