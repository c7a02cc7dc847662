import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { defaultSearchOptions } from "./resolve-search-options";
import { searchChunks } from "./search-chunks";
import { seedDocument, testPrincipal } from "./testing/seed-documents";

describe("query expansion defaults", () => {
  it("is on unless GROUNDWORK_QUERY_EXPANSION=off", () => {
    expect(defaultSearchOptions.expand).toBe(process.env.GROUNDWORK_QUERY_EXPANSION !== "off");
  });
});

describe.each(await availableTargets())("query expansion on %s", (target) => {
  let t: TestDatabase;
  const employee = testPrincipal();
  const hr = testPrincipal({ groups: ["hr"] });

  beforeAll(async () => {
    t = await createTestDatabase({ target });
    await seedDocument({
      db: t.db,
      doc: {
        source: "policies",
        path: "leave.md",
        title: "Leave",
        acl: ["group:everyone"],
        chunks: [{ text: "Vacation requests go to your manager two weeks ahead." }],
      },
    });
    // Only hr reads the word "car": it must never become anyone else's expansion, or the
    // expansion (and what it retrieves) would say the hidden document exists.
    await seedDocument({
      db: t.db,
      doc: {
        source: "policies",
        path: "hr/fleet.md",
        title: "Fleet",
        acl: ["group:hr"],
        chunks: [{ text: "A company car is offered from grade 7; the lease is reviewed yearly." }],
      },
    });
  }, 120_000);

  afterAll(async () => {
    await t?.dispose();
  });

  it("joins a word no visible chunk holds to a WordNet synonym the caller's documents hold", async () => {
    const r = await searchChunks({
      db: t.db,
      principal: employee,
      query: "holiday requests",
      reranker: null,
      options: { expand: true },
    });
    expect(r.expansions).toEqual([{ from: "holiday", to: ["vacation"] }]);
    expect(r.results[0]?.path).toBe("leave.md");
  });

  it("never offers a synonym only documents the caller cannot read hold", async () => {
    const hidden = await searchChunks({
      db: t.db,
      principal: employee,
      query: "automobile lease",
      reranker: null,
      options: { expand: true },
    });
    expect(hidden.expansions).toEqual([]);
    expect(hidden.results.map((r) => r.path)).not.toContain("hr/fleet.md");
    // hr reads the fleet document, so for hr the same word is expanded.
    const seen = await searchChunks({
      db: t.db,
      principal: hr,
      query: "automobile lease",
      reranker: null,
      options: { expand: true },
    });
    expect(seen.expansions).toEqual([{ from: "automobile", to: ["car"] }]);
    expect(seen.results[0]?.path).toBe("hr/fleet.md");
  });
});
