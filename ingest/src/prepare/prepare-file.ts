import path from "node:path";
import { sha256Hex } from "@groundwork/core/ids";
import type { Embedder } from "@groundwork/models/embeddings";
import { FileError } from "../document-model";
import type { IngestEnv } from "../env";
import type { Existing } from "../plan/load-existing";
import type { AclUpdate, Pending } from "../run-model";
import type { ResolvedAccess } from "../sources/access-rules";
import type { SourceEntry, SourceItem } from "../sources/connector";
import type { ResolvedGrant } from "../sources/external-access";
import type { DocumentWrite } from "../store/store-document";
import type { ParsePool } from "./parse-pool";

function titleFromPath(relPath: string): string {
  const base = path.posix.basename(relPath).replace(/\.[^.]+$/, "");
  const words = base.replace(/[-_]+/g, " ").trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : relPath;
}

/**
 * Access as stored on the document: compared on re-runs to detect ACL-only changes. External
 * grants (SaaS sources) are part of it, so a grant that changes what it resolves to — or a new
 * grant that resolves to nobody yet — is kept on the document even when the ACL stays the same.
 */
export function accessKey(a: ResolvedAccess & { grants?: ResolvedGrant[] }): string {
  return JSON.stringify({ acl: a.acl, owner: a.owner, tags: a.tags, ...(a.grants ? { grants: a.grants } : {}) });
}

/** The document metadata with the access's external grants (or without, when it has none). */
export function withGrants(
  metadata: Record<string, unknown>,
  access: ResolvedAccess & { grants?: ResolvedGrant[] },
): Record<string, unknown> {
  const { grants: _old, ...rest } = metadata;
  return access.grants ? { ...rest, grants: access.grants } : rest;
}

export function mergeAccess(
  access: ResolvedAccess,
  fileMeta: { owner?: string | null; tags?: string[] },
): ResolvedAccess {
  return {
    acl: access.acl,
    owner: fileMeta.owner ?? access.owner ?? null,
    tags: [...new Set([...(access.tags ?? []), ...(fileMeta.tags ?? [])])].sort(),
  };
}

/** What the connector said about an item, kept on the document (`ctx.previous` hands it back next run). */
function sourceFields(entry: SourceItem): Record<string, unknown> {
  return {
    ...(entry.version ? { sourceVersion: entry.version } : {}),
    ...(entry.sourceMeta && Object.keys(entry.sourceMeta).length ? { source: entry.sourceMeta } : {}),
    ...(entry.url ? { sourceUrl: entry.url } : {}),
  };
}

const pick = (m: Record<string, unknown>) => ({
  ...(m.sourceVersion ? { sourceVersion: m.sourceVersion } : {}),
  ...(m.source ? { source: m.source } : {}),
  ...(m.sourceUrl ? { sourceUrl: m.sourceUrl } : {}),
});

export type PreparedFile =
  | { kind: "unchanged"; id: string }
  | { kind: "acl"; update: Omit<AclUpdate, "started"> }
  | { kind: "write"; pending: Pending };

/**
 * One listed item against its stored version: unchanged (same bytes, same access), an ACL-only
 * update, or a new version parsed and chunked in the parse pool, its chunks ready to embed.
 */
export async function prepareFile({
  entry,
  plannedHash,
  sourceId,
  existing,
  env,
  embedder,
  parsePool,
  started,
}: {
  entry: SourceEntry;
  /** Hash from the planning pass: when it matches the live version the item is not read again. */
  plannedHash: string | undefined;
  sourceId: string;
  existing: Map<string, Existing>;
  env: IngestEnv;
  embedder: Pick<Embedder, "modelId">;
  parsePool: ParsePool;
  started: number;
}): Promise<PreparedFile> {
  if ("error" in entry) throw new FileError(entry.error);
  const access = await entry.access();
  if (entry.size > env.maxFileBytes)
    throw new FileError(`file too large: ${entry.size} bytes (limit ${env.maxFileBytes})`);
  const prev = existing.get(entry.id);
  const live = prev && prev.status !== "deleted" ? prev : undefined;
  const bytes = live && plannedHash === live.contentHash ? null : await entry.read();
  if (bytes && bytes.byteLength > env.maxFileBytes)
    throw new FileError(`file too large: ${bytes.byteLength} bytes (limit ${env.maxFileBytes})`);
  const contentHash = bytes ? sha256Hex(bytes) : plannedHash!;
  const source = sourceFields(entry);
  if (live && live.contentHash === contentHash) {
    const sameAccess = (live.metadata.accessKey as string | undefined) === accessKey(access);
    // Same bytes under a new version tag (a re-saved page, a touched row): nothing to parse, but
    // the tag is kept so the next conditional request can skip it.
    const sameSource = JSON.stringify(pick(live.metadata)) === JSON.stringify(source);
    if (sameAccess && sameSource) return { kind: "unchanged", id: live.id };
    const fileMeta = (live.metadata.fileMeta ?? {}) as { owner?: string | null; tags?: string[] };
    return {
      kind: "acl",
      update: {
        id: live.id,
        path: entry.id,
        access: mergeAccess(access, fileMeta),
        metadata: withGrants({ ...live.metadata, accessKey: accessKey(access), ...source }, access),
        ...(sameAccess ? { metadataOnly: true } : {}),
      },
    };
  }
  if (!bytes) throw new Error("unreachable: a changed file is always read");
  const filename = entry.filename ?? entry.id;
  // Parsing and chunking run in a worker thread with a heap cap and a time budget: a hostile
  // file (a decompression bomb, a pathological PDF) fails alone and never stalls this event
  // loop, which under `npm start` also serves HTTP.
  const {
    parsed,
    chunked: { normalizedText, chunks, outline },
  } = await parsePool.parse({ filename, bytes, env });
  if (chunks.length === 0) throw new FileError("no text found in this file");
  const title = entry.title?.trim() || parsed.meta.title || titleFromPath(filename);
  const merged = mergeAccess(access, { owner: parsed.meta.owner ?? null, tags: parsed.meta.tags ?? [] });
  const withContext = chunks.map((c) => {
    const context = [title, ...c.headings.filter((h) => h !== title)].join(" › ");
    const input = `${context}\n\n${c.text}`;
    return { ...c, context, textHash: sha256Hex(input), embedding: [] as number[], input };
  });
  const write: DocumentWrite = {
    sourceId,
    path: entry.id,
    previousId: live?.id ?? null,
    version: (prev?.maxVersion ?? 0) + 1,
    title,
    mime: parsed.mime,
    contentHash,
    effectiveDate: parsed.meta.effectiveDate ?? null,
    owner: merged.owner,
    tags: merged.tags,
    acl: merged.acl,
    normalizedText,
    pageCount: parsed.pageCount ?? null,
    bytes,
    filename: path.posix.basename(filename),
    metadata: withGrants(
      {
        accessKey: accessKey(access),
        fileMeta: { owner: parsed.meta.owner ?? null, tags: parsed.meta.tags ?? [] },
        ...(parsed.meta.supersedes ? { supersedes: parsed.meta.supersedes } : {}),
        outline,
        ...source,
      },
      access,
    ),
    chunks: withContext.map(({ input: _input, ...c }) => c),
    embeddingModel: embedder.modelId,
  };
  return {
    kind: "write",
    pending: {
      write,
      outcome: live ? "updated" : "added",
      started,
      inputs: withContext.map((c) => ({ textHash: c.textHash, input: c.input })),
    },
  };
}
