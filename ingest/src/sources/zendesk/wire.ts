import { z } from "zod";

/**
 * The parts of Zendesk's JSON this connector reads, validated on arrival so a changed or broken
 * answer fails with a message instead of turning into wrong access. Unknown properties are
 * dropped. Ids are numbers in Zendesk's JSON (64-bit values still below 2^53) and become strings
 * here, the form ids take everywhere in Groundwork.
 *
 * References (the fields and their meaning):
 * - articles: https://developer.zendesk.com/api-reference/help_center/help-center-api/articles/
 * - incremental export: https://developer.zendesk.com/documentation/help_center/help-center-api/understanding-incremental-article-exports/
 * - sections / categories: https://developer.zendesk.com/api-reference/help_center/help-center-api/sections/ , …/categories/
 * - user segments: https://developer.zendesk.com/api-reference/help_center/help-center-api/user_segments/
 * - permission groups: https://developer.zendesk.com/api-reference/help_center/help-center-api/permission_groups/
 * - users, groups, group memberships, organizations: https://developer.zendesk.com/api-reference/ticketing/users/users/ , …/groups/groups/ , …/groups/group_memberships/ , …/organizations/organizations/
 * - pagination: https://developer.zendesk.com/api-reference/introduction/pagination/
 */
const id = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);
const ids = z
  .array(id)
  .nullish()
  .transform((v) => v ?? []);
const strings = z
  .array(z.string())
  .nullish()
  .transform((v) => v ?? []);

export const articleSchema = z.object({
  id,
  title: z.string().nullish(),
  body: z.string().nullish(),
  html_url: z.string().nullish(),
  draft: z.boolean().default(false),
  section_id: id.nullish(),
  /** Who may view: one segment, or (Enterprise) any of `user_segment_ids`; none = everyone, signed in or not. */
  user_segment_id: id.nullish(),
  user_segment_ids: ids,
  /** Who may edit and publish (a management permission group), never who may read. */
  permission_group_id: id.nullish(),
  label_names: strings,
  locale: z.string().nullish(),
  updated_at: z.string(),
  edited_at: z.string().nullish(),
});
export type Article = z.output<typeof articleSchema>;

export const sectionSchema = z.object({
  id,
  name: z.string(),
  category_id: id.nullish(),
  html_url: z.string().nullish(),
});
export type Section = z.output<typeof sectionSchema>;

export const categorySchema = z.object({ id, name: z.string() });
export type Category = z.output<typeof categorySchema>;

export const userSegmentSchema = z.object({
  id,
  name: z.string().nullish(),
  /** `signed_in_users` (end users and agents who can sign in) or `staff` (agents and admins). */
  user_type: z.string(),
  group_ids: ids,
  organization_ids: ids,
  /** All of these tags (on the user or their organisation). */
  tags: strings,
  /** At least one of these tags. */
  or_tags: strings,
  /** Members regardless of every other condition. */
  added_user_ids: ids,
  built_in: z.boolean().default(false),
  updated_at: z.string().nullish(),
});
export type UserSegment = z.output<typeof userSegmentSchema>;

export const userSchema = z.object({
  id,
  email: z.string().nullish(),
  /** Whether the user's primary identity (e-mail) is verified: an unverified address proves nothing. */
  verified: z.boolean().default(false),
  active: z.boolean().default(true),
  role: z.string().nullish(),
  organization_id: id.nullish(),
  suspended: z.boolean().default(false),
});
export type ZendeskUser = z.output<typeof userSchema>;

export const groupSchema = z.object({ id, name: z.string(), deleted: z.boolean().default(false) });
export type ZendeskGroup = z.output<typeof groupSchema>;

export const groupMembershipSchema = z.object({ id, user_id: id, group_id: id });

export const organizationSchema = z.object({ id, name: z.string() });

/** Cursor pagination (`page[size]`, `meta.has_more`, `links.next`) or offset pagination (`next_page`). */
export const pageSchema = z.object({
  meta: z.object({ has_more: z.boolean(), after_cursor: z.string().nullish() }).optional(),
  links: z.object({ next: z.string().nullish() }).optional(),
  next_page: z.string().nullish(),
});

/** One page of the incremental article export: `next_page` carries the next start_time, `end_time` is this page's. */
export const incrementalArticlesSchema = z.object({
  articles: z.array(articleSchema),
  next_page: z.string().nullish(),
  end_time: z.number().int().nullish(),
  count: z.number().int().nullish(),
});
