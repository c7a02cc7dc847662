import { z } from "zod";
import { timestamp } from "~/lib/server/http/contracts";

export const source = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(["folder", "upload"]),
  config: z.record(z.string(), z.unknown()),
  defaultAcl: z.array(z.string()),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const listSourcesResponse = z.strictObject({ sources: z.array(source) });

export const createSourceRequest = z.object({
  name: z.string().trim().min(1).max(63),
  kind: z.enum(["folder", "upload"]),
  path: z.string().trim().max(4096).optional(),
  defaultAcl: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
});
export const createSourceResponse = z.strictObject({ source });
