import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { AppHeader } from "~/components/app-header";
import { SessionProvider } from "~/components/session-provider";
import { parseTheme, THEME_COOKIE } from "~/lib/client/theme";
import { readSession } from "~/lib/server/auth/session";
import { getDb } from "~/lib/server/db";

/**
 * The header and session of a signed-in reader around a page: the (app) layout's, and the
 * top-level 404's, so a reader who mistypes a URL keeps their navigation. Signed out, the
 * children alone (pages redirect to sign-in themselves).
 */
export async function SignedInShell({ children }: { children: ReactNode }) {
  const session = await readSession({ db: (await getDb()).db });
  if (!session) return <>{children}</>;
  const { userId, username, displayName, role, groups } = session.principal;
  const user = { id: userId, username, displayName, role, groups };
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <SessionProvider user={user} csrfToken={session.csrfToken}>
      <AppHeader user={user} theme={theme} />
      {children}
    </SessionProvider>
  );
}
