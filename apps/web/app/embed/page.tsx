import type { Metadata } from "next";
import { connection } from "next/server";
import { listLookupFacets } from "@groundwork/retrieval";
import { EmbedSignIn } from "~/components/embed/embed-sign-in";
import { EmbedWidget } from "~/components/embed/embed-widget";
import { SessionProvider } from "~/components/session-provider";
import { readSession } from "~/lib/server/auth/session";
import { getDb } from "~/lib/server/db";

export const metadata: Metadata = { title: "Widget" };

/**
 * The embeddable widget (loaded into another site's page by /embed.js): lookup and ask for the
 * signed-in Groundwork user, through the session cookie, never a token in the host page. The one
 * page the allowed origins may frame (proxy.ts, next.config.ts). Signed out, a sign-in link
 * that opens its own window. Every search and answer goes through the API routes' own
 * policies and the reader's row-level security, as on the full pages.
 */
export default async function EmbedPage() {
  await connection();
  const db = (await getDb()).db;
  const session = await readSession({ db });
  if (!session)
    return (
      <main id="main" className="embed">
        <EmbedSignIn />
      </main>
    );
  const { userId, username, displayName, role, groups } = session.principal;
  const facets = await listLookupFacets({ db, principal: session.principal });
  return (
    <SessionProvider user={{ id: userId, username, displayName, role, groups }} csrfToken={session.csrfToken}>
      <main id="main" className="embed">
        {/* Support staff start on lookup, as their home page does; everyone else on ask. */}
        <EmbedWidget facets={facets} displayName={displayName} initialTab={role === "support" ? "lookup" : "ask"} />
      </main>
    </SessionProvider>
  );
}
