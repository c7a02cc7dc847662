import { z } from "zod";
import { MAX_TOKEN_DAYS } from "@groundwork/auth";
import { plainText } from "~/lib/server/auth/plain-text";
import { timestamp } from "~/lib/server/http/contracts";
import { tokenListing } from "../../tokens/contract";

export const serviceAccountListing = z.strictObject({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  disabled: z.boolean(),
  groups: z.array(z.string()),
  activeTokens: z.number().int(),
  createdAt: timestamp,
});

export const listServiceAccountsResponse = z.strictObject({ serviceAccounts: z.array(serviceAccountListing) });

export const createServiceAccountRequest = z.object({
  name: z.string().trim().min(2).max(48),
  displayName: plainText(z.string().trim().min(1).max(120)).optional(),
  groups: z.array(z.string()).max(100).default([]),
});
export const createServiceAccountResponse = z.strictObject({ id: z.uuid(), username: z.string() });

export const updateServiceAccountRequest = z
  .object({
    groups: z.array(z.string()).max(100).optional(),
    disabled: z.boolean().optional(),
    displayName: plainText(z.string().trim().min(1).max(120)).optional(),
  })
  .refine(
    (b) => Object.values(b).some((v) => v !== undefined),
    "Change at least one of groups, disabled, displayName.",
  );
export const updateServiceAccountResponse = z.strictObject({ ok: z.literal(true) });

export const listServiceAccountTokensResponse = z.strictObject({ tokens: z.array(tokenListing) });

export const createServiceAccountTokenRequest = z.object({
  name: plainText(z.string().trim().min(1, "give the token a name").max(80)),
  scopes: z.array(z.string().trim().max(80)).min(1, "choose at least one scope").max(50),
  expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS).nullable(),
  rateLimitPerMinute: z.number().int().min(1).max(100_000).nullable().default(null),
});
