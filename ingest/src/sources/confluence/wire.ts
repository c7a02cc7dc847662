import { z } from "zod";

/**
 * The parts of Confluence's JSON this connector reads, validated on arrival so a changed answer
 * fails with a message instead of turning into wrong access. Unknown properties are dropped; ids
 * (strings on v2, numbers for some v1 objects) become strings.
 *
 * References:
 * - Cloud v2 spaces, pages, ancestors, attachments, space permissions:
 *   https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-space/ , …/api-group-page/ ,
 *   …/api-group-ancestors/ , …/api-group-attachment/ , …/api-group-space-permissions/
 * - Cloud v1 restrictions, groups, users, space (expand=permissions):
 *   https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-content-restrictions/ ,
 *   …/api-group-group/ , …/api-group-users/ , …/api-group-space/
 * - Data Center: https://developer.atlassian.com/server/confluence/rest/v1010/api-group-content-resource/ ,
 *   …/api-group-space-permissions/ , …/api-group-content-restrictions/ , …/api-group-group/
 * - Pagination: https://developer.atlassian.com/cloud/confluence/rest/v2/intro/#using (cursor in
 *   `_links.next` and the `Link` header) and https://developer.atlassian.com/server/confluence/pagination-in-the-rest-api
 */
const id = z.union([z.string().min(1), z.number().int()]).transform(String);
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);

export const linksSchema = z.object({ next: z.string().nullish(), base: z.string().nullish() }).partial();

/** A v1 user (Cloud: accountId, e-mail when the profile shows it; Data Center: userKey, username, e-mail when the instance exposes it). */
export const userSchema = z.object({
  type: z.string().nullish(),
  accountId: z.string().nullish(),
  accountType: z.string().nullish(),
  userKey: z.string().nullish(),
  username: z.string().nullish(),
  email: z.string().nullish(),
  displayName: z.string().nullish(),
  publicName: z.string().nullish(),
});
export type ConfluenceUser = z.output<typeof userSchema>;

export const groupSchema = z.object({ type: z.string().nullish(), name: z.string(), id: z.string().nullish() });
export type ConfluenceGroup = z.output<typeof groupSchema>;

/** v1 offset pages (`start`, `limit`, `size`, `_links.next`). */
export const v1ListSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    results: z.array(item),
    start: z.number().int().nullish(),
    limit: z.number().int().nullish(),
    size: z.number().int().nullish(),
    _links: linksSchema.nullish(),
  });

/** v2 cursor pages: the next page's relative URL in `_links.next` (and the `Link` header). */
export const v2ListSchema = <T extends z.ZodType>(item: T) =>
  z.object({ results: z.array(item), _links: linksSchema.nullish() });

/** GET /wiki/rest/api/content/{id}/restriction/byOperation/read (Cloud and Data Center). */
export const readRestrictionSchema = z.object({
  operation: z.string(),
  restrictions: z
    .object({
      user: z.object({ results: list(userSchema), size: z.number().int().nullish() }).nullish(),
      group: z.object({ results: list(groupSchema), size: z.number().int().nullish() }).nullish(),
    })
    .nullish(),
});
export type ReadRestriction = z.output<typeof readRestrictionSchema>;

// --- Cloud v2 ---

export const spaceV2Schema = z.object({
  id,
  key: z.string(),
  name: z.string().nullish(),
  type: z.string().nullish(),
  status: z.string().nullish(),
  _links: z.object({ webui: z.string().nullish() }).nullish(),
});
export type SpaceV2 = z.output<typeof spaceV2Schema>;

export const pageV2Schema = z.object({
  id,
  status: z.string().nullish(),
  title: z.string().nullish(),
  spaceId: id,
  parentId: id.nullish(),
  parentType: z.string().nullish(),
  createdAt: z.string().nullish(),
  version: z.object({ number: z.number().int(), createdAt: z.string().nullish() }),
  body: z.object({ storage: z.object({ value: z.string() }).nullish() }).nullish(),
  _links: z.object({ webui: z.string().nullish() }).nullish(),
});
export type PageV2 = z.output<typeof pageV2Schema>;

