import { z } from "zod";

/** What the delete changed: members removed, documents that named the group, those now admin-only. */
export const deleteGroupResponse = z.strictObject({
  deleted: z.literal(true),
  name: z.string(),
  members: z.number().int(),
  documents: z.number().int(),
  adminOnly: z.number().int(),
});
