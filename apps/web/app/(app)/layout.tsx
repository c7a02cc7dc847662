import { connection } from "next/server";
import type { ReactNode } from "react";
import { SignedInShell } from "~/components/signed-in-shell";

/** Signed-in shell. Each page still checks its own policy (layouts are not re-run on every navigation). */
export default async function AppLayout({ children }: { children: ReactNode }) {
  await connection();
  // Signed out: the page's own requirePage redirects to sign-in with the page as `next`.
  return <SignedInShell>{children}</SignedInShell>;
}