export const ancestorV2Schema = z.object({ id, type: z.string().nullish() });

export const spacePermissionV2Schema = z.object({
  id: id.nullish(),
  principal: z.object({ type: z.string(), id: z.string().nullish() }),
  operation: z.object({ key: z.string(), targetType: z.string() }),
});
export type SpacePermissionV2 = z.output<typeof spacePermissionV2Schema>;

export const attachmentV2Schema = z.object({
  id,
  status: z.string().nullish(),
  title: z.string(),
  mediaType: z.string().nullish(),
  fileSize: z.number().int().nullish(),
  pageId: id.nullish(),
  version: z.object({ number: z.number().int(), createdAt: z.string().nullish() }),
  downloadLink: z.string().nullish(),
  webuiLink: z.string().nullish(),
  _links: z.object({ download: z.string().nullish(), webui: z.string().nullish() }).nullish(),
});
export type AttachmentV2 = z.output<typeof attachmentV2Schema>;

/** Cloud v1 GET /wiki/rest/api/space/{key}?expand=permissions: read only for `anonymousAccess`, which v2 does not report. */
export const spaceV1PermissionsSchema = z.object({
  key: z.string(),
  permissions: list(
    z.object({
      operation: z.object({ operation: z.string(), targetType: z.string() }).nullish(),
      anonymousAccess: z.boolean().nullish(),
    }),
  ),
});

// --- Data Center (v1) ---

export const spaceDcSchema = z.object({
  id: id.nullish(),
  key: z.string(),
  name: z.string().nullish(),
  type: z.string().nullish(),
  status: z.string().nullish(),
  _links: z.object({ webui: z.string().nullish() }).nullish(),
});

export const contentDcSchema = z.object({
  id,
  type: z.string(),
  status: z.string().nullish(),
  title: z.string().nullish(),
  version: z.object({ number: z.number().int(), when: z.string().nullish() }),
  space: z.object({ key: z.string(), name: z.string().nullish() }).nullish(),
  ancestors: list(z.object({ id })),
  body: z.object({ storage: z.object({ value: z.string() }).nullish() }).nullish(),
  restrictions: z.object({ read: readRestrictionSchema.nullish() }).nullish(),
  _links: z.object({ webui: z.string().nullish() }).nullish(),
});
export type ContentDc = z.output<typeof contentDcSchema>;

/** Data Center 9.1+ GET /rest/api/space/{key}/permissions: users, groups and the anonymous user. */
export const spacePermissionDcSchema = z.object({
  operation: z.object({ targetType: z.string(), operationKey: z.string() }),
  subject: z.object({ type: z.string(), userKey: z.string().nullish(), name: z.string().nullish() }).nullish(),
  spaceKey: z.string().nullish(),
});
export type SpacePermissionDc = z.output<typeof spacePermissionDcSchema>;

export const attachmentDcSchema = z.object({
  id,
  type: z.string().nullish(),
  title: z.string(),
  version: z.object({ number: z.number().int(), when: z.string().nullish() }),
  metadata: z.object({ mediaType: z.string().nullish() }).nullish(),
  extensions: z.object({ fileSize: z.number().int().nullish(), mediaType: z.string().nullish() }).nullish(),
  _links: z.object({ download: z.string().nullish(), webui: z.string().nullish() }).nullish(),
});

// --- Webhooks ---

/** A webhook's body: the event name and the page (or attachment, space) it is about. */
export const webhookEventSchema = z.object({
  event: z.string().nullish(),
  webhookEvent: z.string().nullish(),
  page: z.object({ id: id.nullish() }).nullish(),
  blog: z.object({ id: id.nullish() }).nullish(),
  content: z.object({ id: id.nullish() }).nullish(),
  attachment: z.object({ id: id.nullish(), container: z.object({ id: id.nullish() }).nullish() }).nullish(),
});
