import { and, eq } from "drizzle-orm";
import { documentReaders, explainAccess, type AccessExplanation } from "@groundwork/access/explain-access";
import { resolvePrincipal } from "@groundwork/auth/principal";
import { GroundworkError } from "@groundwork/core/errors";
import { isUuid } from "@groundwork/core/ids";
import type { Database } from "@groundwork/db/client";
import { documents } from "@groundwork/db/schema";

type Values = Record<string, string | boolean | undefined>;

/** A document by id, or by its path when exactly one active document has it. */
async function documentIdOf({ db, given }: { db: Database; given: string }): Promise<string> {
  if (isUuid(given)) return given;
  const rows = await db
    .select({ id: documents.id })
    .from(documents)
    .where(and(eq(documents.path, given), eq(documents.status, "active")))
    .limit(2);
  if (rows.length === 1) return rows[0]!.id;
  throw new GroundworkError(
    rows.length ? "bad_request" : "not_found",
    rows.length
      ? `More than one source has an active document at ${given}; give its id.`
      : `No active document at ${given}.`,
  );
}

const grantText = (g: { kind: string; externalId?: string; email?: string | null }) =>
  g.kind === "user"
    ? `user ${g.externalId ?? ""}${g.email ? ` <${g.email}>` : " (e-mail hidden)"}`
    : g.kind === "group"
      ? `group ${g.externalId ?? ""}`
      : g.kind;

function explanationLines(e: AccessExplanation): string[] {
  const verdict = {
    admin: "yes, as an admin (whatever the access list says)",
    acl: "yes",
    denied: "no: they hold none of the principals on the access list",
    inactive: "no: this version is not the active one",
  }[e.reason];
  return [
    `can ${e.user.username} see it? ${verdict}`,
    ...e.grants.map(
      (g) =>
        `  ${g.sourceGrants.length ? `source grant ${g.sourceGrants.map(grantText).join(", ")} → ` : "access list entry → "}${g.principal}${
          g.group?.mirroredFrom
            ? ` (mirrored from ${g.group.mirroredFrom.sourceName ?? "?"}, external id ${g.group.mirroredFrom.externalId ?? "?"})`
            : ""
        } → ${g.heldAs === "user" ? "granted to the user" : g.heldAs === "everyone" ? "every user holds it" : "member"}`,
    ),
  ];
}

/**
 * `pnpm ingest explain-access --document ID|PATH [--user NAME] [--json]`: the admin's
 * "why can this user see this?" on the command line — the same explanation as the console's
 * document access page and GET /api/admin/documents/{id}/access (@groundwork/access/explain-access).
 */
export async function explainAccessCommand({ db, values }: { db: Database; values: Values }): Promise<number> {
  if (typeof values.document !== "string")
    throw new GroundworkError("bad_request", "usage: pnpm ingest explain-access --document ID|PATH [--user NAME]");
  const documentId = await documentIdOf({ db, given: values.document });
  const readers = await documentReaders({ db, documentId });
  if (!readers) throw new GroundworkError("not_found", `No document ${values.document}.`);
  const explanation =
    typeof values.user === "string"
      ? await explainAccess({ db, principal: await resolvePrincipal({ db, username: values.user }), documentId })
      : null;
  if (values.json) {
    console.log(JSON.stringify({ readers, explanation }));
    return 0;
  }
  const d = readers.document;
  console.log(
    `${d.title} (${d.source.name}/${d.source.kind}, ${d.status}) — access list: ${d.acl.join(", ") || "admins only"}`,
  );
  console.log(`last permission sync of ${d.source.name}: ${d.source.lastPermissionSyncAt ?? "never"}`);
  if (explanation) for (const line of explanationLines(explanation)) console.log(line);
  console.log(`who can see it (${readers.users.length}):`);
  for (const u of readers.users)
    console.log(`  ${u.username.padEnd(20)} ${u.role.padEnd(9)} ${u.via.join(", ") || "admin role"}`);
  for (const g of readers.groups)
    console.log(
      `  ${g.principal} — ${g.members} members${g.mirroredFrom ? `, mirrored from ${g.mirroredFrom.sourceName ?? "?"}` : ""}`,
    );
  if (readers.unmatched.length)
    console.log(`source grants matching nobody (grant nothing): ${readers.unmatched.map(grantText).join(", ")}`);
  return 0;
}
