import type { Source as SourceRow } from "@groundwork/db/schema";
import { folderSource } from "./folder-source";
import { sourceRoot } from "./manage-sources";
import type { Source } from "./source";
import { uploadSource } from "./upload-source";

/**
 * The `Source` behind a sources row. `userIds` (lowercased username → id) turns usernames in
 * access files into principals.
 */
export function openSource({ row, userIds }: { row: SourceRow; userIds: Map<string, string> }): Source {
  const root = sourceRoot(row);
  const options = { root, defaultAcl: row.defaultAcl, userIds };
  return row.kind === "upload" ? uploadSource(options) : folderSource(options);
}
