import type { Database } from "@groundwork/db/client";
import { normalizeAcl } from "@groundwork/access/acl";
import type { Existing } from "../plan/load-existing";
import { accessKey, mergeAccess, withGrants } from "../prepare/prepare-file";
import { addProgress, emptyCounts as zero, type AclUpdate, type RunProgress } from "../run-model";
import type { ResolvedAccess } from "../sources/access-rules";
import type { ExternalAccess, ResolvedGrant } from "../sources/external-access";
import type { OpenConnector } from "../sources/open-connector";
import { commitBatch } from "../store/commit-batch";

const SLICE = 500;

/**
 * The ACL-only pass: every stored live document's access decided again by the connector (its
 * `accessOf`, else the source default) without reading content, and only the documents whose
 * access moved are updated — document and chunks, 0 embeddings. This is what a changed default
 * ACL or a permission-only change at the source costs. A document whose connector does not decide
 * it here but which carries external grants (metadata.grants) has them resolved again, so a user
 * who signed up since, or a mirrored group renamed, is reflected without reading the source.
 * A targeted run (a change notification) visits only its ids.
 */
export async function aclPass({
  db,
  runId,
  open,
  existing,
  tally,
  shouldStop,
}: {
  db: Database;
  runId: string;
  open: OpenConnector;
  existing: Map<string, Existing>;
  tally: RunProgress;
  shouldStop: () => boolean;
}): Promise<"done" | "shutdown"> {
  const { connector, config, ctx } = open;
  const targets = ctx.targetIds ? new Set(ctx.targetIds) : null;
  const live = [...existing.entries()].filter(([id, e]) => e.status === "active" && (!targets || targets.has(id)));
  const fallback: ResolvedAccess = { acl: normalizeAcl(ctx.defaultAcl), owner: null, tags: [] };
  for (let i = 0; i < live.length; i += SLICE) {
    if (shouldStop()) return "shutdown";
    const slice = live.slice(i, i + SLICE);
    const access: Map<string, ExternalAccess> = connector.accessOf
      ? await connector.accessOf({ config, ids: slice.map(([id]) => id), ctx })
      : new Map<string, ResolvedAccess>();
    const started = Date.now();
    const updates: AclUpdate[] = [];
    for (const [id, e] of slice) {
      const stored = e.metadata.grants as ResolvedGrant[] | undefined;
      const next = access.get(id) ?? (stored ? await ctx.identities.resolve(stored.map((g) => g.grant)) : fallback);
      if ((e.metadata.accessKey as string | undefined) === accessKey(next)) continue;
      const fileMeta = (e.metadata.fileMeta ?? {}) as { owner?: string | null; tags?: string[] };
      updates.push({
        id: e.id,
        path: id,
        access: mergeAccess(next, fileMeta),
        metadata: withGrants({ ...e.metadata, accessKey: accessKey(next) }, next),
        started,
      });
    }
    await commitBatch({
      db,
      runId,
      pending: [],
      aclUpdates: updates,
      outcomes: [],
      progress: (rows) => {
        const aclUpdated = rows.filter((r) => r.outcome === "acl_updated").length;
        const failed = rows.filter((r) => r.outcome === "failed").length;
        const unchanged = slice.length - aclUpdated - failed;
        return {
          counts: { ...zero(), seen: slice.length, unchanged, aclUpdated, failed },
          progressDone: slice.length,
          chunksWritten: 0,
          embeddingCalls: 0,
        };
      },
      onCommitted: (delta) => addProgress(tally, delta),
    });
  }
  return "done";
}
