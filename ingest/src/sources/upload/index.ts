import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { normalizeAcl } from "@groundwork/access/acl";
import { resolveAccess } from "../access-rules";
import type { Connector } from "../connector";
import { directoryPull } from "../directory-connector";
import { confineSourcePath } from "../source-roots";

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

export const uploadConfigSchema = z.object({
  path: z.string().min(1).optional().meta({
    flag: "--path",
    description: "Where uploaded files are kept (default: beside the data directory)",
  }),
});

export type UploadConfig = { path: string };

/**
 * The upload source's own directory: files stored by `storeUpload`, each with the ACL it was
 * uploaded with (else the source's default). Access files do not apply here.
 */
export const uploadConnector: Connector<UploadConfig> = {
  kind: "upload",
  label: "Uploads",
  // The path is filled in when the source is created (manage-sources), so a stored config always has one.
  configSchema: uploadConfigSchema as unknown as z.ZodType<UploadConfig>,
  ...directoryPull<UploadConfig>({
    rootOf: ({ config }) => confineSourcePath({ dir: config.path }),
    accessOf: async ({ root, relPath, ctx }) => {
      const acl = await readUploadAcl({ root, relPath });
      return acl
        ? { acl, owner: null, tags: [] }
        : resolveAccess({ rule: null, defaultAcl: ctx.defaultAcl, userIds: ctx.userIds });
    },
  }),
};
