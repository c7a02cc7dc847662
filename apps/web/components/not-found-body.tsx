import Link from "next/link";

/** What a missing page or document says; the same words whether it does not exist or is not the reader's. */
export function NotFoundBody() {
  return (
    <main id="main" className="narrow">
      <h1>Not found</h1>
      <p>This page or document does not exist, or you don&apos;t have access to it.</p>
      <p>
        <Link href="/">Back to Groundwork</Link>
      </p>
    </main>
  );
}
