import { and, eq, sql } from "drizzle-orm";
import { normalizeAcl } from "@groundwork/access/acl";
import { resolveAclNames } from "@groundwork/auth";
import { GroundworkError, isGroundworkError } from "@groundwork/core/errors";
import { sha256Hex } from "@groundwork/core/ids";
import { log } from "@groundwork/core/logger";
import type { Database } from "@groundwork/db/client";
import { pushDocuments } from "@groundwork/db/schema";
import { readIngestEnv, type IngestEnv } from "../../env";
import { acceptsFile, FILE_FORMATS, formatOf, type FileFormat } from "../../parse/registry";
import { requestRun } from "../../run/runs";
import { deleteDocumentPath } from "../../store/store-document";
import { findPushSource, type PushSource } from "./find-push-source";
import { pushConfigSchema } from "./push-config";
import { externalIdSchema, pushDocumentInput, type PushDocumentInput } from "./push-input";

/** What the push API answers for one document. */
export type PushResult = {
  id: string;
  /** Counts changed pushes of this id (content or access); an unchanged push keeps it. */
  version: number;
  /** queued: stored, the worker indexes it; unchanged: same content and access as the last push; deleted. */
  status: "queued" | "unchanged" | "deleted";
  access?: {
    /** The source's default access applied (the push named no acl). */
    sourceDefault: boolean;
    users: string[];
    groups: string[];
    /** Names that match no user or group now: they grant nothing. */
    ignored: { users: string[]; groups: string[] };
  };
};

export type BulkPushResult = { externalId: string } & (
  { ok: true; result: PushResult } | { ok: false; error: { code: string; message: string } }
);

const CONTENT_FORMATS = { text: ".txt", markdown: ".md", html: ".html" } as const;

type Prepared = {
  externalId: string;
  bytes: Buffer;
  filename: string;
  mime: string;
  title: string | null;
  url: string | null;
  sourceUpdatedAt: Date | null;
  acl: string[];
  access: NonNullable<PushResult["access"]>;
  contentHash: string;
};

function bad(message: string): GroundworkError {
  return new GroundworkError("bad_request", message);
}

function decodeBase64(text: string): Buffer {
  const clean = text.replace(/\s+/g, "");
  // Buffer.from ignores what is not base64; a body must be all base64 or it is refused.
  if (clean.length % 4 === 1 || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(clean)) throw bad("file.base64 is not valid base64.");
  return Buffer.from(clean, "base64");
}

function fileFormat({ mime, filename, env }: { mime: string; filename: string | undefined; env: IngestEnv }): {
  format: FileFormat;
  filename: string;
} {
  const bare = mime.split(";")[0]!.trim().toLowerCase();
  const named = filename ? formatOf(filename) : undefined;
  const format = named ?? FILE_FORMATS.find((f) => f.mime === bare);
  if (!format || !acceptsFile(`x${format.extensions[0]}`, { unstructured: env.unstructured !== null }))
    throw new GroundworkError("unsupported", `Unsupported file type ${bare}${filename ? ` (${filename})` : ""}.`);
  // Only the base name: the id, not the filename, is the document's identity.
  const base = (filename ?? "").split(/[/\\]/).pop()!.trim();
  return { format, filename: base && formatOf(base) === format ? base : `document${format.extensions[0]}` };
}

