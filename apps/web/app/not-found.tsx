import { connection } from "next/server";
import { NotFoundBody } from "~/components/not-found-body";
import { SignedInShell } from "~/components/signed-in-shell";

/** A URL no page matches: outside the (app) layout, so the header comes from the shell here. */
export default async function NotFound() {
  await connection();
  return (
    <SignedInShell>
      <NotFoundBody />
    </SignedInShell>
  );
}
