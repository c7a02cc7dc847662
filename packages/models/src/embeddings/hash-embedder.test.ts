import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashEmbed, tokenize } from "./hash-embedder";

// The vectors as the first version computed them (one md5 per feature, no cache): stored
// embeddings carry the model id hash-v1-<d>, so a faster embedder must give the same numbers.
function referenceBucket(feature: string, dimensions: number): [number, number] {
  const h = createHash("md5").update(feature).digest();
  return [h.readUInt32LE(0) % dimensions, (h[4]! & 1) === 0 ? 1 : -1];
}

function referenceEmbed(text: string, dimensions: number): number[] {
  const counts = new Map<string, { n: number; w: number }>();
  const add = (f: string, w: number) => {
    const c = counts.get(f);
    if (c) c.n += 1;
    else counts.set(f, { n: 1, w });
  };
  const words = tokenize(text);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    add(`w:${w}`, 1);
    if (i + 1 < words.length) add(`b:${w}_${words[i + 1]}`, 0.5);
    const padded = `_${w}_`;
    for (let j = 0; j + 3 <= padded.length; j++) add(`c:${padded.slice(j, j + 3)}`, 0.25);
  }
  const v = new Array<number>(dimensions).fill(0);
  for (const [f, { n, w }] of counts) {
    const [i, sign] = referenceBucket(f, dimensions);
    v[i] = v[i]! + sign * w * (1 + Math.log(n));
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

describe("hashEmbed", () => {
  const texts = [
    "Patients with chronic kidney disease were given vitamin D supplements daily",
    "chronic kidney disease patients vitamin vitamin vitamin D",
    "Über die Wärmeleitfähigkeit von Glas 1999 und 2024",
    "",
  ];

  it("gives the first version's vectors, also once features are cached, at any dimension", () => {
    for (const dimensions of [384, 7, 4096])
      for (let round = 0; round < 2; round++)
        for (const text of texts) {
          const got = hashEmbed(text, dimensions);
          const want = referenceEmbed(text, dimensions);
          expect(got).toHaveLength(dimensions);
          for (let i = 0; i < dimensions; i++) expect(got[i]).toBeCloseTo(want[i]!, 12);
        }
  });
});