async function prepare({
  db,
  source,
  externalId,
  input,
  env,
}: {
  db: Database;
  source: PushSource;
  externalId: string;
  input: PushDocumentInput;
  env: IngestEnv;
}): Promise<Prepared> {
  const id = externalIdSchema.safeParse(externalId);
  if (!id.success) throw bad(`The document id ${id.error.issues[0]!.message}.`);
  const parsed = pushDocumentInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.join(".");
    throw bad(`${where || "The document"} ${issue.message}.`);
  }
  const doc = parsed.data;
  let bytes: Buffer;
  let format: FileFormat;
  let filename: string;
  if (doc.content !== undefined) {
    bytes = Buffer.from(doc.content, "utf8");
    filename = `document${CONTENT_FORMATS[doc.contentType!]}`;
    format = formatOf(filename)!;
  } else {
    bytes = decodeBase64(doc.file!.base64);
    ({ format, filename } = fileFormat({ mime: doc.file!.mime, filename: doc.file!.filename, env }));
  }
  if (bytes.byteLength === 0) throw bad("The document is empty.");
  if (bytes.byteLength > env.maxFileBytes)
    throw new GroundworkError(
      "payload_too_large",
      `The document is ${(bytes.byteLength / 1048576).toFixed(1)} MB; the limit is ${Math.round(env.maxFileBytes / 1048576)} MB.`,
    );
  const types = pushConfigSchema.parse(source.config).types ?? [];
  if (types.length && !types.some((t) => t === format.kind || format.extensions.includes(`.${t.replace(/^\./, "")}`)))
    throw new GroundworkError("unsupported", `This source takes ${types.join(", ")}; not ${format.kind}.`);

  let acl: string[];
  let access: Prepared["access"];
  if (doc.acl) {
    const resolved = await resolveAclNames({ db, users: doc.acl.users, groups: doc.acl.groups });
    const users = doc.acl.users.map((u) => u.trim().toLowerCase());
    const groups = doc.acl.groups.map((g) => g.trim().toLowerCase());
    acl = normalizeAcl([
      ...[...resolved.userIds.values()].map((uid) => `user:${uid}`),
      ...[...resolved.groups].map((g) => `group:${g}`),
    ]);
    access = {
      sourceDefault: false,
      users: [...new Set(users.filter((u) => resolved.userIds.has(u)))].sort(),
      groups: [...resolved.groups].sort(),
      ignored: {
        users: [...new Set(users.filter((u) => !resolved.userIds.has(u)))].sort(),
        groups: [...new Set(groups.filter((g) => !resolved.groups.has(g)))].sort(),
      },
    };
  } else {
    // Deny by default: a source without a default ACL keeps the document for admins only.
    acl = normalizeAcl(source.defaultAcl);
    access = { sourceDefault: true, users: [], groups: [], ignored: { users: [], groups: [] } };
  }
  const title = doc.title ?? null;
  const url = doc.url ?? null;
  // What the document is made of (not its access, which changes without a re-parse).
  const contentHash = sha256Hex(JSON.stringify({ content: sha256Hex(bytes), filename, mime: format.mime, title, url }));
  return {
    externalId,
    bytes,
    filename,
    mime: format.mime,
    title,
    url,
    sourceUpdatedAt: doc.updatedAt ? new Date(doc.updatedAt) : null,
    acl,
    access,
    contentHash,
  };
}

/** Stores one prepared push; unchanged content and access keep the row (and its revision) as it is. */
async function stage({
  db,
  source,
  doc,
  pushedBy,
}: {
  db: Database;
  source: PushSource;
  doc: Prepared;
  pushedBy: string | null;
}): Promise<PushResult> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({
        revision: pushDocuments.revision,
        status: pushDocuments.status,
        contentHash: pushDocuments.contentHash,
        acl: pushDocuments.acl,
      })
      .from(pushDocuments)
      .where(and(eq(pushDocuments.sourceId, source.id), eq(pushDocuments.externalId, doc.externalId)))
      .for("update");
    if (
      before &&
      before.status !== "deleted" &&
      // The same push of a failed document is tried again (the failure may have been the model's, not the file's).
      before.status !== "failed" &&
      before.contentHash === doc.contentHash &&
      before.acl.join(",") === doc.acl.join(",")
    )
      return { id: doc.externalId, version: before.revision, status: "unchanged", access: doc.access };
    const values = {
      status: "queued" as const,
      title: doc.title,
      url: doc.url,
      filename: doc.filename,
      mime: doc.mime,
      content: doc.bytes,
      contentHash: doc.contentHash,
      acl: doc.acl,
      sourceUpdatedAt: doc.sourceUpdatedAt,
      error: null,
      pushedBy,
      pushedAt: sql`now()`,
      processedAt: null,
    };
    const [row] = before
      ? await tx
          .update(pushDocuments)
          .set({ ...values, revision: sql`${pushDocuments.revision} + 1`, seq: sql`nextval('push_documents_seq_seq')` })
          .where(and(eq(pushDocuments.sourceId, source.id), eq(pushDocuments.externalId, doc.externalId)))
          .returning({ revision: pushDocuments.revision })
      : await tx
          .insert(pushDocuments)
          .values({ sourceId: source.id, externalId: doc.externalId, ...values })
          .returning({ revision: pushDocuments.revision });
    return { id: doc.externalId, version: row!.revision, status: "queued", access: doc.access };
  });
}

