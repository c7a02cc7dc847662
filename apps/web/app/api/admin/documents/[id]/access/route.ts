import { documentReaders, explainAccess } from "@groundwork/access/explain-access";
import { resolvePrincipal } from "@groundwork/auth/principal";
import { GroundworkError } from "@groundwork/core/errors";
import { isUuid } from "@groundwork/core/ids";
import { route } from "~/lib/server/http/route";
import { documentAccessResponse } from "./contract";

/**
 * Who can see a document (users and groups, by the rule search applies) and, with `?user=NAME`,
 * why that user can or cannot: each ACL entry they hold traced to the source's grant, the
 * mirrored group and their membership, with the source's last permission sync.
 */
export const GET = route({
  policy: "admin",
  response: documentAccessResponse,
  handler: async ({ db, req, params }) => {
    const documentId = String(params.id);
    const username = new URL(req.url).searchParams.get("user")?.trim();
    const readers = isUuid(documentId) ? await documentReaders({ db, documentId }) : null;
    if (!readers) throw new GroundworkError("not_found", "No such document.");
    let explanation = null;
    if (username) {
      const principal = await resolvePrincipal({ db, username }).catch((error: unknown) => {
        throw new GroundworkError("not_found", `No active user named ${username.slice(0, 100)}.`, { cause: error });
      });
      explanation = await explainAccess({ db, principal, documentId });
    }
    return Response.json({ readers, explanation }, { headers: { "cache-control": "no-store" } });
  },
});
