import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { FileError } from "../document-model";
import { readIngestEnv } from "../env";
import { parseFile } from "../prepare/parse-file";
import { makeDocx } from "../testing/make-fixtures";
import { makeDocxBomb } from "../testing/make-hostile-files";
import { checkZipBudget } from "./zip-budget";

const env = readIngestEnv({});

describe("decompression budget for ZIP-based files", () => {
  it("refuses a DOCX decompression bomb from its directory, before mammoth inflates it", async () => {
    const bomb = await makeDocxBomb();
    expect(bomb.length).toBeLessThan(40_000);
    const started = performance.now();
    const error = await parseFile({ filename: "report.docx", bytes: bomb, env }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileError);
    expect((error as Error).message).toMatch(/decompression bomb/);
    // Refused from the central directory: no inflating, no XML parsing.
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("refuses an archive over GROUNDWORK_INGEST_MAX_UNZIPPED_MB and one with a huge number of entries", () => {
    // Random bytes do not compress, so only the total size can refuse this one.
    const noise = new Uint8Array(3 * 1024 * 1024).map(() => Math.floor(Math.random() * 256));
    const big = zipSync({ "word/media/a.bin": noise, "word/media/b.bin": noise }, { level: 0 });
    expect(() => checkZipBudget({ bytes: big, limits: { maxUnzippedBytes: 5 * 1024 * 1024 } })).toThrow(
      /decompresses to 6 MB \(limit 5 MB/,
    );
    const many = zipSync(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`f${i}.xml`, strToU8("<a/>")])));
    expect(() => checkZipBudget({ bytes: many, limits: { maxUnzippedBytes: 1e9, maxEntries: 20 } })).toThrow(
      /more than 20 entries/,
    );
  });

  it("reads a normal DOCX with the budget on", async () => {
    const docx = await makeDocx({
      title: "Leave",
      sections: [{ heading: "Days", paragraphs: ["Everyone gets 25 days."] }],
    });
    expect(checkZipBudget({ bytes: docx, limits: { maxUnzippedBytes: env.maxUnzippedBytes } }).length).toBeGreaterThan(
      3,
    );
    const doc = await parseFile({ filename: "leave.docx", bytes: docx, env });
    expect(JSON.stringify(doc.blocks)).toContain("Everyone gets 25 days.");
  });
});
