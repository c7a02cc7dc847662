import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolvePrincipal } from "@groundwork/auth/principal";
import { seedDemoUsers } from "@groundwork/auth/seed";
import { listChunkPartitions, partitionSource } from "@groundwork/db/partition-chunks";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { ingestFolder, runSource } from "@groundwork/ingest/testing";
import { searchChunks, type SearchFilters } from "@groundwork/retrieval";
import type { Principal } from "@groundwork/access/principal";
import { writeTree } from "./harness/ingest-folder";

/**
 * LIST partitioning of chunks by source (packages/db/src/partition-chunks.ts, `pnpm db:partition
 * --source <name>`): giving a large source its own partition changes where rows live, never
 * what anyone finds — every caller's results (ids, order and scores) and the BM25 statistics are
 * identical before and after, the write path keeps routing the source's new chunks to its
 * partition and keeps the statistics, and the command is idempotent. Both databases: PGlite is
 * PostgreSQL 18 and supports declarative partitioning and transition-table triggers on a
 * partitioned parent like the server.
 */
const WORDS = "severance payout ledger retention pension overtime relocation audit vendor laptop".split(" ");

function bigSource(docs: number): Record<string, string> {
  const files: Record<string, string> = {
    "hr/.access.yaml": "groups: [hr]\nusers: []\n",
    "legal/.access.yaml": "groups: [legal]\nusers: []\n",
  };
  for (let d = 0; d < docs; d++) {
    const folder = d % 2 ? "hr" : "legal";
    const w = (k: number) => WORDS[(d * 3 + k) % WORDS.length]!;
    files[`${folder}/doc-${d}.md`] =
      `# ${w(0)} ${w(1)} handbook ${d}\n\n` +
      `The ${w(0)} rules for ${w(2)} and ${w(3)} apply to team ${d}. ${w(1)} ${w(4)} review.\n\n` +
      `## Details\n\nWhen ${w(5)} meets ${w(0)}, the ${w(6)} form is due within ${d + 2} days.\n`;
  }
  return files;
}

type Snapshot = Record<string, string[]>;

