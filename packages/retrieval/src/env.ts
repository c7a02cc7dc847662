import { z } from "zod";
import { defineEnv } from "@groundwork/core/env";

/** Retrieval knobs, each optional. */
const schema = z.object({
  /**
   * "on" adds WordNet synonyms for query words no visible chunk holds (expand-query.ts); off by
   * default until its held-out halves are measured (see this package's README).
   */
  GROUNDWORK_QUERY_EXPANSION: z.enum(["on", "off"]).default("off"),
});

export type RetrievalEnv = z.infer<typeof schema>;

export const readRetrievalEnv: (env?: NodeJS.ProcessEnv) => RetrievalEnv = defineEnv({ schema });
