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
