import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { groupFootprint, type GroupFootprint } from "@groundwork/ingest";
import { ConfirmDeleteButton } from "~/components/admin/confirm-delete-button";
import { requirePage } from "~/lib/server/auth/require-page";
import { getDb } from "~/lib/server/db";

export const metadata: Metadata = { title: "Group · Admin" };

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/**
 * One hand-made group (by name or id): who and what it covers, and its delete with a confirmation
 * that says which documents become admin-only. Mirrored groups belong to their source (404 here).
 */
export default async function GroupPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const key = decodeURIComponent(id);
  await requirePage({ page: "/admin/groups/[id]", next: `/admin/groups/${id}` });
  const db = (await getDb()).db;
  const group: GroupFootprint | null = await groupFootprint({ db, group: key }).catch((error: unknown) => {
    if ((error as { code?: string }).code === "not_found" || (error as { code?: string }).code === "conflict")
      return null;
    throw error;
  });
  if (!group) notFound();
  return (
    <main id="main">
      <p className="small">
        <Link href="/admin/users">← Users and groups</Link>
      </p>
      <h1>Group {group.name}</h1>
      <dl className="source-facts">
        <div>
          <dt>Members</dt>
          <dd>{group.members}</dd>
        </div>
        <div>
          <dt>Documents naming it</dt>
          <dd>{group.documents}</dd>
        </div>
        <div>
          <dt>Readable only through it</dt>
          <dd>{group.adminOnly}</dd>
        </div>
      </dl>
      <ConfirmDeleteButton
        endpoint={`/api/admin/groups/${group.id}`}
        label={`Delete: group ${group.name}`}
        title={`Delete group ${group.name}?`}
        consequences={
          <>
            <p>
              {plural(group.members, "member")} lose{group.members === 1 ? "s" : ""} it, and it leaves the access list
              of {plural(group.documents, "document")} at once.
            </p>
            <p>
              {group.adminOnly
                ? `${plural(group.adminOnly, "document")} only this group could read become${group.adminOnly === 1 ? "s" : ""} admin-only.`
                : "No document becomes admin-only: every one it named has other readers."}{" "}
              An access file or connector permission that still names it writes it back at the next run, where it grants
              nothing unless a group of that name is created again. This cannot be undone.
            </p>
          </>
        }
        confirmText={`Delete group ${group.name}`}
        after="/admin/users"
      />
    </main>
  );
}
