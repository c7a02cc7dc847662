import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { documents } from "@groundwork/db/schema";
import { afterAll, describe, expect, it } from "vitest";
import { loadSampleCorpus } from "./load-sample-corpus";

describe("loadSampleCorpus with an evalset's questions beside its documents", () => {
  const made: string[] = [];
  afterAll(async () => {
    for (const dir of made) await fs.rm(dir, { recursive: true, force: true });
  });

  it("leaves the excluded questions file out of the corpus, yet still counts a document that fails", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "gw-evalset-"));
    made.push(dir);
    await fs.writeFile(path.join(dir, "travel.md"), "# Travel\n\nTrains are booked second class.\n");
    await fs.writeFile(path.join(dir, "broken.json"), "{}");
    const questions = path.join(dir, "questions.json");
    await fs.writeFile(questions, JSON.stringify([{ id: "q1", question: "How are trains booked?" }]));
    const loaded = await loadSampleCorpus({ corpusDir: dir, exclude: [questions] });
    try {
      // broken.json is an unsupported file of the corpus itself: it still fails, visibly.
      expect({ documents: loaded.documents, failed: loaded.failed }).toEqual({ documents: 1, failed: 1 });
      const paths = (await loaded.db.db.select({ path: documents.path }).from(documents)).map((d) => d.path);
      expect(paths).toEqual(["travel.md"]);
    } finally {
      await loaded.db.dispose();
    }
    // The source folder is untouched.
    expect((await fs.readdir(dir)).sort()).toEqual(["broken.json", "questions.json", "travel.md"]);
  });
});
