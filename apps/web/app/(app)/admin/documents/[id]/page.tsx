import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { documentReaders, explainAccess, type AccessExplanation } from "@groundwork/access/explain-access";
import { resolvePrincipal } from "@groundwork/auth/principal";
import { isUuid } from "@groundwork/core/ids";
import { documentFootprint } from "@groundwork/ingest";
import { ConfirmDeleteButton } from "~/components/admin/confirm-delete-button";
import { TableWrap } from "~/components/table-wrap";
import { requirePage } from "~/lib/server/auth/require-page";
import { getDb } from "~/lib/server/db";

export const metadata: Metadata = { title: "Document access · Admin" };

const REASONS: Record<AccessExplanation["reason"], string> = {
  admin: "Yes — as an admin, whatever the document's access list says.",
  acl: "Yes — through the grants below.",
  denied: "No — they hold none of the principals on the document's access list.",
  inactive: "No — this version is not the active one (superseded or deleted versions are not searched).",
};

function grantText(g: { kind: string; externalId?: string; email?: string | null }): string {
  if (g.kind === "user") return `user ${g.externalId ?? ""}${g.email ? ` <${g.email}>` : " (e-mail hidden)"}`;
  if (g.kind === "group") return `group ${g.externalId ?? ""}`;
  return g.kind;
}

/**
 * "Why can this user see this?": a document's readers (users and groups, by the rule search
 * applies) and, for a user named in the form, each grant that lets them read it, traced from the
 * source's permission through the mirrored group to their membership.
 */
export default async function DocumentAccessPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ user?: string }>;
}) {
  const { id } = await params;
  const username = (await searchParams).user?.trim() ?? "";
  await requirePage({ page: "/admin/documents/[id]", next: `/admin/documents/${id}` });
  const db = (await getDb()).db;
  const readers = isUuid(id) ? await documentReaders({ db, documentId: id }) : null;
  if (!readers) notFound();
  const principal = username ? await resolvePrincipal({ db, username }).catch(() => null) : null;
  const explanation = principal ? await explainAccess({ db, principal, documentId: id }) : null;
  const { document } = readers;
  const footprint = await documentFootprint({ db, documentId: id });
  const versions = `${footprint.versions} version${footprint.versions === 1 ? "" : "s"}`;
  const chunkCount = `${footprint.chunks} searchable passage${footprint.chunks === 1 ? "" : "s"}`;
  return (
    <main id="main">
      <p className="small">
        <Link href="/admin/documents">← Documents</Link>
      </p>
      <h1>{document.title}</h1>
      <p className="muted small">
        {document.source.name} ({document.source.kind}) · {document.status} · access list:{" "}
        {document.acl.join(", ") || "empty (admins only)"} · last permission sync:{" "}
        {document.source.lastPermissionSyncAt ?? "never"}
      </p>
      <div className="row">
        <ConfirmDeleteButton
          endpoint={`/api/admin/documents/${id}`}
          label={`Delete: ${document.title}`}
          title={`Delete ${document.title}?`}
          consequences={
            <p>
              {footprint.sourceName} / {footprint.path}: {versions} and {chunkCount} leave search at once, for everyone,
              and the stored text and original are removed. This cannot be undone. If the file is still in the source,
              its next sync adds it back: remove it there to keep it out.
            </p>
          }
          confirmText={`Delete ${versions} and ${chunkCount}`}
          after="/admin/documents"
        />
      </div>

      <section aria-labelledby="why">
        <h2 id="why">Why can this user see this?</h2>
        <form className="row" method="get" aria-label="Explain a user's access">
          <label>
            Username
            <input name="user" defaultValue={username} required maxLength={100} />
          </label>
          <button className="button secondary small" style={{ alignSelf: "flex-end" }}>
            Explain
          </button>
        </form>
        {username && !principal ? <p role="status">No active user named {username}.</p> : null}
        {explanation ? (
          <div role="status">
            <p>
              <strong>{explanation.user.username}</strong>: {REASONS[explanation.reason]}
            </p>
            {explanation.grants.length ? (
              <ol>
                {explanation.grants.map((g) => (
                  <li key={g.principal}>
                    {g.sourceGrants.length
                      ? `Source grant ${g.sourceGrants.map(grantText).join(", ")} → `
                      : "Access list entry → "}
                    <code>{g.principal}</code>
                    {g.group?.mirroredFrom
                      ? ` (group mirrored from ${g.group.mirroredFrom.sourceName ?? "a source"}, external id ${g.group.mirroredFrom.externalId ?? "?"})`
                      : ""}
                    {" → "}
                    {g.heldAs === "user"
                      ? "granted to the user directly"
                      : g.heldAs === "everyone"
                        ? "every signed-in user holds it"
                        : `${explanation.user.username} is a member`}
                  </li>
                ))}
              </ol>
            ) : null}
          </div>
        ) : null}
      </section>

      <section aria-labelledby="who">
        <h2 id="who">Who can see this document</h2>
        {readers.groups.length ? (
          <ul>
            {readers.groups.map((g) => (
              <li key={g.principal}>
                {g.mirroredFrom || g.principal === "group:everyone" ? (
                  <code>{g.principal}</code>
                ) : (
                  <Link href={`/admin/groups/${encodeURIComponent(g.principal.replace(/^group:/, ""))}`}>
                    <code>{g.principal}</code>
                  </Link>
                )}{" "}
                — {g.members} member{g.members === 1 ? "" : "s"}
                {g.mirroredFrom ? ` · mirrored from ${g.mirroredFrom.sourceName ?? "a source"}` : ""}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted small">No group is on the access list.</p>
        )}
        <TableWrap label="Who can see this document table">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Role</th>
                <th scope="col">Through</th>
              </tr>
            </thead>
            <tbody>
              {readers.users.map((u) => (
                <tr key={u.id}>
                  <td>
                    <Link href={`/admin/documents/${id}?user=${encodeURIComponent(u.username)}`}>{u.username}</Link>
                  </td>
                  <td>{u.role}</td>
                  <td className="small">{u.via.join(", ") || (u.admin ? "admin role" : "")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        {readers.unmatched.length ? (
          <p className="muted small">
            Source grants that match nobody here (they grant nothing): {readers.unmatched.map(grantText).join(", ")}.
          </p>
        ) : null}
      </section>
    </main>
  );
}
