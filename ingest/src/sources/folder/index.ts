import { z } from "zod";
import { FileError } from "../../document-model";
import { nearestRule, resolveAccess } from "../access-rules";
import type { Connector } from "../connector";
import { directoryPull } from "../directory-connector";
import { confineSourcePath } from "../source-roots";

export const folderConfigSchema = z.object({
  path: z.string().min(1).meta({
    flag: "--path",
    description: "Directory on the server, inside GROUNDWORK_SOURCE_ROOTS",
    example: "/srv/policies",
  }),
});

export type FolderConfig = z.infer<typeof folderConfigSchema>;

/**
 * A folder on the server's disk: every file under it, its access from the nearest
 * `.access.yaml` up the tree, else the source's default ACL.
 */
export const folderConnector: Connector<FolderConfig> = {
  kind: "folder",
  label: "Folder",
  configSchema: folderConfigSchema,
  ...directoryPull<FolderConfig>({
    // Confined on every use, not only at creation: rows made before the roots were configured
    // (or with other roots) must not keep reading outside them.
    rootOf: ({ config }) => confineSourcePath({ dir: config.path }),
    accessOf: async ({ relPath, rules, ctx }) => {
      const rule = nearestRule(rules, relPath);
      // A broken access file must not silently widen access: the files under it fail.
      if (rule instanceof Error) throw new FileError(rule.message);
      return resolveAccess({ rule, defaultAcl: ctx.defaultAcl, userIds: ctx.userIds });
    },
  }),
};
