import fs from "node:fs/promises";
import path from "node:path";
import { resolveAccess } from "./access-rules";
import { directorySource, type DirectorySourceOptions } from "./directory-items";
import { normalizeAcl } from "@groundwork/access/acl";
import type { Source } from "./source";

/** Per-file ACLs of an upload source live in a hidden folder the walker never lists. */
export const UPLOAD_ACL_DIR = ".groundwork-acl";

export async function readUploadAcl({ root, relPath }: { root: string; relPath: string }): Promise<string[] | null> {
  try {
    const raw = JSON.parse(await fs.readFile(path.join(root, UPLOAD_ACL_DIR, `${relPath}.json`), "utf8")) as {
      acl?: unknown;
    };
    return Array.isArray(raw.acl) ? normalizeAcl(raw.acl.map(String)) : null;
  } catch {
    return null;
  }
}

/**
 * The upload source's own directory: files stored by `storeUpload`, each with the ACL it was
 * uploaded with (else the source's default). Access files do not apply here.
 */
export function uploadSource({ root, defaultAcl, userIds }: DirectorySourceOptions): Source {
  return directorySource({
    kind: "upload",
    root,
    accessOf: async ({ relPath }) => {
      const acl = await readUploadAcl({ root, relPath });
      return acl ? { acl, owner: null, tags: [] } : resolveAccess({ rule: null, defaultAcl, userIds });
    },
  });
}
