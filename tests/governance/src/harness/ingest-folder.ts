import fs from "node:fs";
import path from "node:path";

/** Writes `files` (relative path → content) under `dir`, creating folders. */
export function writeTree({ dir, files }: { dir: string; files: Record<string, string | Uint8Array> }): void {
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
}
