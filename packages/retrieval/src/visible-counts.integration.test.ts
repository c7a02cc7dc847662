import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { searchChunks } from "./search-chunks";
import { seedDocument, testPrincipal } from "./testing/seed-documents";

/**
 * N (chunkCount) and df are the BM25 inputs and the answerability check's chance share: they must
 * count each chunk the caller may read once, however many of the caller's groups its ACL names,
 * and never a chunk the caller cannot read.
 */
describe.each(await availableTargets())("visible chunk and term counts on %s", (target) => {
  let t: TestDatabase;
  // Sees hr+managers (2 chunks, both groups on the ACL), everyone (1), hr only (1); not secret (2).
  const manager = testPrincipal({ groups: ["hr", "managers"] });
  const employee = testPrincipal();
  const admin = testPrincipal({ admin: true });

  beforeAll(async () => {
    t = await createTestDatabase({ target });
    const seed = (path: string, acl: string[], texts: string[]) =>
      seedDocument({
        db: t.db,
        doc: { source: "policies", path, title: path, acl, chunks: texts.map((text) => ({ text })) },
      });
    await seed(
      "review.md",
      ["group:hr", "group:managers"],
      ["Salary review meetings happen each spring.", "A salary review needs the manager's sign-off."],
    );
    await seed("handbook.md", ["group:everyone"], ["The office opens at nine."]);
    await seed("hr-only.md", ["group:hr"], ["Payroll closes on the twentieth."]);
    await seed("secret.md", ["group:secret"], ["Salary bands for the board.", "Board salary notes."]);
  }, 120_000);

  afterAll(async () => {
    await t?.dispose();
  });

  const stats = (principal: ReturnType<typeof testPrincipal>, query: string) =>
    searchChunks({ db: t.db, principal, query, reranker: null, options: { termStats: true, wordStats: ["salary"] } });

  it("counts a chunk readable through two of the caller's groups once", async () => {
    const r = await stats(manager, "salary review");
    expect(r.chunkCount).toBe(4);
    const df = new Map(r.queryTerms.map((q) => [q.lexeme, q.df]));
    expect(df.get("salari")).toBe(2);
    expect(df.get("review")).toBe(2);
    expect(r.wordStats.get("salary")).toBe(2);
  });

  it("never counts chunks the caller cannot read", async () => {
    const r = await stats(employee, "salary review");
    expect(r.chunkCount).toBe(1);
    expect(r.queryTerms.every((q) => q.df === 0)).toBe(true);
    expect(r.wordStats.get("salary")).toBe(0);
  });

  it("gives admins the whole corpus", async () => {
    const r = await stats(admin, "salary");
    expect(r.chunkCount).toBe(6);
    expect(r.queryTerms.find((q) => q.lexeme === "salari")?.df).toBe(4);
  });

  it("follows ACL changes and deletions", async () => {
    // The whole review document moves to managers only, then the hr-only chunk goes.
    await t.db.execute(
      sql`update chunks set acl = '{group:managers}' where text like '%salary review%' or text like 'Salary review%'`,
    );
    await t.db.execute(sql`delete from chunks where text like 'Payroll closes%'`);
    const r = await stats(manager, "salary review");
    expect(r.chunkCount).toBe(3);
    expect(r.queryTerms.find((q) => q.lexeme === "salari")?.df).toBe(2);
    const hrOnly = await stats(testPrincipal({ groups: ["hr"] }), "salary");
    expect(hrOnly.chunkCount).toBe(1);
    expect(hrOnly.queryTerms.find((q) => q.lexeme === "salari")?.df).toBe(0);
  });
});
