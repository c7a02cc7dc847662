import type { ExternalGroup, ExternalPrincipal, ExternalUser } from "../external-access";
import type { UserSegment, ZendeskUser } from "./wire";

/**
 * Who may read a Guide article, as external grants. Reading is decided by the article's user
 * segments (`user_segment_ids`, else `user_segment_id`); its permission group says who may edit
 * and publish it and grants no reading. A segment is a base user type narrowed by conditions
 * (https://support.zendesk.com/hc/en-us/articles/4408837707290):
 *
 * - no segment: everyone, anonymous visitors included → `public`;
 * - `signed_in_users` with no condition (the built-in "Signed-in users") → `organisation`, the
 *   group the admin names for it (none: nobody);
 * - `staff` → agents and admins, in any of `group_ids` when given;
 * - `signed_in_users` in any of `organization_ids` → those organisations' users, and every agent
 *   (Zendesk ignores the organisation condition for agents);
 * - `added_user_ids` are members whatever the conditions.
 *
 * Every segment other than the organisation-wide one becomes one mirrored group
 * (`segment:<id>`) whose members are nested mirrored groups (Zendesk groups, organisations,
 * staff) and users, so a segment narrowed at the source — or a user leaving a group — takes
 * effect with the next identity sync alone, without touching a document. Conditions Groundwork
 * cannot evaluate (user tags, `tags` / `or_tags`) are never guessed: such a segment keeps only its
 * explicitly added users, and an article left with nobody is admins-only (deny by default).
 */
export const STAFF_GROUP = "staff";
export const zendeskGroupId = (id: string) => `group:${id}`;
export const organizationGroupId = (id: string) => `organization:${id}`;
export const segmentGroupId = (id: string) => `segment:${id}`;

/** The article's segments: the Enterprise list when set, else the single segment. */
export function segmentIdsOf(article: { user_segment_id?: string | null; user_segment_ids: string[] }): string[] {
  if (article.user_segment_ids.length) return [...new Set(article.user_segment_ids)].sort();
  return article.user_segment_id ? [article.user_segment_id] : [];
}

export function isOrganisationWide(segment: UserSegment): boolean {
  return (
    segment.user_type === "signed_in_users" &&
    !segment.tags.length &&
    !segment.or_tags.length &&
    !segment.organization_ids.length &&
    !segment.group_ids.length
  );
}

/** Why a segment's conditions cannot be mirrored (null: they can); such a segment keeps only its added users. */
export function unrepresentable(segment: UserSegment): string | null {
  if (segment.tags.length || segment.or_tags.length) return "it selects users by tag, which Groundwork does not mirror";
  if (segment.user_type === "staff")
    return segment.organization_ids.length ? "it combines staff with organisations" : null;
  if (segment.user_type === "signed_in_users")
    return segment.group_ids.length ? "it combines signed-in users with groups" : null;
  return `its user type "${segment.user_type}" is unknown`;
}

/** The grants of an article with these segment ids; an unknown segment grants nothing (logged by the caller). */
export function articleGrants({ segmentIds, segments }: { segmentIds: string[]; segments: Map<string, UserSegment> }): {
  grants: ExternalPrincipal[];
  unknown: string[];
} {
  if (!segmentIds.length) return { grants: [{ kind: "public" }], unknown: [] };
  const grants: ExternalPrincipal[] = [];
  const unknown: string[] = [];
  for (const id of segmentIds) {
    const segment = segments.get(id);
    if (!segment) unknown.push(id);
    else if (isOrganisationWide(segment)) grants.push({ kind: "organisation" });
    else grants.push({ kind: "group", externalId: segmentGroupId(id) });
  }
  return { grants, unknown };
}

/** A Zendesk user as an external principal: only an active, verified e-mail identifies anyone. */
export function externalUser(user: ZendeskUser): ExternalUser {
  const usable = user.verified && user.active && !user.suspended && Boolean(user.email);
  return { kind: "user", externalId: user.id, email: usable ? user.email! : null };
}

/** The mirrored groups of one segment (its own, the organisations it names) given the directory loaded from Zendesk. */
export function segmentGroup({
  segment,
  usersById,
}: {
  segment: UserSegment;
  usersById: Map<string, ZendeskUser>;
}): ExternalGroup {
  const added: ExternalGroup["members"] = segment.added_user_ids.flatMap((id) => {
    const user = usersById.get(id);
    return user ? [externalUser(user)] : [];
  });
  const name = `segment ${segment.name ?? segment.id}`;
  if (unrepresentable(segment)) return { externalId: segmentGroupId(segment.id), name, members: added };
  const nested: ExternalGroup["members"] =
    segment.user_type === "staff"
      ? segment.group_ids.length
        ? segment.group_ids.map((g) => ({ kind: "group", externalId: zendeskGroupId(g) }))
        : [{ kind: "group", externalId: STAFF_GROUP }]
      : [
          ...segment.organization_ids.map((o) => ({ kind: "group" as const, externalId: organizationGroupId(o) })),
          { kind: "group", externalId: STAFF_GROUP },
        ];
  return { externalId: segmentGroupId(segment.id), name, members: [...nested, ...added] };
}
