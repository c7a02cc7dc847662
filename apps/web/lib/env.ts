import { z } from "zod";
import { defineEnv, type EnvSource } from "@groundwork/core/env";

/**
 * The web app's own variables. This file and lib/http/origin-env.ts (the origin and cookie
 * variables, which next.config.ts loads, so it imports nothing) are the only web modules that
 * read process.env — Next's NODE_ENV and the server/ programs aside. Each group is read on
 * its own, so a malformed rate limit does not take the readiness probe down with it.
 */

/** AUTH_URL (or next-auth's older NEXTAUTH_URL) pins the public URL Auth.js builds callbacks from. */
export function authUrlConfigured(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return Boolean(env.AUTH_URL || env.NEXTAUTH_URL);
}

/** Per-minute limits of the chat and search routes; 0 switches a limit off. */
export const readRateLimitEnv: (env?: EnvSource) => {
  GROUNDWORK_RATE_LIMIT_CHAT_PER_MINUTE: number;
  GROUNDWORK_RATE_LIMIT_SEARCH_PER_MINUTE: number;
} = defineEnv({
  schema: z.object({
    GROUNDWORK_RATE_LIMIT_CHAT_PER_MINUTE: z.coerce.number().int().min(0).default(20),
    GROUNDWORK_RATE_LIMIT_SEARCH_PER_MINUTE: z.coerce.number().int().min(0).default(120),
  }),
});

const readinessSchema = z.object({
  // A web-only deployment whose workers run elsewhere still needs some worker alive; set 0
  // only where ingestion is deliberately absent.
  GROUNDWORK_READY_REQUIRE_WORKER: z.enum(["0", "1"]).default("1"),
  GROUNDWORK_READY_WORKER_MAX_AGE_MS: z.coerce.number().int().min(1000).default(30_000),
  GROUNDWORK_READY_TIMEOUT_MS: z.coerce.number().int().min(100).default(2_000),
  // The process's role (server/server-env.ts validates it at start); /api/ready reports it.
  GROUNDWORK_ROLE: z.enum(["web", "worker", "all"]).default("all"),
});

/** What /api/ready checks and how long each check may take. */
export const readReadinessEnv: (env?: EnvSource) => z.infer<typeof readinessSchema> = defineEnv({
  schema: readinessSchema,
});

/**
 * The MCP endpoint's OAuth protected-resource metadata names OIDC_ISSUER as its authorization
 * server when single sign-on is configured (the same variable @groundwork/auth signs in with).
 */
export const readDeveloperEnv: (env?: EnvSource) => { OIDC_ISSUER?: string | undefined } = defineEnv({
  schema: z.object({ OIDC_ISSUER: z.url().optional() }),
});
