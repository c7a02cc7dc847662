import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { isGroundworkError } from "@groundwork/core/errors";
import { findSource, getRun, listRunFiles } from "@groundwork/ingest";
import { RunProgress } from "~/components/admin/run-progress";
import { requirePage } from "~/lib/server/auth/require-page";
import { getDb } from "~/lib/server/db";

export const metadata: Metadata = { title: "Ingestion run · Admin" };

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePage({ page: "/admin/runs/[id]", next: `/admin/runs/${id}` });
  const db = (await getDb()).db;
  const run = await getRun({ db, runId: id }).catch((e: unknown) => {
    if (isGroundworkError(e) && e.code === "not_found") notFound();
    throw e;
  });
  const [files, source] = await Promise.all([
    listRunFiles({ db, runId: id }),
    findSource({ db, source: run.sourceId }),
  ]);
  // Dates cross to the client component as JSON, like the polling endpoint returns them.
  const initial = JSON.parse(JSON.stringify({ run, files }));
  return (
    <main id="main">
      <p className="small">
        <Link href="/admin/sources">← Sources and runs</Link>
      </p>
      <h1>Ingestion run</h1>
      <RunProgress initial={initial} sourceName={source.name} />
    </main>
  );
}
