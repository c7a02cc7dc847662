import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { readOidcEnv } from "@groundwork/auth";
import { SignInForm } from "~/components/sign-in-form";
import { oidcEnabled } from "~/lib/server/auth/oidc";
import { safeNextPath } from "~/lib/server/auth/safe-next-path";
import { signInErrorMessage } from "~/lib/server/auth/sign-in-errors";
import { readSession } from "~/lib/server/auth/session";
import { getDb } from "~/lib/server/db";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[]; error?: string | string[]; retry?: string | string[] }>;
}) {
  const { next, error, retry } = await searchParams;
  const target = safeNextPath(typeof next === "string" ? next : null);
  const retryAfterSeconds = typeof retry === "string" && /^\d{1,6}$/.test(retry) ? Number(retry) : null;
  const message = signInErrorMessage({ code: typeof error === "string" ? error : undefined, retryAfterSeconds });
  await connection();
  const session = await readSession({ db: (await getDb()).db }).catch(() => null);
  if (session) redirect(target);
  const sso = oidcEnabled() ? (readOidcEnv()?.displayName ?? "Single sign-on") : null;
  return (
    <main id="main" className="narrow">
      <h1>Groundwork</h1>
      <p className="muted">Answers from Quillfeather Labs&apos; own policies, contracts and docs — each one cited.</p>
      <section className="card" aria-labelledby="sign-in-heading">
        <h2 id="sign-in-heading">Sign in</h2>
        <SignInForm next={target} initialError={message} />
        {sso && (
          <>
            <p className="divider">or</p>
            <a className="button secondary block" href={`/api/auth/sso-start?next=${encodeURIComponent(target)}`}>
              Continue with {sso}
            </a>
          </>
        )}
      </section>
    </main>
  );
}
