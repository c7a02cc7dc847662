import { eq } from "drizzle-orm";
import { GroundworkError } from "@groundwork/core/errors";
import type { Database } from "@groundwork/db/client";
import { sources, type Source } from "@groundwork/db/schema";

export type PushSource = Pick<Source, "id" | "name" | "kind" | "config" | "defaultAcl" | "paused">;

/**
 * The push source a request names, by name only (a token's scope names the source by name).
 * Anything else — no such source, a source of another kind — is one not_found: the caller holds
 * `ingest:write:<name>` for exactly this name, and what else exists is none of its business.
 */
export async function findPushSource({ db, source }: { db: Database; source: string }): Promise<PushSource> {
  const [row] = await db
    .select({
      id: sources.id,
      name: sources.name,
      kind: sources.kind,
      config: sources.config,
      defaultAcl: sources.defaultAcl,
      paused: sources.paused,
    })
    .from(sources)
    .where(eq(sources.name, source))
    .limit(1);
  if (!row || row.kind !== "push") throw new GroundworkError("not_found", "No such push source.");
  return row;
}
