import { z } from "zod";

/** Filters a caller may narrow a search with; they only ever narrow what the ACL already allows. */
export const searchFiltersSchema = z
  .object({
    sourceIds: z.array(z.string().uuid()).max(50).optional(),
    sourceNames: z.array(z.string().min(1).max(100)).max(50).optional(),
    types: z.array(z.string().min(1).max(120)).max(20).optional(),
    tags: z.array(z.string().min(1).max(100)).max(50).optional(),
    updatedAfter: z.coerce.date().optional(),
    includeSuperseded: z.boolean().optional(),
  })
  .strict();

export const searchRequestSchema = z
  .object({
    query: z.string().trim().min(1, "is empty").max(1_000),
    limit: z.number().int().min(1).max(50).default(10),
    filters: searchFiltersSchema.optional(),
  })
  .strict();

export type SearchRequestBody = z.infer<typeof searchRequestSchema>;

const facet = z.strictObject({ value: z.string(), count: z.number().int() });

export const searchResult = z.strictObject({
  chunkId: z.uuid(),
  documentId: z.uuid(),
  sourceId: z.uuid(),
  sourceName: z.string(),
  title: z.string(),
  path: z.string(),
  mime: z.string(),
  version: z.number().int(),
  effectiveDate: z.string().nullable(),
  owner: z.string().nullable(),
  headings: z.array(z.string()),
  pageFrom: z.number().int().nullable(),
  pageTo: z.number().int().nullable(),
  charStart: z.number().int(),
  charEnd: z.number().int(),
  text: z.string(),
  snippet: z.string(),
  score: z.number(),
  ranks: z.strictObject({
    lexical: z.number().nullable(),
    vector: z.number().nullable(),
    rerank: z.number().nullable(),
  }),
});

/**
 * What a search sends (clientSearchResponse). Strict: term statistics (queryTerms, chunkCount,
 * wordStats) never leave the server, stage timings go to admins only, and the searched query
 * only when a correction changed it.
 */
export const searchResponse = z.strictObject({
  results: z.array(searchResult),
  embeddingModel: z.string().nullable(),
  facets: z.strictObject({ sources: z.array(facet), types: z.array(facet) }),
  corrections: z.array(z.strictObject({ from: z.string(), to: z.string() })),
  expansions: z.array(z.strictObject({ from: z.string(), to: z.array(z.string()) })),
  warnings: z.array(z.string()),
  vectorPath: z.enum(["hnsw", "exact"]).nullable(),
  timings: z.record(z.string(), z.number()).optional(),
  searchedQuery: z.string().optional(),
});
