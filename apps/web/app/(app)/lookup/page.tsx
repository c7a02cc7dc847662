import type { Metadata } from "next";
import { listLookupFacets } from "@groundwork/retrieval";
import { PolicyLookup } from "~/components/policy-lookup";
import { requirePage } from "~/lib/server/auth/require-page";
import { getDb } from "~/lib/server/db";

export const metadata: Metadata = { title: "Policy lookup" };

export default async function LookupPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const session = await requirePage({ page: "/lookup" });
  const { q } = await searchParams;
  const facets = await listLookupFacets({ db: (await getDb()).db, principal: session.principal });
  return (
    <main id="main" className="wide">
      <h1>Policy lookup</h1>
      <PolicyLookup facets={facets} initialQuery={q ?? ""} />
    </main>
  );
}
