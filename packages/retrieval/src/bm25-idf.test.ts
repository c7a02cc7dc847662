import { describe, expect, it } from "vitest";
import { bm25Idf } from "./lookup-query-terms";

describe("bm25Idf", () => {
  it("falls as a word gets commoner and stays positive", () => {
    const n = 1000;
    const values = [1, 10, 100, 500, 999, 1000].map((df) => bm25Idf({ n, df }));
    for (let i = 1; i < values.length; i++) expect(values[i]!).toBeLessThan(values[i - 1]!);
    expect(values.at(-1)!).toBeGreaterThan(0);
  });

  it("treats a df summed over two groups beyond n as a word every chunk holds, never negative", () => {
    // A caller in two groups that both see every chunk: df counts each chunk twice.
    expect(bm25Idf({ n: 50, df: 100 })).toBe(bm25Idf({ n: 50, df: 50 }));
    expect(bm25Idf({ n: 50, df: 100 })).toBeGreaterThan(0);
  });
});
