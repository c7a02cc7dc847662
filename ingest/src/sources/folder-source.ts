import { FileError } from "../document-model";
import { nearestRule, resolveAccess } from "./access-rules";
import { directorySource, type DirectorySourceOptions } from "./directory-items";
import type { Source } from "./source";

/**
 * A folder on the server's disk: every file under it, its access from the nearest
 * `.access.yaml` up the tree, else the source's default ACL.
 */
export function folderSource({ root, defaultAcl, userIds }: DirectorySourceOptions): Source {
  return directorySource({
    kind: "folder",
    root,
    accessOf: async ({ relPath, rules }) => {
      const rule = nearestRule(rules, relPath);
      // A broken access file must not silently widen access: the files under it fail.
      if (rule instanceof Error) throw new FileError(rule.message);
      return resolveAccess({ rule, defaultAcl, userIds });
    },
  });
}
