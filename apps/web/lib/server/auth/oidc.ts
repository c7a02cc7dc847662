import "server-only";
import NextAuth from "next-auth";
import { readOidcEnv, upsertOidcUser, type OidcEnv } from "@groundwork/auth";
import { getDb } from "../db";

export const OIDC_BASE_PATH = "/api/auth/sso";
export const OIDC_PROVIDER_ID = "oidc";

type AuthJs = ReturnType<typeof NextAuth>;
let instance: { env: OidcEnv; auth: AuthJs } | null | undefined;

function claimList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  if (typeof value === "string") return value.split(/[,\s]+/).filter(Boolean);
  return [];
}

/**
 * Auth.js runs only the OIDC dance (discovery, PKCE, state, token validation). On success its
 * short-lived JWT carries our user id; `/api/auth/sso/complete` swaps it for a Groundwork
 * session, so local and SSO users share one session system and local sign-in never depends
 * on Auth.js. Null when OIDC is not configured.
 */
export function getOidc(): { env: OidcEnv; auth: AuthJs } | null {
  if (instance !== undefined) return instance;
  const env = readOidcEnv();
  if (!env) return (instance = null);
  const auth = NextAuth({
    basePath: OIDC_BASE_PATH,
    secret: env.secret,
    trustHost: true,
    session: { strategy: "jwt", maxAge: 10 * 60 },
    providers: [
      {
        id: OIDC_PROVIDER_ID,
        name: env.displayName,
        type: "oidc",
        issuer: env.issuer,
        clientId: env.clientId,
        clientSecret: env.clientSecret,
        authorization: { params: { scope: "openid profile email" } },
      },
    ],
    callbacks: {
      async jwt({ token, profile }) {
        if (profile?.sub) {
          const { db } = await getDb();
          const { userId, disabled } = await upsertOidcUser({
            db,
            profile: {
              sub: profile.sub,
              email: typeof profile.email === "string" ? profile.email : null,
              name: typeof profile.name === "string" ? profile.name : null,
              preferredUsername: typeof profile.preferred_username === "string" ? profile.preferred_username : null,
              groups: claimList(profile[env.groupsClaim]),
            },
            mapping: env,
          });
          token.gwUserId = disabled ? null : userId;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, gwUserId: typeof token.gwUserId === "string" ? token.gwUserId : null };
      },
    },
  });
  return (instance = { env, auth });
}

export function oidcEnabled(): boolean {
  return readOidcEnv() !== null;
}
