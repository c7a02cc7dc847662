import { z } from "zod";

/**
 * What an API token may do. `search`, `chat` and `documents:read` read as the token's owner
 * (the same principals, the same row-level security as the web); `ingest:write:<source>` pushes
 * documents into one push source. A route names the one scope it needs.
 */
export const READ_SCOPES = ["search", "chat", "documents:read"] as const;
export type ReadScope = (typeof READ_SCOPES)[number];
export const INGEST_SCOPE_PREFIX = "ingest:write:";
export type TokenScope = ReadScope | `${typeof INGEST_SCOPE_PREFIX}${string}`;

// The source-name grammar of ingest's sources (manage-sources.ts).
const SOURCE_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export function isTokenScope(value: string): value is TokenScope {
  if ((READ_SCOPES as readonly string[]).includes(value)) return true;
  return value.startsWith(INGEST_SCOPE_PREFIX) && SOURCE_NAME.test(value.slice(INGEST_SCOPE_PREFIX.length));
}

/** The scope that lets a token push into the source named `source`. */
export function ingestScope(source: string): TokenScope {
  return `${INGEST_SCOPE_PREFIX}${source}`;
}

export function isIngestScope(scope: string): boolean {
  return scope.startsWith(INGEST_SCOPE_PREFIX);
}

export const tokenScopeSchema = z.string().trim().refine(isTokenScope, {
  message: "A scope is search, chat, documents:read or ingest:write:<source name>.",
});

export const tokenScopesSchema = z
  .array(tokenScopeSchema)
  .min(1, "Choose at least one scope.")
  .max(50)
  .transform((scopes) => [...new Set(scopes)].sort() as TokenScope[]);

/** Writing into a source is an admin's act: only admins' and service accounts' tokens may carry ingest scopes. */
export function mayHoldIngestScopes({ role, kind }: { role: string; kind: string }): boolean {
  return role === "admin" || kind === "service";
}
