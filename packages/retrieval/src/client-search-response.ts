import type { Principal } from "@groundwork/access/principal";
import type { SearchResponse } from "./types";

export type ClientSearchResponse = Omit<
  SearchResponse,
  "wordStats" | "queryTerms" | "chunkCount" | "documentChunks" | "timings" | "searchedQuery"
> & { timings?: Record<string, number>; searchedQuery?: string };

/**
 * What a search sends over HTTP. Stage timings go to admins only: how long a leg took is a
 * function of how many postings it read, and before df was counted per principal it told an
 * employee whether a word occurred anywhere in the corpus (one request per guess). Term
 * statistics are server-side inputs and never leave.
 */
export function clientSearchResponse({
  response,
  principal,
}: {
  response: SearchResponse;
  principal: Pick<Principal, "isAdmin">;
}): ClientSearchResponse {
  const {
    wordStats: _w,
    queryTerms: _q,
    chunkCount: _n,
    documentChunks: _d,
    timings,
    searchedQuery,
    ...rest
  } = response;
  // The searched query is news only when a correction changed it ("searched for …").
  const shown = response.corrections.length > 0 ? { ...rest, searchedQuery } : rest;
  return principal.isAdmin ? { ...shown, timings } : shown;
}