/** Removes a pushed document: out of search at once (not at the next run), its inbox row kept as a tombstone. */
async function unstage({
  db,
  source,
  externalId,
  pushedBy,
}: {
  db: Database;
  source: PushSource;
  externalId: string;
  pushedBy: string | null;
}): Promise<PushResult> {
  const id = externalIdSchema.safeParse(externalId);
  if (!id.success) throw bad(`The document id ${id.error.issues[0]!.message}.`);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(pushDocuments)
      .set({
        status: "deleted",
        content: null,
        error: null,
        pushedBy,
        pushedAt: sql`now()`,
        processedAt: sql`now()`,
        revision: sql`${pushDocuments.revision} + 1`,
        seq: sql`nextval('push_documents_seq_seq')`,
      })
      .where(
        and(
          eq(pushDocuments.sourceId, source.id),
          eq(pushDocuments.externalId, externalId),
          sql`${pushDocuments.status} <> 'deleted'`,
        ),
      )
      .returning({ revision: pushDocuments.revision });
    if (!row) throw new GroundworkError("not_found", "No such document in this source.");
    await deleteDocumentPath({ tx, sourceId: source.id, path: externalId });
    return { id: externalId, version: row.revision, status: "deleted" };
  });
}

/**
 * Queues the run that indexes what was staged. A run already queued or running picks the rows
 * up (its pull reads the inbox to the end, lazily); a push committed after a running run's last
 * read is taken by the source's next scheduled run (a push source runs every minute by default).
 */
async function queueRun({ db, source, requestedBy }: { db: Database; source: PushSource; requestedBy: string | null }) {
  if (source.paused) return;
  try {
    await requestRun({ db, source: source.name, trigger: "push", requestedBy });
  } catch (error) {
    if (isGroundworkError(error) && error.code === "conflict") return;
    throw error;
  }
}

/** PUT /api/v1/sources/{source}/documents/{externalId}: stores one document for the worker to index. */
export async function putPushedDocument({
  db,
  source: sourceName,
  externalId,
  input,
  pushedBy,
  env = readIngestEnv(),
}: {
  db: Database;
  source: string;
  externalId: string;
  input: PushDocumentInput;
  pushedBy: string | null;
  env?: IngestEnv;
}): Promise<PushResult> {
  const source = await findPushSource({ db, source: sourceName });
  const doc = await prepare({ db, source, externalId, input, env });
  const result = await stage({ db, source, doc, pushedBy });
  if (result.status === "queued") await queueRun({ db, source, requestedBy: pushedBy });
  return result;
}

/** DELETE /api/v1/sources/{source}/documents/{externalId}. */
export async function deletePushedDocument({
  db,
  source: sourceName,
  externalId,
  pushedBy,
}: {
  db: Database;
  source: string;
  externalId: string;
  pushedBy: string | null;
}): Promise<PushResult> {
  const source = await findPushSource({ db, source: sourceName });
  return unstage({ db, source, externalId, pushedBy });
}

/**
 * POST /api/v1/sources/{source}/bulk: each item is put or deleted on its own (one bad item does
 * not refuse the others), in order, with a result per item; one run indexes them all.
 */
export async function pushDocumentsInBulk({
  db,
  source: sourceName,
  items,
  pushedBy,
  env = readIngestEnv(),
}: {
  db: Database;
  source: string;
  items: ({ externalId: string; delete: true } | { externalId: string; document: PushDocumentInput })[];
  pushedBy: string | null;
  env?: IngestEnv;
}): Promise<BulkPushResult[]> {
  const source = await findPushSource({ db, source: sourceName });
  const results: BulkPushResult[] = [];
  let queued = false;
  for (const item of items) {
    try {
      const result =
        "delete" in item
          ? await unstage({ db, source, externalId: item.externalId, pushedBy })
          : await stage({
              db,
              source,
              doc: await prepare({ db, source, externalId: item.externalId, input: item.document, env }),
              pushedBy,
            });
      if (result.status === "queued") queued = true;
      results.push({ externalId: item.externalId, ok: true, result });
    } catch (error) {
      if (!isGroundworkError(error) || error.status >= 500) {
        log.warn("bulk push item failed", { source: source.name, error: String(error) });
        throw error;
      }
      results.push({ externalId: item.externalId, ok: false, error: { code: error.code, message: error.message } });
    }
  }
  if (queued) await queueRun({ db, source, requestedBy: pushedBy });
  return results;
}
