import { unzipSync } from "fflate";
import { FileError } from "../document-model";

/** File types that are ZIP containers and are decompressed by a local parser. */
export const ZIP_BASED = new Set([".docx"]);

export type ZipLimits = { maxUnzippedBytes: number; maxEntries?: number; maxRatio?: number };

export type ZipEntry = { name: string; compressedSize: number; size: number };

const MB = 1024 * 1024;
/** Real Office XML compresses 5–30×; a ratio far past that is a decompression bomb. */
const DEFAULT_MAX_RATIO = 100;
/** Small parts may compress absurdly well (a run of spaces); only large parts are judged by ratio. */
const RATIO_FLOOR_BYTES = 1 * MB;
const DEFAULT_MAX_ENTRIES = 10_000;

/**
 * Reads a ZIP's central directory (no entry is decompressed) and refuses the file before any
 * parser inflates it: when the entries would take more than the limit, when one large entry
 * (or the whole) compresses at an absurd ratio, or when it has a huge number of entries.
 * A 13 KB DOCX whose XML inflates a thousand-fold otherwise costs seconds and hundreds of MB.
 * Declared sizes can lie; the callers therefore inflate into buffers of the declared size only
 * (fflate does), so a lie truncates the entry rather than growing memory.
 */
export function checkZipBudget({
  bytes,
  limits,
  label = "ZIP archive",
}: {
  bytes: Uint8Array;
  limits: ZipLimits;
  label?: string;
}): ZipEntry[] {
  const maxEntries = limits.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const maxRatio = limits.maxRatio ?? DEFAULT_MAX_RATIO;
  const entries: ZipEntry[] = [];
  try {
    unzipSync(bytes, {
      filter(file) {
        entries.push({ name: file.name, compressedSize: file.size, size: file.originalSize });
        if (entries.length > maxEntries) throw new FileError(`archive has more than ${maxEntries} entries`);
        // Returning false reads the directory entry without inflating it.
        return false;
      },
    });
  } catch (error) {
    if (error instanceof FileError) throw error;
    throw new FileError(`corrupt ${label}: ${(error as Error).message}`, { cause: error });
  }
  let total = 0;
  let compressed = 0;
  for (const e of entries) {
    total += e.size;
    compressed += e.compressedSize;
    if (e.size >= RATIO_FLOOR_BYTES && e.size > maxRatio * Math.max(1, e.compressedSize)) {
      throw new FileError(
        `archive entry ${e.name} decompresses ${Math.round(e.size / Math.max(1, e.compressedSize))}× (limit ${maxRatio}×): refused as a decompression bomb`,
      );
    }
  }
  if (total > limits.maxUnzippedBytes) {
    throw new FileError(
      `archive decompresses to ${Math.ceil(total / MB)} MB (limit ${Math.round(limits.maxUnzippedBytes / MB)} MB, GROUNDWORK_INGEST_MAX_UNZIPPED_MB)`,
    );
  }
  if (total >= RATIO_FLOOR_BYTES && total > maxRatio * Math.max(1, compressed)) {
    throw new FileError(
      `archive decompresses ${Math.round(total / Math.max(1, compressed))}× (limit ${maxRatio}×): refused as a decompression bomb`,
    );
  }
  return entries;
}
