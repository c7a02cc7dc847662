import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { _Object } from "@aws-sdk/client-s3";
import picomatch from "picomatch";
import { FileError } from "../../document-model";
import { acceptsFile } from "../../parse/registry";
import {
  ACCESS_FILE,
  nearestRule,
  readAccessFile,
  resolveAccess,
  type AccessRule,
  type ResolvedAccess,
} from "../access-rules";
import type { ConnectorContext, SourceEntry } from "../connector";
import type { S3Session } from "./client";
import type { S3Config } from "./config";

/** Pages of the listing under the prefix, in key order (ListObjectsV2 continuation tokens). */
export async function* listObjects({
  s3,
  config,
  startAfter,
  maxKeys = config.maxKeys,
}: {
  s3: S3Session;
  config: S3Config;
  startAfter?: string | undefined;
  maxKeys?: number;
}): AsyncGenerator<_Object[]> {
  let token: string | undefined;
  for (;;) {
    const page = await s3.call((options) =>
      s3.client.send(
        new s3.sdk.ListObjectsV2Command({
          Bucket: s3.bucket,
          ...(config.prefix ? { Prefix: config.prefix } : {}),
          MaxKeys: maxKeys,
          ...(token ? { ContinuationToken: token } : startAfter ? { StartAfter: startAfter } : {}),
        }),
        options,
      ),
    );
    yield page.Contents ?? [];
    if (!page.IsTruncated) return;
    // A truncated answer without a token would list the same page forever.
    if (!page.NextContinuationToken || page.NextContinuationToken === token)
      throw new Error(`${s3.where} sent a truncated listing without a continuation token.`);
    token = page.NextContinuationToken;
  }
}

const basename = (key: string) => key.slice(key.lastIndexOf("/") + 1);
const isAccessFile = (key: string) => basename(key) === ACCESS_FILE;

/**
 * Which keys become items: under the prefix, matching include/exclude (globs over the key after
 * the prefix), in a format Groundwork parses (the format table decides, Unstructured's formats
 * only when it is configured). Folder markers ("docs/") and access files are not documents.
 */
export function keyFilter({ config, unstructured }: { config: S3Config; unstructured: boolean }) {
  const include = config.include?.length ? picomatch(config.include, { dot: true }) : null;
  const exclude = config.exclude?.length ? picomatch(config.exclude, { dot: true }) : null;
  const prefix = config.prefix ?? "";
  return (key: string): boolean => {
    if (!key.startsWith(prefix) || key.endsWith("/") || isAccessFile(key)) return false;
    const rel = key.slice(prefix.length).replace(/^\/+/, "");
    if (include && !include(rel)) return false;
    if (exclude?.(rel)) return false;
    return acceptsFile(basename(key), { unstructured });
  };
}

/** The `.access.yaml` objects a listing held, read on first use (once per pull) and parsed like a folder's. */
export function accessRules({ s3, keys }: { s3: S3Session; keys: { key: string; etag: string | undefined }[] }) {
  let loaded: Promise<Map<string, AccessRule | Error>> | null = null;
  const load = async () => {
    const rules = new Map<string, AccessRule | Error>();
    if (keys.length === 0) return rules;
    // readAccessFile is the folder sources' parser (same schema, same messages); it reads a path.
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), "groundwork-s3-access-"));
    try {
      for (const [i, { key, etag }] of keys.entries()) {
        const dir = path.posix.dirname(key);
        const ruleDir = dir === "." ? "" : dir;
        try {
          const body = await getBody({ s3, key, etag, maxBytes: 1 << 20 });
          const file = path.join(tmp, `${i}.yaml`);
          await fs.writeFile(file, body);
          rules.set(ruleDir, await readAccessFile(file, ruleDir));
        } catch (error) {
          const message = (error as Error).message;
          // Unreadable or malformed: every object it governs fails rather than getting the default ACL.
          rules.set(
            ruleDir,
            new Error(message.startsWith(ACCESS_FILE) ? message : `${ACCESS_FILE} in ${ruleDir || "."}: ${message}`),
          );
        }
      }
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
    return rules;
  };
  return {
    async accessOf({ key, ctx }: { key: string; ctx: ConnectorContext }): Promise<ResolvedAccess> {
      loaded ??= load();
      const rule = nearestRule(await loaded, key);
      if (rule instanceof Error) throw new FileError(rule.message);
      return resolveAccess({ rule, defaultAcl: ctx.defaultAcl, userIds: ctx.userIds });
    },
  };
}

