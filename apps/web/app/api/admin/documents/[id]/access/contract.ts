import { z } from "zod";

const sourceGrant = z.object({
  kind: z.string(),
  externalId: z.string().optional(),
  email: z.string().nullable().optional(),
});
const group = z.strictObject({
  name: z.string(),
  description: z.string(),
  mirroredFrom: z
    .strictObject({ sourceId: z.string(), sourceName: z.string().nullable(), externalId: z.string().nullable() })
    .nullable(),
});
const document = z.strictObject({
  id: z.string(),
  title: z.string(),
  status: z.string(),
  acl: z.array(z.string()),
  source: z.strictObject({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    lastPermissionSyncAt: z.string().nullable(),
  }),
});

/** "Why can this user see this?": the grants that apply, traced to the source; the same rule search applies. */
export const accessExplanation = z.strictObject({
  user: z.strictObject({ id: z.string(), username: z.string(), role: z.string(), isAdmin: z.boolean() }),
  document,
  visible: z.boolean(),
  reason: z.enum(["admin", "acl", "denied", "inactive"]),
  grants: z.array(
    z.strictObject({
      principal: z.string(),
      heldAs: z.enum(["user", "everyone", "member"]),
      group: group.nullable(),
      sourceGrants: z.array(sourceGrant),
    }),
  ),
  unmatched: z.array(sourceGrant),
});

/** Who can see the document, and (with ?user=NAME) why that user can or cannot. */
export const documentAccessResponse = z.strictObject({
  readers: z.strictObject({
    document,
    groups: z.array(group.extend({ principal: z.string(), members: z.number().int() })),
    users: z.array(
      z.strictObject({
        id: z.string(),
        username: z.string(),
        role: z.string(),
        via: z.array(z.string()),
        admin: z.boolean(),
      }),
    ),
    unmatched: z.array(sourceGrant),
  }),
  explanation: accessExplanation.nullable(),
});
