import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import type { AccessRule, ResolvedAccess } from "./access-rules";
import type { SourceEntry } from "./connector";
import { walkSource } from "./walk-source";

/** SHA-256 of a file: read whole when small, streamed when large (a big PDF is never held twice). */
export async function hashFile({ absPath, size }: { absPath: string; size: number }): Promise<string> {
  if (size <= 1 << 20)
    return createHash("sha256")
      .update(await fs.readFile(absPath))
      .digest("hex");
  const hash = createHash("sha256");
  await pipeline(createReadStream(absPath), hash);
  return hash.digest("hex");
}

/**
 * The items of a directory on the server's disk (folder and upload sources): one per file the
 * walk finds, each with its access decided by `accessOf` from the walk's access files.
 */
export async function listDirectory({
  root,
  accessOf,
}: {
  root: string;
  accessOf: (input: { relPath: string; rules: Map<string, AccessRule | Error> }) => Promise<ResolvedAccess>;
}): Promise<SourceEntry[]> {
  const walk = await walkSource({ root }).catch((error: Error) => {
    throw new Error(`Cannot read ${root}: ${error.message}`);
  });
  return walk.files.map((entry): SourceEntry => {
    if ("error" in entry) return { id: entry.relPath, error: entry.error };
    const { relPath, absPath, size, modifiedAt } = entry;
    return {
      id: relPath,
      size,
      modifiedAt,
      hash: () => hashFile({ absPath, size }),
      read: async () => new Uint8Array(await fs.readFile(absPath)),
      access: () => accessOf({ relPath, rules: walk.rules }),
    };
  });
}
