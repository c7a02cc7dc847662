import type { Metadata } from "next";
import { listLookupFacets } from "@groundwork/retrieval";
import { PolicyLookup } from "~/components/policy-lookup";
import { requirePage } from "~/lib/server/auth/require-page";
import { getDb } from "~/lib/server/db";

export const metadata: Metadata = { title: "Policy lookup" };

type LookupSearchParams = {
  q?: string | string[];
  source?: string | string[];
  type?: string | string[];
  tag?: string | string[];
};
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function LookupPage({ searchParams }: { searchParams: Promise<LookupSearchParams> }) {
  const session = await requirePage({ page: "/lookup" });
  const params = await searchParams;
  const facets = await listLookupFacets({ db: (await getDb()).db, principal: session.principal });
  return (
    <main id="main" className="wide">
      <h1>Policy lookup</h1>
      <PolicyLookup
        facets={facets}
        initialQuery={first(params.q)}
        // Only filters the reader can use: an unknown source, type or tag from a URL is dropped.
        initialFilters={{
          source: facets.sources.some((s) => s.id === first(params.source)) ? first(params.source) : "",
          type: facets.types.includes(first(params.type)) ? first(params.type) : "",
          tag: facets.tags.includes(first(params.tag)) ? first(params.tag) : "",
        }}
      />
    </main>
  );
}
