import { createHash } from "node:crypto";
import { z } from "zod";
import { GROUP_NAME_PATTERN } from "@groundwork/access/principal";
import type { ResolvedAccess } from "./access-rules";

/**
 * External identities: who a SaaS system (Confluence, SharePoint, Drive, Zendesk) says may read
 * an item, before it becomes Groundwork principals. A connector reports each item's grants as
 * `ExternalPrincipal`s and its system's groups as `ExternalGroup`s; the framework (the context's
 * `identities`) turns them into an ACL, deny by default:
 *
 * - a user becomes `user:<uuid>` of the Groundwork user whose *verified* e-mail equals theirs
 *   (case-insensitive); no match, or an e-mail the system hides, grants nothing;
 * - a group becomes `group:<mirrored name>`, a Groundwork group owned by the source whose members
 *   are the matched users of the group and of every group nested in it;
 * - `organisation` (anyone in the tenant/domain) becomes the source's `organisationGroup`, else nothing;
 * - `anyone-with-link` grants nothing unless the source sets `shareAnyoneWithLink` (then it is
 *   treated as `organisation`);
 * - `public` (anonymous access) becomes `group:everyone`.
 *
 * Grants are kept on the document with what each resolved to (`metadata.grants`), so a user who
 * signs up or verifies their e-mail later gains access at the next permission (ACL) run without
 * the content — or even the source — being read again, and so an admin can ask why a user sees it.
 */
export type ExternalUser = { kind: "user"; externalId: string; email: string | null };

export type ExternalPrincipal =
  | ExternalUser
  | { kind: "group"; externalId: string }
  | { kind: "organisation" }
  | { kind: "anyone-with-link" }
  | { kind: "public" };

export type ExternalGroup = {
  externalId: string;
  /** The system's display name (part of the mirrored group's name and its description). */
  name: string;
  /** Direct members; nested groups are flattened by the framework (cycles are fine). */
  members: Array<ExternalUser | { kind: "group"; externalId: string }>;
};

/** One grant of a document and the principals it resolved to when last decided (empty: matched nobody). */
export type ResolvedGrant = { grant: ExternalPrincipal; principals: string[] };

/** ResolvedAccess as `identities.resolve` returns it: the ACL, and the grants it came from (stored on the document). */
export type ExternalAccess = ResolvedAccess & { grants?: ResolvedGrant[] };

export type Identities = {
  /**
   * Mirrors the source's groups: a Groundwork group per external group, owned by this source
   * (admins cannot edit it), members replaced by the matched users, nested groups flattened;
   * groups the source no longer has are removed. Call with every group of the system.
   */
  mirrorGroups(groups: ExternalGroup[]): Promise<void>;
  /** Deny by default: the ACL (principals) for these grants; a principal matching nobody grants nothing. */
  resolve(grants: ExternalPrincipal[]): Promise<ExternalAccess>;
};

/**
 * The identity settings every connector with external permissions spreads into its config
 * schema (so the CLI flags and admin form fields are the same everywhere).
 */
export const externalAccessConfigFields = {
  organisationGroup: z
    .string()
    .trim()
    .toLowerCase()
    .regex(GROUP_NAME_PATTERN, "A group name is 1–63 lowercase letters, digits, '-' or '_'.")
    .optional()
    .meta({
      flag: "--organisation-group",
      description:
        "The Groundwork group that stands for 'anyone in the organisation' (a tenant- or domain-wide share); unset: such shares grant nothing.",
      example: "everyone",
    }),
  shareAnyoneWithLink: z.boolean().default(false).meta({
    flag: "--share-anyone-with-link",
    description:
      "Treat items shared with 'anyone with the link' as shared with the organisation group; off: a link share grants nothing.",
  }),
};

export type ExternalAccessConfig = { organisationGroup?: string | undefined; shareAnyoneWithLink?: boolean };

/** Mirrored groups are prefixed with this and their source's name: `ext-<source>-<group>-<hash>`. */
export const MIRRORED_GROUP_PREFIX = "ext-";

const slug = (s: string, max: number) =>
  s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+$/g, "");

/**
 * The Groundwork name of a mirrored group: readable (source and group names) and unique per
 * source and external id (a hash of both, so two groups both called "Staff" in two systems, or a
 * renamed group, never collide), within GROUP_NAME_PATTERN's 63 characters. Stable across renames
 * of the external group only in its hash: a rename renames the Groundwork group, ACLs follow it
 * (documents are re-resolved in the same permission run).
 */
export function mirroredGroupName({
  sourceName,
  externalId,
  name,
}: {
  sourceName: string;
  externalId: string;
  name: string;
}): string {
  const hash = createHash("sha256").update(`${sourceName}\u0000${externalId}`).digest("hex").slice(0, 8);
  const source = slug(sourceName, 20) || "source";
  const group = slug(name, 63 - MIRRORED_GROUP_PREFIX.length - source.length - hash.length - 3);
  const out = [MIRRORED_GROUP_PREFIX + source, group, hash].filter(Boolean).join("-");
  if (!GROUP_NAME_PATTERN.test(out)) throw new Error(`unreachable: mirrored group name ${out} is invalid`);
  return out;
}

/** A grant's stable text (for keys and explanations). */
export function describeGrant(grant: ExternalPrincipal): string {
  switch (grant.kind) {
    case "user":
      return `user ${grant.externalId}${grant.email ? ` <${grant.email}>` : " (e-mail hidden)"}`;
    case "group":
      return `group ${grant.externalId}`;
    default:
      return grant.kind;
  }
}
