import fs from "node:fs/promises";
import path from "node:path";
import YAML from "yaml";
import { z } from "zod";
import { normalizeAcl } from "@groundwork/access/acl";
import { userPrincipal } from "@groundwork/access/principal";

export const ACCESS_FILE = ".access.yaml";

const accessSchema = z.object({
  groups: z.array(z.string().min(1)).default([]),
  users: z.array(z.string().min(1)).default([]),
  owner: z.string().optional(),
  tags: z.array(z.string().min(1)).default([]),
});

export type AccessRule = { dir: string; groups: string[]; users: string[]; owner?: string; tags: string[] };

/** Reads one access file; a malformed one is an error for every file it would govern (fail closed). */
export async function readAccessFile(file: string, dir: string): Promise<AccessRule> {
  return parseAccessRule({ text: await fs.readFile(file, "utf8"), dir });
}

/** An access file's text (from disk, a Git blob, an S3 object) as the rule for `dir`; throws when malformed. */
export function parseAccessRule({ text, dir }: { text: string; dir: string }): AccessRule {
  const raw = YAML.parse(text) ?? {};
  const parsed = accessSchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(`${ACCESS_FILE} in ${dir || "."} is invalid: ${parsed.error.issues[0]?.message ?? "bad format"}`);
  const { groups, users, owner, tags } = parsed.data;
  return { dir, groups, users, tags: tags.map((t) => t.toLowerCase()), ...(owner ? { owner } : {}) };
}

/** The nearest access rule up the tree from a file's folder (relative paths, "/" separated). */
export function nearestRule(rules: Map<string, AccessRule | Error>, relPath: string): AccessRule | Error | null {
  let dir = path.posix.dirname(relPath);
  for (;;) {
    const key = dir === "." ? "" : dir;
    const rule = rules.get(key);
    if (rule) return rule;
    if (key === "") return null;
    dir = path.posix.dirname(dir);
  }
}

export type ResolvedAccess = { acl: string[]; owner: string | null; tags: string[] };

/**
 * The ACL principals a file gets: its nearest access file, else the source default, else
 * nothing (admins only). `everyone` is the group everyone; usernames become user:<uuid>.
 */
export function resolveAccess({
  rule,
  defaultAcl,
  userIds,
}: {
  rule: AccessRule | null;
  defaultAcl: string[];
  userIds: Map<string, string>;
}): ResolvedAccess {
  if (!rule) return { acl: normalizeAcl(defaultAcl), owner: null, tags: [] };
  // Unknown usernames grant nothing rather than failing the folder.
  const users = rule.users.flatMap((u) => {
    const id = userIds.get(u.toLowerCase());
    return id ? [userPrincipal(id)] : [];
  });
  return { acl: normalizeAcl([...rule.groups, ...users]), owner: rule.owner ?? null, tags: rule.tags };
}
