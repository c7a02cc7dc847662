import { GroundworkError } from "@groundwork/core/errors";
import { listSuggestedSections } from "@groundwork/retrieval";
import { route } from "~/lib/server/http/route";
import { suggestionsResponse } from "./contract";

export const dynamic = "force-dynamic";

/** The question a section answers, phrased the way a reader would ask it in chat. */
function questionFor({ title, heading }: { title: string; heading: string }): string {
  return `What does ${title} say about ${heading}?`;
}

/**
 * Questions to ask next (`?near=` the cited chunk ids of an answer) or first (no `near`), built
 * from the headings of sections the caller can read; an empty list when there are none. Cited
 * ids the caller cannot read are ignored exactly like ids that do not exist.
 */
export const GET = route({
  policy: "user",
  response: suggestionsResponse,
  audit: { action: "suggestions.list" },
  handler: async ({ req, db, principal, audit }) => {
    const near = (new URL(req.url).searchParams.get("near") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (near.length > 12) throw new GroundworkError("bad_request", "Invalid request: near takes at most 12 ids.");
    const sections = await listSuggestedSections({ db, principal, nearChunkIds: near, limit: near.length ? 3 : 4 });
    audit.note({ detail: { near: near.length, returned: sections.length } });
    return Response.json(
      { suggestions: sections.map((s) => ({ ...s, question: questionFor(s) })) },
      { headers: { "cache-control": "no-store" } },
    );
  },
});
