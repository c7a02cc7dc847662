import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineEnv, embeddingDimensionsSetting, unsetIfBlank, vectorStorageSetting, withoutBlank } from "./env";

describe("env helpers", () => {
  it("treats empty and blank values as unset", () => {
    expect(unsetIfBlank(undefined)).toBeUndefined();
    expect(unsetIfBlank("")).toBeUndefined();
    expect(unsetIfBlank("  ")).toBeUndefined();
    expect(unsetIfBlank(" x ")).toBe(" x ");
    expect(withoutBlank({ A: "1", B: "", C: undefined, D: " ", E: 0 })).toEqual({ A: "1", E: 0 });
  });

  it("defineEnv applies defaults for blank variables and validates the rest", () => {
    const read = defineEnv({ schema: z.object({ N: z.coerce.number().int().default(7), URL: z.url().optional() }) });
    expect(read({ N: "", URL: "" })).toEqual({ N: 7 });
    expect(read({ N: "3", URL: "http://h/" })).toEqual({ N: 3, URL: "http://h/" });
    expect(() => read({ N: "x" })).toThrow();
  });

  it("reads the embedding dimension, 384 by default", () => {
    expect(embeddingDimensionsSetting({})).toBe(384);
    expect(embeddingDimensionsSetting({ GROUNDWORK_EMBEDDING_DIMENSIONS: "" })).toBe(384);
    expect(embeddingDimensionsSetting({ GROUNDWORK_EMBEDDING_DIMENSIONS: "768" })).toBe(768);
    expect(() => embeddingDimensionsSetting({ GROUNDWORK_EMBEDDING_DIMENSIONS: "abc" })).toThrow(
      /GROUNDWORK_EMBEDDING_DIMENSIONS/,
    );
  });

  it("reads the vector storage layout, defaulting to full-precision HNSW, and refuses unknown values", () => {
    expect(vectorStorageSetting({})).toEqual({ type: "vector", index: "hnsw" });
    expect(vectorStorageSetting({ GROUNDWORK_VECTOR_TYPE: " ", GROUNDWORK_VECTOR_INDEX: "" })).toEqual({
      type: "vector",
      index: "hnsw",
    });
    expect(vectorStorageSetting({ GROUNDWORK_VECTOR_TYPE: "halfvec", GROUNDWORK_VECTOR_INDEX: "binary" })).toEqual({
      type: "halfvec",
      index: "binary",
    });
    expect(() => vectorStorageSetting({ GROUNDWORK_VECTOR_TYPE: "float16" })).toThrow(/GROUNDWORK_VECTOR_TYPE/);
    expect(() => vectorStorageSetting({ GROUNDWORK_VECTOR_INDEX: "ivfflat" })).toThrow(/GROUNDWORK_VECTOR_INDEX/);
  });
});