describe.each(await availableTargets())("chunks LIST-partitioned by source on %s", (target) => {
  let t: TestDatabase;
  let dir: string;
  let harper: Principal;
  let lena: Principal;
  let admin: Principal;
  let bigId: string;

  const searches = (): { who: string; principal: Principal; query: string; filters?: SearchFilters }[] =>
    [harper, lena, admin].flatMap((principal, i) => [
      { who: `${i}`, principal, query: "severance payout rules" },
      { who: `${i}`, principal, query: "pension form due" },
      { who: `${i}`, principal, query: "laptop vendor", filters: { sourceNames: ["big"] } },
      { who: `${i}`, principal, query: "retention ledger", filters: { sourceNames: ["small"] } },
    ]);

  async function snapshot(): Promise<Snapshot> {
    const out: Snapshot = {};
    for (const s of searches()) {
      const r = await searchChunks({
        db: t.db,
        principal: s.principal,
        query: s.query,
        reranker: null,
        ...(s.filters ? { filters: s.filters } : {}),
      });
      out[`${s.who}|${s.query}|${JSON.stringify(s.filters ?? {})}`] = r.results.map(
        (x) => `${x.chunkId} ${x.score.toFixed(6)}`,
      );
    }
    return out;
  }

  async function statistics() {
    const q = async (text: string) => (await t.db.execute(sql.raw(text))).rows;
    return {
      terms: await q("select * from term_stats order by 1, 2"),
      principals: await q("select * from term_principal_stats order by 1, 2, 3"),
      counts: await q("select * from chunk_counts order by 1"),
      corpus: await q("select * from corpus_stats"),
    };
  }

  beforeAll(async () => {
    t = await createTestDatabase({ target });
    await seedDemoUsers({ db: t.db });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-partition-"));
    writeTree({ dir: path.join(dir, "big"), files: bigSource(40) });
    writeTree({
      dir: path.join(dir, "small"),
      files: {
        ".access.yaml": "groups: [hr, legal]\nusers: []\n",
        "retention.md": "# Retention ledger\n\nThe retention ledger records severance payout and pension decisions.\n",
        "laptops.md": "# Laptop vendor\n\nThe laptop vendor contract covers relocation of equipment.\n",
      },
    });
    for (const name of ["big", "small"]) {
      const run = await ingestFolder({ db: t.db, name, dir: path.join(dir, name) });
      expect(run.status).toBe("succeeded");
    }
    harper = await resolvePrincipal({ db: t.db, username: "harper" });
    lena = await resolvePrincipal({ db: t.db, username: "lena" });
    admin = await resolvePrincipal({ db: t.db, username: "ada" });
    bigId = (await t.db.execute<{ id: string }>(sql`select id::text as id from sources where name = 'big'`)).rows[0]!
      .id;
  });

  afterAll(async () => {
    await t?.dispose();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("moves a large source into its own partition with identical search results and statistics", async () => {
    const before = await snapshot();
    const statsBefore = await statistics();
    // The controls: the searches find something, and ACLs shape them (HR and legal see different chunks).
    expect(Object.values(before).every((r) => r.length > 0)).toBe(true);
    expect(before["0|severance payout rules|{}"]).not.toEqual(before["1|severance payout rules|{}"]);
    const bigChunks = Number(
      (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from chunks where source_id = ${bigId}::uuid`))
        .rows[0]!.n,
    );
    expect(bigChunks).toBeGreaterThan(40);

    const r = await partitionSource({ db: t.db, source: "big", maintenanceWorkMem: "64MB" });
    expect(r.rows).toBe(bigChunks);
    const own = `chunks_src_${bigId.replace(/-/g, "")}`;
    expect(r.partition).toBe(own);
    expect(r.partitions.map((p) => p.name).sort()).toEqual(["chunks_default", own].sort());
    const inOwn = await t.db.execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${own}`));
    expect(Number(inOwn.rows[0]!.n)).toBe(bigChunks);
    const kind = await t.db.execute<{ kind: string }>(
      sql`select relkind::text as kind from pg_class where oid = 'chunks'::regclass`,
    );
    expect(kind.rows[0]!.kind).toBe("p");

    expect(await snapshot()).toEqual(before);
    expect(await statistics()).toEqual(statsBefore);
    // Again: a no-op.
    const again = await partitionSource({ db: t.db, source: bigId });
    expect(again.rows).toBe(0);
    expect((await listChunkPartitions({ db: t.db })).length).toBe(2);
  });

  it("keeps postings and statistics for new chunks routed to the default partition", async () => {
    // The statement triggers on the parent must see rows the old table (now the DEFAULT partition)
    // receives: a dropped column of chunks once made those transition tables come up empty.
    writeTree({
      dir: path.join(dir, "small"),
      files: { "quokka.md": "# Quokka stipend\n\nThe quokka stipend covers wildlife photography courses.\n" },
    });
    const run = await runSource({ db: t.db, name: "small" });
    expect(run.status).toBe("succeeded");
    const n = async (q: ReturnType<typeof sql>) => Number((await t.db.execute<{ n: number }>(q)).rows[0]!.n);
    expect(await n(sql`select count(*)::int as n from chunks_default where text ilike ${"%quokka%"}`)).toBeGreaterThan(
      0,
    );
    expect(await n(sql`select count(*)::int as n from chunk_postings where lexeme = 'quokka'`)).toBeGreaterThan(0);
    expect(await n(sql`select coalesce(sum(df), 0)::int as n from term_stats where lexeme = 'quokka'`)).toBeGreaterThan(
      0,
    );
  });

  it("keeps routing the source's new chunks to its partition, with statistics and search kept up", async () => {
    const own = `chunks_src_${bigId.replace(/-/g, "")}`;
    const count = async (rel: string) =>
      Number((await t.db.execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${rel}`))).rows[0]!.n);
    const [ownBefore, defaultBefore] = [await count(own), await count("chunks_default")];
    const corpus = async () =>
      Number(
        (await t.db.execute<{ n: number }>(sql`select chunk_count as n from corpus_stats where id = 1`)).rows[0]!.n,
      );
    const totalBefore = await corpus();
    writeTree({
      dir: path.join(dir, "big"),
      files: { "hr/zeppelin.md": "# Zeppelin allowance\n\nThe zeppelin allowance covers airship travel for HR.\n" },
    });
    const run = await runSource({ db: t.db, name: "big" });
    expect(run.status).toBe("succeeded");
    expect(await count(own)).toBeGreaterThan(ownBefore);
    expect(await count("chunks_default")).toBe(defaultBefore);
    // The parent's statement-level statistics triggers saw the rows routed to the partition.
    expect(await corpus()).toBe(totalBefore + (await count(own)) - ownBefore);
    const df = await t.db.execute<{ n: number }>(
      sql`select coalesce(sum(df), 0)::int as n from term_stats where lexeme = 'zeppelin'`,
    );
    expect(Number(df.rows[0]!.n)).toBeGreaterThan(0);
    // The vector leg returns neighbours for anyone; only HR may get the new chunk itself.
    const finds = async (principal: Principal) =>
      (await searchChunks({ db: t.db, principal, query: "zeppelin allowance", reranker: null })).results.some((r) =>
        r.text.toLowerCase().includes("zeppelin"),
      );
    expect(await finds(harper)).toBe(true);
    expect(await finds(lena)).toBe(false);
  });
});
