import { z } from "zod";
import type { ConnectorContext } from "../connector";
import type { ExternalGroup } from "../external-access";
import type { ZendeskClient } from "./client";
import {
  externalUser,
  isOrganisationWide,
  organizationGroupId,
  segmentGroup,
  STAFF_GROUP,
  unrepresentable,
  zendeskGroupId,
} from "./segment-access";
import {
  groupMembershipSchema,
  groupSchema,
  organizationSchema,
  userSchema,
  userSegmentSchema,
  type UserSegment,
  type ZendeskUser,
} from "./wire";

/** Every user segment, by id (one request per 100 segments; an account has at most 200). */
export async function listSegments({ zendesk }: { zendesk: ZendeskClient }): Promise<Map<string, UserSegment>> {
  const out = new Map<string, UserSegment>();
  for await (const page of zendesk.pages("/api/v2/help_center/user_segments", "user_segments", userSegmentSchema))
    for (const s of page) out.set(s.id, s);
  return out;
}

/**
 * The identities Guide's reading permissions rest on, as groups to mirror: every Zendesk group
 * (agents, from group memberships), `staff` (every agent and admin), each organisation a
 * segment names (its users), and one group per segment (segment-access.ts). Users come from the
 * agents' listing, the organisations' listings and, for users added to a segment by hand,
 * `users/show_many`; a user without a verified e-mail stays a member who matches nobody.
 */
export async function syncZendeskIdentities({
  zendesk,
  ctx,
}: {
  zendesk: ZendeskClient;
  ctx: ConnectorContext;
}): Promise<ExternalGroup[]> {
  const segments = await listSegments({ zendesk });
  const usersById = new Map<string, ZendeskUser>();
  const remember = (users: ZendeskUser[]) => {
    for (const u of users) usersById.set(u.id, u);
  };

  const agents: ZendeskUser[] = [];
  for await (const page of zendesk.pages("/api/v2/users?role[]=agent&role[]=admin", "users", userSchema))
    agents.push(...page);
  remember(agents);

  const groups: ExternalGroup[] = [
    {
      externalId: STAFF_GROUP,
      name: "staff (agents and admins)",
      members: agents.filter((a) => a.role === "agent" || a.role === "admin").map(externalUser),
    },
  ];

  const zendeskGroups = new Map<string, ExternalGroup>();
  for await (const page of zendesk.pages("/api/v2/groups", "groups", groupSchema))
    for (const g of page)
      if (!g.deleted) zendeskGroups.set(g.id, { externalId: zendeskGroupId(g.id), name: g.name, members: [] });
  for await (const page of zendesk.pages("/api/v2/group_memberships", "group_memberships", groupMembershipSchema))
    for (const m of page) {
      const user = usersById.get(m.user_id);
      // Only agents belong to groups; a membership of someone the agents' listing lacks (suspended, deleted) grants nothing.
      if (user) zendeskGroups.get(m.group_id)?.members.push(externalUser(user));
    }
  groups.push(...zendeskGroups.values());

  // Organisations matter only where a segment that can be mirrored names them.
  const organizations = new Set<string>();
  for (const s of segments.values())
    if (s.user_type === "signed_in_users" && !unrepresentable(s))
      for (const o of s.organization_ids) organizations.add(o);
  for (const id of [...organizations].sort()) {
    const org = await zendesk.get(`/api/v2/organizations/${id}`, z.object({ organization: organizationSchema }));
    const members: ZendeskUser[] = [];
    // A deleted organisation is an empty group: the segment still names it, nobody is in it.
    if (org)
      for await (const page of zendesk.pages(`/api/v2/organizations/${id}/users`, "users", userSchema))
        members.push(...page);
    remember(members);
    groups.push({
      externalId: organizationGroupId(id),
      name: `organisation ${org?.organization.name ?? id}`,
      members: members.map(externalUser),
    });
  }

  const missing = [...new Set([...segments.values()].flatMap((s) => s.added_user_ids))].filter(
    (id) => !usersById.has(id),
  );
  for (let i = 0; i < missing.length; i += 100) {
    const batch = missing.slice(i, i + 100);
    const found = await zendesk.get(
      `/api/v2/users/show_many?ids=${batch.join(",")}`,
      z.object({ users: z.array(userSchema) }),
    );
    remember(found?.users ?? []);
  }

  for (const segment of segments.values()) {
    if (isOrganisationWide(segment)) continue;
    const reason = unrepresentable(segment);
    if (reason)
      ctx.log("user segment mirrored with its added users only (deny by default)", {
        segment: segment.id,
        name: segment.name,
        reason,
      });
    groups.push(segmentGroup({ segment, usersById }));
  }
  return groups;
}
