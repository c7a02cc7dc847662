import Link from "next/link";

export default function NotFound() {
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
