import { connection } from "next/server";
import type { ReactNode } from "react";
import { AppHeader } from "~/components/app-header";
import { SessionProvider } from "~/components/session-provider";
import { readSession } from "~/lib/server/auth/session";
import { getDb } from "~/lib/server/db";

/** Signed-in shell. Each page still checks its own policy (layouts are not re-run on every navigation). */
export default async function AppLayout({ children }: { children: ReactNode }) {
  await connection();
  const session = await readSession({ db: (await getDb()).db });
  // Signed out: the page's own requirePage redirects to sign-in with the page as `next`.
  if (!session) return <>{children}</>;
  const { userId, username, displayName, role, groups } = session.principal;
  const user = { id: userId, username, displayName, role, groups };
  return (
    <SessionProvider user={user} csrfToken={session.csrfToken}>
      <AppHeader user={user} />
      {children}
    </SessionProvider>
  );
}
