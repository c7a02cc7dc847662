import type { Metadata } from "next";
import { CloseWindow } from "~/components/embed/close-window";
import { requirePage } from "~/lib/server/auth/require-page";

export const metadata: Metadata = { title: "Signed in" };

/** Where the widget's sign-in window lands: the widget (in the other window) notices the session and reloads. */
export default async function EmbedSignedInPage() {
  const session = await requirePage({ page: "/embed/signed-in" });
  return (
    <main id="main" className="narrow">
      <h1>Signed in</h1>
      <p>
        You are signed in to Groundwork as {session.principal.displayName}. Go back to the page you came from; the
        widget there picks up your session.
      </p>
      <CloseWindow />
    </main>
  );
}
