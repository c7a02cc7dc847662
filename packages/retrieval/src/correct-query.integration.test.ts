import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { closestForm, editDistance, writtenAsCode } from "./correct-query";
import { searchChunks } from "./search-chunks";
import { seedDocument, testPrincipal } from "./testing/seed-documents";

describe("spelling distance", () => {
  it("counts an adjacent transposition as one edit", () => {
    expect(editDistance("hearnig", "hearing")).toBe(1);
    expect(editDistance("servcies", "services")).toBe(1);
    expect(editDistance("recieve", "receive")).toBe(1);
    expect(editDistance("reimbursment", "reimbursement")).toBe(1);
    expect(editDistance("holiday", "payroll", 3)).toBe(4);
  });

  it("rebuilds a word form from a stem and prefers English words at equal distance", () => {
    expect(closestForm({ word: "hearnig", candidates: [{ lexeme: "hear", df: 3 }] })).toBe("hearing");
    expect(closestForm({ word: "servcies", candidates: [{ lexeme: "servic", df: 5 }] })).toBe("services");
    // Too far for a 6-letter word (one edit allowed below 8 letters).
    expect(closestForm({ word: "parcel", candidates: [{ lexeme: "payrol", df: 9 }] })).toBeNull();
    // A form WordNet lacks, with an ending the stemmer always strips, is what was meant.
    expect(closestForm({ word: "phising", candidates: [{ lexeme: "phish", df: 1 }] })).toBe("phishing");
    // A final y the stemmer turned into i comes back.
    expect(closestForm({ word: "polcy", candidates: [{ lexeme: "polici", df: 9 }] })).toBe("policy");
    // One edit on the first letter reaches other words, not slips.
    expect(closestForm({ word: "whats", candidates: [{ lexeme: "chat", df: 3 }] })).toBeNull();
    // A lexeme no visible chunk holds is never offered.
    expect(closestForm({ word: "hearnig", candidates: [{ lexeme: "hear", df: 0 }] })).toBeNull();
  });

  it("reads a token written with inner capitals or against a digit as a name, not a typo", () => {
    for (const [word, queryText] of [
      ["opmls", "Oral Potentially Malignant Lesions (OPMLs)"],
      ["mtorc", "mTORC2 regulates cysteine"],
      ["ptenp", "Pseudogene PTENP1 regulates PTEN"],
    ] as const)
      expect(writtenAsCode({ word, queryText })).toBe(true);
    expect(writtenAsCode({ word: "servcies", queryText: "Hearing care servcies" })).toBe(false);
    expect(writtenAsCode({ word: "servcies", queryText: "HEARING CARE SERVCIES" })).toBe(false);
    expect(writtenAsCode({ word: "leuekmogenesis", queryText: "MOZ-TIF2-induced leuekmogenesis." })).toBe(false);
  });

  it("completes a clipped word rather than taking the one-edit neighbour", () => {
    const candidates = [
      { lexeme: "physic", df: 4 },
      { lexeme: "physiotherapi", df: 3 },
      { lexeme: "physiotherapist", df: 1 },
    ];
    expect(closestForm({ word: "physio", candidates })).toBe("physiotherapy");
    // A word one ending short of a lexeme is a slip, not a clipping ("hearin" for "hearing").
    expect(closestForm({ word: "hearin", candidates: [{ lexeme: "hear", df: 3 }] })).toBe("hearing");
    // Too short to read as a clipping.
    expect(closestForm({ word: "phys", candidates })).toBeNull();
  });
});

