import { GroundworkError } from "@groundwork/core/errors";
import type { Database } from "@groundwork/db/client";
import { createApiToken, parseTokenExpiry } from "./create-api-token";
import { createServiceAccount } from "./create-service-account";
import { listApiTokens, type ApiTokenListing } from "./list-api-tokens";
import { listServiceAccounts } from "./list-service-accounts";
import { resolvePrincipal } from "./resolve-principal";
import { revokeApiToken } from "./revoke-api-token";

export const ADMIN_USAGE = `usage: pnpm admin <command>
  tokens create --user USERNAME --name NAME --scopes search,chat[,documents:read,ingest:write:SOURCE]
                [--expires 30d|12h|never] [--rate-limit PER_MINUTE] [--json]
                                  issue a token (printed once; --json: {"token","id"} as the last line)
  tokens list [--user USERNAME] [--json]     tokens with prefix, scopes, state, last use (never secrets)
  tokens revoke ID                           revoke a token: refused from the next request on
  service-accounts create NAME [--groups a,b] [--display-name TEXT] [--json]
                                  an account that only authenticates with its tokens, with its own groups
  service-accounts list [--json]`;

type Flags = Map<string, string | true>;

function stringFlag(flags: Flags, name: string): string | undefined {
  const v = flags.get(name);
  if (v === true) throw new GroundworkError("bad_request", `--${name} needs a value.`);
  return v;
}

function listOf(text: string | undefined): string[] {
  return (text ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function tokenLine(t: ApiTokenListing): string {
  const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") : "–");
  return `${t.id}  ${t.prefix}  ${t.username}  ${t.name}  [${t.scopes.join(",")}]  ${t.state}  created ${when(t.createdAt)}  last used ${when(t.lastUsedAt)}  expires ${when(t.expiresAt)}`;
}

/**
 * The admin CLI's commands as a function (lines to print and an exit code), so tests run it
 * without a process. The acting identity is whoever runs the shell: like `pnpm ingest`, the CLI
 * is for operators who already hold the database.
 */
export async function runAdminCommand({
  db,
  flags,
  positionals,
}: {
  db: Database | null;
  flags: Flags;
  positionals: string[];
}): Promise<{ code: number; lines: string[] }> {
  const [group, command, arg] = positionals;
  if (!db || !group || flags.has("help")) return { code: group ? 0 : 2, lines: [ADMIN_USAGE] };
  const json = flags.has("json");
  if (group === "tokens" && command === "create") {
    const username = stringFlag(flags, "user");
    const name = stringFlag(flags, "name");
    if (!username || !name) throw new GroundworkError("bad_request", "tokens create needs --user and --name.");
    const owner = await resolvePrincipal({ db, username: username.trim().toLowerCase() });
    const expires = stringFlag(flags, "expires");
    const rate = stringFlag(flags, "rate-limit");
    if (rate !== undefined && !/^\d+$/.test(rate))
      throw new GroundworkError("bad_request", "--rate-limit is a whole number of requests per minute.");
    const { token, listing } = await createApiToken({
      db,
      userId: owner.userId,
      name,
      scopes: listOf(stringFlag(flags, "scopes")),
      expiresAt: expires ? parseTokenExpiry({ text: expires }) : null,
      rateLimitPerMinute: rate !== undefined ? Number(rate) : null,
    });
    if (json) return { code: 0, lines: [JSON.stringify({ token, id: listing.id })] };
    return {
      code: 0,
      lines: [tokenLine(listing), "", "The token (shown only now; store it as a secret):", token],
    };
  }
  if (group === "tokens" && command === "list") {
    const username = stringFlag(flags, "user");
    const userId = username ? (await resolvePrincipal({ db, username: username.trim().toLowerCase() })).userId : null;
    const tokens = await listApiTokens({ db, ...(userId ? { userId } : {}) });
    if (json) return { code: 0, lines: [JSON.stringify({ tokens })] };
    return { code: 0, lines: tokens.length ? tokens.map(tokenLine) : ["No tokens."] };
  }
  if (group === "tokens" && command === "revoke") {
    if (!arg) throw new GroundworkError("bad_request", "usage: pnpm admin tokens revoke ID");
    const listing = await revokeApiToken({ db, id: arg });
    return { code: 0, lines: [json ? JSON.stringify({ token: listing }) : `revoked ${tokenLine(listing)}`] };
  }
  if (group === "service-accounts" && command === "create") {
    if (!arg) throw new GroundworkError("bad_request", "usage: pnpm admin service-accounts create NAME [--groups a,b]");
    const displayName = stringFlag(flags, "display-name");
    const sa = await createServiceAccount({
      db,
      name: arg,
      groupNames: listOf(stringFlag(flags, "groups")),
      ...(displayName ? { displayName } : {}),
    });
    return {
      code: 0,
      lines: [json ? JSON.stringify(sa) : `service account ${sa.username} created (${sa.id})`],
    };
  }
  if (group === "service-accounts" && command === "list") {
    const accounts = await listServiceAccounts({ db });
    if (json) return { code: 0, lines: [JSON.stringify({ serviceAccounts: accounts })] };
    return {
      code: 0,
      lines: accounts.length
        ? accounts.map(
            (a) =>
              `${a.id}  ${a.username}  groups ${a.groups.join(",") || "–"}  ${a.activeTokens} active token(s)${a.disabled ? "  disabled" : ""}`,
          )
        : ["No service accounts."],
    };
  }
  return { code: 2, lines: [ADMIN_USAGE] };
}
