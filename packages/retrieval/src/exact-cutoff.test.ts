import { describe, expect, it } from "vitest";
import { resolveSearchOptions } from "./resolve-search-options";
import { exactCutoff } from "./run-vector-leg";

describe("exactCutoff", () => {
  it("keeps the configured floor for small corpora and grows as sqrt(ef · corpus) past it", () => {
    expect(exactCutoff({ exactThreshold: 2000, total: 5_000 })).toBe(2000);
    expect(exactCutoff({ exactThreshold: 2000, total: 20_000 })).toBe(2000);
    expect(exactCutoff({ exactThreshold: 2000, total: 100_000 })).toBe(4472);
    // A 1 % caller of a million chunks (10k rows) scans them exactly.
    expect(exactCutoff({ exactThreshold: 2000, total: 1_000_000 })).toBe(14142);
    expect(exactCutoff({ exactThreshold: 2000, total: 1_000_000 })).toBeGreaterThan(10_000);
    expect(exactCutoff({ exactThreshold: 2000, total: undefined })).toBe(2000);
  });

  it("grows only the default threshold; one the request sets is taken as it is", () => {
    expect(resolveSearchOptions({ request: {}, reranked: false }).opts.exactGrowsWithCorpus).toBe(true);
    const pinned = resolveSearchOptions({ request: { options: { exactThreshold: 1 } }, reranked: false });
    expect(pinned.opts).toMatchObject({ exactThreshold: 1, exactGrowsWithCorpus: false });
  });
});
