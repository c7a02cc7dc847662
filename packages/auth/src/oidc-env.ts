import { z } from "zod";
import { withoutBlank } from "@groundwork/core/env";
import { sha256Hex } from "@groundwork/core/ids";

const schema = z.object({
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Claim holding the user's groups in the ID token / userinfo. */
  OIDC_GROUPS_CLAIM: z.string().min(1).default("groups"),
  /** `idp-group=local-group,...`; unset: claim values map to local groups of the same (lower-cased) name. */
  OIDC_GROUP_MAP: z.string().optional(),
  OIDC_ADMIN_GROUPS: z.string().default(""),
  OIDC_SUPPORT_GROUPS: z.string().default(""),
  OIDC_DISPLAY_NAME: z.string().default("Single sign-on"),
  AUTH_SECRET: z.string().min(16).optional(),
});

export type OidcEnv = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  groupsClaim: string;
  groupMap: Map<string, string> | null;
  adminGroups: Set<string>;
  supportGroups: Set<string>;
  displayName: string;
  secret: string;
};

const list = (value: string) =>
  value
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);

/** OIDC settings, or null when single sign-on is not configured (local sign-in only). */
export function readOidcEnv(source: Record<string, string | undefined> = process.env): OidcEnv | null {
  const env = schema.parse(withoutBlank(source));
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
  let groupMap: Map<string, string> | null = null;
  if (env.OIDC_GROUP_MAP) {
    groupMap = new Map();
    for (const pair of list(env.OIDC_GROUP_MAP)) {
      const [from, to] = pair.split("=").map((s) => s.trim());
      if (!from || !to)
        throw new Error(`OIDC_GROUP_MAP entry ${JSON.stringify(pair)} must look like idp-group=local-group`);
      groupMap.set(from, to.toLowerCase());
    }
  }
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    groupsClaim: env.OIDC_GROUPS_CLAIM,
    groupMap,
    adminGroups: new Set(list(env.OIDC_ADMIN_GROUPS)),
    supportGroups: new Set(list(env.OIDC_SUPPORT_GROUPS)),
    displayName: env.OIDC_DISPLAY_NAME,
    // Auth.js only holds the short hop between the IdP callback and our own session, but every
    // web instance must agree on the key, so derive it from the shared client secret when unset.
    secret: env.AUTH_SECRET ?? sha256Hex(`groundwork-authjs:${env.OIDC_CLIENT_SECRET}`),
  };
}