/**
 * GetObject, pinned to the listed ETag (If-Match) so the bytes are the version the item
 * reports, and bounded: a declared or streamed size over `maxBytes` fails the item.
 */
export async function getBody({
  s3,
  key,
  etag,
  maxBytes,
  onChunk,
}: {
  s3: S3Session;
  key: string;
  etag: string | undefined;
  maxBytes: number;
  /** When given, chunks are handed over and not kept (the result is empty). */
  onChunk?: (chunk: Uint8Array) => void;
}): Promise<Uint8Array> {
  const out = await s3
    .call((options) =>
      s3.client.send(
        new s3.sdk.GetObjectCommand({ Bucket: s3.bucket, Key: key, ...(etag ? { IfMatch: etag } : {}) }),
        options,
      ),
    )
    .catch((error: Error & { cause?: { $metadata?: { httpStatusCode?: number }; name?: string } }) => {
      // One object's refusal fails that item, not the run; throttling and unreachable servers still stop it.
      const status = error.cause?.$metadata?.httpStatusCode;
      if (status === 412 || error.cause?.name === "PreconditionFailed")
        throw new FileError(`${key} changed while it was being read; the next run picks up the new version.`);
      if (status === 404 || error.cause?.name === "NoSuchKey")
        throw new FileError(`${key} was deleted after it was listed.`);
      if (status === 403) throw new FileError(error.message, { cause: error });
      throw error;
    });
  const body = out.Body as (AsyncIterable<Uint8Array> & { destroy?: () => void }) | undefined;
  if (!body) return new Uint8Array();
  const tooLarge = (size: string) => {
    body.destroy?.();
    return new FileError(`${key} is too large (${size} bytes, limit ${maxBytes}).`);
  };
  if (out.ContentLength !== undefined && out.ContentLength > maxBytes) throw tooLarge(String(out.ContentLength));
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > maxBytes) throw tooLarge(`over ${maxBytes}`);
    if (onChunk) onChunk(chunk);
    else parts.push(chunk);
  }
  return onChunk ? new Uint8Array() : concat(parts, total);
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

// Archived objects answer GetObject with InvalidObjectState until restored.
const ARCHIVED = new Set(["GLACIER", "DEEP_ARCHIVE"]);

// Small bodies read for hash() are kept for the read() that follows a changed hash (one GET, not two).
const KEEP_AFTER_HASH = 1 << 20;

/** One listed object as a source item; nothing is fetched until hash() or read(). */
export function objectEntry({
  s3,
  object,
  maxBytes,
  access,
  ctx,
}: {
  s3: S3Session;
  object: _Object & { Key: string };
  maxBytes: number;
  access: ReturnType<typeof accessRules>;
  ctx: ConnectorContext;
}): SourceEntry {
  const key = object.Key;
  if (object.StorageClass && ARCHIVED.has(object.StorageClass))
    return { id: key, error: `${key} is archived (${object.StorageClass}): restore it to ingest it.` };
  const size = object.Size ?? -1;
  const etag = object.ETag;
  let kept: Uint8Array | null = null;
  return {
    id: key,
    filename: basename(key),
    url: `s3://${s3.bucket}/${key}`,
    size,
    modifiedAt: object.LastModified ?? null,
    version: etag ? etag.replace(/^(W\/)?"|"$/g, "") : null,
    async hash() {
      const hash = createHash("sha256");
      const keep = size >= 0 && size <= KEEP_AFTER_HASH ? ([] as Uint8Array[]) : null;
      let total = 0;
      await getBody({
        s3,
        key,
        etag,
        maxBytes,
        onChunk: (chunk) => {
          hash.update(chunk);
          total += chunk.byteLength;
          keep?.push(chunk);
        },
      });
      kept = keep ? concat(keep, total) : null;
      return hash.digest("hex");
    },
    async read() {
      const body = kept ?? (await getBody({ s3, key, etag, maxBytes }));
      kept = null;
      return body;
    },
    access: () => access.accessOf({ key, ctx }),
  };
}

/** The access files of a whole listing under the prefix (a pass with no GETs). */
export async function findAccessFiles({ s3, config }: { s3: S3Session; config: S3Config }) {
  const found: { key: string; etag: string | undefined }[] = [];
  for await (const page of listObjects({ s3, config }))
    for (const o of page) if (o.Key && isAccessFile(o.Key)) found.push({ key: o.Key, etag: o.ETag });
  return found;
}
