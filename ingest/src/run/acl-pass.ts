import type { Database } from "@groundwork/db/client";
import { normalizeAcl } from "@groundwork/access/acl";
import type { Existing } from "../plan/load-existing";
import { accessKey, mergeAccess } from "../prepare/prepare-file";
import { addProgress, emptyCounts as zero, type AclUpdate, type RunProgress } from "../run-model";
import type { ResolvedAccess } from "../sources/access-rules";
import type { OpenConnector } from "../sources/open-connector";
import { commitBatch } from "../store/commit-batch";

const SLICE = 500;

/**
 * The ACL-only pass: every stored live document's access decided again by the connector (its
 * `accessOf`, else the source default) without reading content, and only the documents whose
 * access moved are updated — document and chunks, 0 embeddings. This is what a changed default
 * ACL or a permission-only change at the source costs.
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
  const live = [...existing.entries()].filter(([, e]) => e.status === "active");
  const fallback: ResolvedAccess = { acl: normalizeAcl(ctx.defaultAcl), owner: null, tags: [] };
  for (let i = 0; i < live.length; i += SLICE) {
    if (shouldStop()) return "shutdown";
    const slice = live.slice(i, i + SLICE);
    const access = connector.accessOf
      ? await connector.accessOf({ config, ids: slice.map(([id]) => id), ctx })
      : new Map<string, ResolvedAccess>();
    const started = Date.now();
    const updates: AclUpdate[] = [];
    for (const [id, e] of slice) {
      const next = access.get(id) ?? fallback;
      if ((e.metadata.accessKey as string | undefined) === accessKey(next)) continue;
      const fileMeta = (e.metadata.fileMeta ?? {}) as { owner?: string | null; tags?: string[] };
      updates.push({
        id: e.id,
        path: id,
        access: mergeAccess(next, fileMeta),
        metadata: { ...e.metadata, accessKey: accessKey(next) },
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
