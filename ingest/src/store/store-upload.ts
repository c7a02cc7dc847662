import fs from "node:fs/promises";
import path from "node:path";
import type { Database } from "@groundwork/db/client";
import { GroundworkError } from "@groundwork/core/errors";
import { readIngestEnv } from "../env";
import { acceptedFormatsLabel, acceptsFile } from "../parse/registry";
import { normalizeAcl } from "@groundwork/access/acl";
import { findSource, sourceRoot } from "../sources/manage-sources";
import { UPLOAD_ACL_DIR as ACL_DIR } from "../sources/upload";
import { resolveInside } from "../sources/walk-source";

const SAFE_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._()-]{0,199}$/u;

/**
 * Accepts one uploaded file into an upload source: checks name, type and size, writes it with
 * its ACL beside it. No parsing here — the web process stays light; the next run ingests it.
 */
export async function storeUpload({
  db,
  source,
  filename,
  bytes,
  acl,
  maxBytes = readIngestEnv().maxFileBytes,
}: {
  db: Database;
  source: string;
  filename: string;
  bytes: Uint8Array;
  acl: string[];
  maxBytes?: number;
}): Promise<{ path: string; bytes: number }> {
  const src = await findSource({ db, source });
  if (src.kind !== "upload")
    throw new GroundworkError("bad_request", `Source ${src.name} is a folder source; upload into an upload source.`);
  const name = filename.normalize("NFC").trim();
  if (
    name.includes("/") ||
    name.includes("\\") ||
    name.includes("\0") ||
    name.startsWith(".") ||
    !SAFE_NAME.test(name)
  ) {
    throw new GroundworkError(
      "bad_request",
      "That file name is not allowed: use letters, digits, spaces, dots, dashes and underscores, no folders.",
    );
  }
  if (!acceptsFile(name, { unstructured: readIngestEnv().unstructured !== null })) {
    throw new GroundworkError(
      "unsupported",
      `Unsupported file type ${path.extname(name) || "(none)"}. Accepted: ${acceptedFormatsLabel()}.`,
    );
  }
  if (bytes.length === 0) throw new GroundworkError("bad_request", "The file is empty.");
  if (bytes.length > maxBytes)
    throw new GroundworkError(
      "payload_too_large",
      `The file is larger than the limit of ${Math.round(maxBytes / 1024 / 1024)} MB.`,
    );
  const root = sourceRoot(src);
  const target = resolveInside(root, name);
  if (!target) throw new GroundworkError("bad_request", "That file name is not allowed.");
  const aclDir = path.join(root, ACL_DIR);
  const nonce = `${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}`;
  const temp = path.join(aclDir, `.${name}.${nonce}.tmp`);
  const aclTemp = path.join(aclDir, `.${name}.${nonce}.acl.tmp`);
  try {
    await fs.mkdir(aclDir, { recursive: true });
    // A link planted in place of the ACL folder would carry both writes out of the source.
    const aclStat = await fs.lstat(aclDir);
    if (!aclStat.isDirectory())
      throw new GroundworkError(
        "bad_request",
        "This upload source's folder is not usable (its ACL folder is not a plain directory).",
      );
    const existing = await fs.lstat(target).catch(() => null);
    if (existing?.isDirectory())
      throw new GroundworkError("conflict", `A folder named ${name} already exists in this source.`);
    // Every write goes to a new file ("wx" never follows or reuses an existing path), then is
    // renamed into place: rename replaces a link at the target instead of writing through it.
    // ACL first, then the file, so a run never sees the file without its ACL.
    await fs.writeFile(aclTemp, JSON.stringify({ acl: normalizeAcl(acl) }), { flag: "wx" });
    await fs.rename(aclTemp, path.join(aclDir, `${name}.json`));
    await fs.writeFile(temp, bytes, { flag: "wx" });
    await fs.rename(temp, target);
  } catch (error) {
    // Never leave half a file behind (a full disk writes some bytes, then fails).
    await fs.rm(temp, { force: true }).catch(() => undefined);
    await fs.rm(aclTemp, { force: true }).catch(() => undefined);
    if (error instanceof GroundworkError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOSPC" || code === "EDQUOT") {
      throw new GroundworkError(
        "internal",
        "The server's disk is full, so the file was not stored. Free some space and upload it again.",
        { cause: error },
      );
    }
    throw error;
  }
  return { path: name, bytes: bytes.length };
}
