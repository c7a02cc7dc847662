import { z } from "zod";
import { defineEnv } from "@groundwork/core/env";

/** Retrieval knobs, each optional. */
const schema = z.object({
  /**
   * "on" (the default) adds WordNet synonyms the caller's documents hold for query words no
   * visible chunk holds (expand-query.ts); chosen on the tuning halves, held-out figures in this
   * package's README.
   */
  GROUNDWORK_QUERY_EXPANSION: z.enum(["on", "off"]).default("on"),
});

export type RetrievalEnv = z.infer<typeof schema>;

export const readRetrievalEnv: (env?: NodeJS.ProcessEnv) => RetrievalEnv = defineEnv({ schema });
