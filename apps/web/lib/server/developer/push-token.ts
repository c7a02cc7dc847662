import "server-only";
import type { RouteTokenSpec } from "../http/token-auth";

/**
 * The push API takes API tokens only, each scoped to one source by name: a session cookie
 * grants nothing there, and a token for another source gets the same 403 whether or not the
 * source exists (the scope is checked, from the URL alone, before the source is looked up).
 */
export const pushToken: RouteTokenSpec = {
  scope: ({ params }) => `ingest:write:${String(params.source)}`,
  only: true,
};
