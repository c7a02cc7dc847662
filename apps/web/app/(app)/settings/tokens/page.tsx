import type { Metadata } from "next";
import { listApiTokens, mayHoldIngestScopes, READ_SCOPES } from "@groundwork/auth";
import { TokenManager } from "~/components/tokens/token-manager";
import { tokenRows } from "~/components/tokens/token-rows";
import { requirePage } from "~/lib/server/auth/require-page";
import { getDb } from "~/lib/server/db";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensSettingsPage() {
  const session = await requirePage({ page: "/settings/tokens" });
  const tokens = await listApiTokens({ db: (await getDb()).db, userId: session.principal.userId });
  const mayWrite = mayHoldIngestScopes({ role: session.principal.role, kind: "person" });
  return (
    <main id="main" className="wide">
      <h1>API tokens</h1>
      <p className="muted">
        A personal access token lets a program (a chat client, a script, an MCP client) use Groundwork as you: it sees
        exactly what you may read, no more. Send it as <code>Authorization: Bearer &lt;token&gt;</code> to{" "}
        <code>/v1</code> (OpenAI-compatible) or <code>/mcp</code>. Revoking takes effect at the token&apos;s next
        request.
      </p>
      <TokenManager
        endpoint="/api/tokens"
        ownerLabel="you"
        initialTokens={tokenRows({ tokens })}
        scopes={READ_SCOPES}
        {...(mayWrite ? { extraScopesHint: "ingest:write:<source> to push documents into a push source." } : {})}
      />
    </main>
  );
}
