import { z } from "zod";

export const listGroupsResponse = z.strictObject({
  groups: z.array(
    z.strictObject({
      id: z.uuid(),
      name: z.string(),
      description: z.string(),
      members: z.number().int(),
      mirrored: z.boolean(),
    }),
  ),
});

export const createGroupRequest = z.object({
  name: z.string().trim().min(1).max(63),
  description: z.string().trim().max(300).default(""),
});
export const createGroupResponse = z.strictObject({ id: z.uuid() });
