/**
 * The evaluation corpora's ground truth holds against their own PDFs: a source edit that pushes an
 * answer onto another page, or a question whose expected string is on no listed page, fails here
 * instead of silently mis-scoring `pnpm eval:answers`.
 */
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkCorpus, corpusDirs, type Question } from "./check-questions";

const dirs = corpusDirs();

describe("evalset ground truth", () => {
  it("finds the corpora", () => {
    expect(dirs.map((d) => basename(d))).toEqual(expect.arrayContaining(["marrowby-logistics", "pellow-hart"]));
  });

  for (const dir of dirs)
    it(`${basename(dir)}: every expected string is on a listed page and every listed page states part of the answer`, async () => {
      expect(await checkCorpus({ dir })).toEqual([]);
    });

  it("catches a string moved off its pages, a page that states nothing of the answer, and a missing page", async () => {
    const dir = dirs.find((d) => basename(d) === "marrowby-logistics")!;
    const questions = JSON.parse(readFileSync(join(dir, "questions.json"), "utf8")) as Question[];
    const q = questions.find((x) => x.expect === "answer" && (x.expectedPages?.[0]?.pages.length ?? 0) > 0)!;
    const doc = q.expectedPages![0]!.document;
    const planted: Question[] = [
      { ...q, id: "moved", mustContain: ["a phrase no page of this corpus holds"] },
      { ...q, id: "extra-page", expectedPages: [{ document: doc, pages: [...q.expectedPages![0]!.pages, 999] }] },
    ];
    // Listing every page of the document: most of them state none of the answer.
    const everyPage = Array.from({ length: 6 }, (_, i) => i + 1);
    planted.push({ ...q, id: "every-page", expectedPages: [{ document: doc, pages: everyPage }] });
    const problems = await checkCorpus({ dir, questions: planted });
    expect(
      problems.filter(
        (p) => p.startsWith(`every-page: ${doc} page `) && p.endsWith("holds none of its mustContain strings"),
      ).length,
    ).toBeGreaterThan(0);
    expect(problems.filter((p) => p.startsWith("every-page:") && p.includes("is on none"))).toEqual([]);
    expect(problems).toContain('moved: "a phrase no page of this corpus holds" is on none of its listed pages');
    expect(problems).toContain(`extra-page: ${doc} has no page 999`);
  });
});