describe.each(await availableTargets())("typo correction on %s", (target) => {
  let t: TestDatabase;
  const employee = testPrincipal();
  const hr = testPrincipal({ groups: ["hr"] });

  beforeAll(async () => {
    t = await createTestDatabase({ target });
    await seedDocument({
      db: t.db,
      doc: {
        source: "policies",
        path: "benefits.md",
        title: "Benefits",
        acl: ["group:everyone"],
        chunks: [
          { text: "Hearing care services are covered up to 400 EUR per year, including hearing aids." },
          { text: "The enhanced plan adds physiotherapy: up to 20 sessions a year." },
          { text: "Guests join the visitor Wi-Fi; e-mail the front desk for the code." },
        ],
      },
    });
    // Only hr may read this one: its words must never become anyone else's correction.
    await seedDocument({
      db: t.db,
      doc: {
        source: "policies",
        path: "hr/reorg.md",
        title: "Reorganisation",
        acl: ["group:hr"],
        chunks: [{ text: "Project Marigoldex merges the regional payroll teams next spring." }],
      },
    });
    // Thirty hr-only words spelled nearer "hearnig" than "hear" is: were they to take the
    // candidate slots before the visibility test, an employee's correction would depend on them.
    const near = Array.from({ length: 30 }, (_, i) => `hearnig${"abcdef"[i % 6]}${"ghijk"[Math.floor(i / 6)]}`);
    await seedDocument({
      db: t.db,
      doc: {
        source: "policies",
        path: "hr/codes.md",
        title: "Codes",
        acl: ["group:hr"],
        chunks: [{ text: `Internal codes: ${near.join(" ")}.` }],
      },
    });
  }, 120_000);

  afterAll(async () => {
    await t?.dispose();
  });

  it("corrects misspelled words against the vocabulary the caller may read", async () => {
    const r = await searchChunks({ db: t.db, principal: employee, query: "hearnig care servcies", reranker: null });
    expect(r.corrections).toEqual([
      { from: "hearnig", to: "hearing" },
      { from: "servcies", to: "services" },
    ]);
    expect(r.searchedQuery).toBe("hearing care services");
    expect(r.results[0]?.text).toContain("Hearing care services");
  });

  it("finds a slip through its stem and completes a clipped word; chat is left alone", async () => {
    // "enhnaced" shares too few trigrams with the lexeme "enhanc"; its stem "enhnac" does not.
    const r = await searchChunks({
      db: t.db,
      principal: employee,
      query: "whats the enhnaced physio cover",
      reranker: null,
    });
    expect(r.corrections).toEqual([
      { from: "enhnaced", to: "enhanced" },
      { from: "physio", to: "physiotherapy" },
    ]);
    expect(r.results[0]?.text).toContain("physiotherapy");
  });

  it("joins a word the documents write hyphenated, English or not", async () => {
    const r = await searchChunks({ db: t.db, principal: employee, query: "visitor wifi email", reranker: null });
    expect(r.corrections).toEqual([
      { from: "wifi", to: "wi-fi" },
      { from: "email", to: "e-mail" },
    ]);
    expect(r.results[0]?.text).toContain("Wi-Fi");
  });

  it("leaves real words the corpus lacks alone: they mark a question out of scope", async () => {
    const r = await searchChunks({ db: t.db, principal: employee, query: "hearing dogs", reranker: null });
    expect(r.corrections).toEqual([]);
  });

  it("corrects as if hidden documents did not exist, however many near spellings they hold", async () => {
    const r = await searchChunks({ db: t.db, principal: employee, query: "hearnig care", reranker: null });
    expect(r.corrections).toEqual([{ from: "hearnig", to: "hearing" }]);
  });

  it("never suggests a word that occurs only in documents the caller cannot read", async () => {
    const hidden = await searchChunks({ db: t.db, principal: employee, query: "marigoldx", reranker: null });
    expect(hidden.corrections).toEqual([]);
    expect(hidden.searchedQuery).toBe("marigoldx");
    expect(hidden.results.map((r) => r.path)).not.toContain("hr/reorg.md");
    // hr reads the document, so for hr the same typo is corrected.
    const seen = await searchChunks({ db: t.db, principal: hr, query: "marigoldx", reranker: null });
    expect(seen.corrections).toEqual([{ from: "marigoldx", to: "marigoldex" }]);
  });
});
