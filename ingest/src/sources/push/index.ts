import { and, asc, eq, gt, inArray, lte, ne, sql } from "drizzle-orm";
import { GroundworkError } from "@groundwork/core/errors";
import type { Database } from "@groundwork/db/client";
import { pushDocuments } from "@groundwork/db/schema";
import type { ResolvedAccess } from "../access-rules";
import { PULL_PAGE_SIZE, type Connector, type ConnectorContext, type SourceEntry } from "../connector";
import { pushConfigSchema, type PushConfig } from "./push-config";
import { recordPushOutcomes } from "./record-push-outcomes";

function dbOf(ctx: ConnectorContext): Database {
  if (!ctx.db) throw new GroundworkError("internal", "The push connector runs with Groundwork's database.");
  return ctx.db;
}

const listing = {
  externalId: pushDocuments.externalId,
  seq: pushDocuments.seq,
  status: pushDocuments.status,
  title: pushDocuments.title,
  url: pushDocuments.url,
  filename: pushDocuments.filename,
  contentHash: pushDocuments.contentHash,
  acl: pushDocuments.acl,
  sourceUpdatedAt: pushDocuments.sourceUpdatedAt,
  // The size without dragging the content along (it is read per changed item).
  size: sql<number>`coalesce(octet_length(${pushDocuments.content}), 0)`,
};

/**
 * The push API's source kind. Nothing is fetched from outside: PUT /api/v1/sources/{source}/
 * documents/{id} stores the document in the push_documents inbox and queues a run; the worker's
 * run pulls the inbox rows changed since its checkpoint (a sequence number taken on every
 * change, so a push committed while a run reads is never skipped) and takes them through the
 * same plan → parse → chunk → embed → store path as every other kind. A DELETE removes the
 * document from search at once and reaches the run as `deleted`. The inbox's content hash is the
 * item's version tag: an unchanged push costs no read.
 */
export const pushConnector: Connector<PushConfig> = {
  kind: "push",
  label: "Push API",
  configSchema: pushConfigSchema,
  // A push committed just after a running run's last read waits at most this long for the next one.
  defaultEverySeconds: 60,
  async check() {
    // Nothing to reach: the source receives documents.
  },
  async *pull({ checkpoint, ctx }) {
    const db = dbOf(ctx);
    let after = typeof checkpoint?.seq === "number" ? checkpoint.seq : 0;
    // A run reads the inbox as it stood when the pull began. A row changed during the run gets a
    // later seq; read again in this run it would be dropped as an id already offered (planPages
    // offers an id once per run) while the checkpoint moved past it. Past the mark, the next run
    // (the schedule's, at most a minute later) takes it.
    const [mark] = await db
      .select({ seq: sql<number | null>`max(${pushDocuments.seq})` })
      .from(pushDocuments)
      .where(eq(pushDocuments.sourceId, ctx.sourceId));
    const until = Number(mark?.seq ?? 0);
    for (;;) {
      if (ctx.signal.aborted || after >= until) return;
      const rows = await db
        .select(listing)
        .from(pushDocuments)
        .where(
          and(eq(pushDocuments.sourceId, ctx.sourceId), gt(pushDocuments.seq, after), lte(pushDocuments.seq, until)),
        )
        .orderBy(asc(pushDocuments.seq))
        .limit(PULL_PAGE_SIZE);
      if (!rows.length) return;
      after = rows.at(-1)!.seq;
      const items: SourceEntry[] = rows
        .filter((r) => r.status !== "deleted")
        .map((r) => ({
          id: r.externalId,
          filename: r.filename,
          ...(r.title ? { title: r.title } : {}),
          ...(r.url ? { url: r.url } : {}),
          size: Number(r.size),
          modifiedAt: r.sourceUpdatedAt,
          version: r.contentHash,
          hash: async () => r.contentHash,
          read: async () => readContent({ db, sourceId: ctx.sourceId, externalId: r.externalId }),
          access: async () => ({ acl: r.acl, owner: null, tags: [] }),
        }));
      yield {
        items,
        deleted: rows.filter((r) => r.status === "deleted").map((r) => r.externalId),
        checkpoint: { seq: after },
      };
    }
  },
  async afterRun({ runId, ctx }) {
    await recordPushOutcomes({ db: dbOf(ctx), sourceId: ctx.sourceId, runId });
  },
  async listIds({ ctx }) {
    const rows = await dbOf(ctx)
      .select({ id: pushDocuments.externalId })
      .from(pushDocuments)
      .where(and(eq(pushDocuments.sourceId, ctx.sourceId), ne(pushDocuments.status, "deleted")));
    return rows.map((r) => r.id);
  },
  async accessOf({ ids, ctx }) {
    const out = new Map<string, ResolvedAccess>();
    if (!ids.length) return out;
    const rows = await dbOf(ctx)
      .select({ id: pushDocuments.externalId, acl: pushDocuments.acl })
      .from(pushDocuments)
      .where(
        and(
          eq(pushDocuments.sourceId, ctx.sourceId),
          inArray(pushDocuments.externalId, ids),
          ne(pushDocuments.status, "deleted"),
        ),
      );
    for (const r of rows) out.set(r.id, { acl: r.acl, owner: null, tags: [] });
    return out;
  },
};

async function readContent({
  db,
  sourceId,
  externalId,
}: {
  db: Database;
  sourceId: string;
  externalId: string;
}): Promise<Uint8Array> {
  const [row] = await db
    .select({ content: pushDocuments.content })
    .from(pushDocuments)
    .where(and(eq(pushDocuments.sourceId, sourceId), eq(pushDocuments.externalId, externalId)))
    .limit(1);
  // Deleted between the listing and the read: the next run reports it as deleted.
  if (!row?.content) throw new Error("The document was deleted before it was indexed.");
  return new Uint8Array(row.content);
}
