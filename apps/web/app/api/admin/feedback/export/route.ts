import { listEvalSetFeedback } from "@groundwork/assistant";
import { listUsers } from "@groundwork/auth";
import { route } from "~/lib/server/http/route";

export const dynamic = "force-dynamic";

/**
 * The ratings marked "added to eval set" as JSONL in the golden-set format
 * (ingest/corpus/golden-set.json's fields, one object per line), for whoever curates the set.
 */
export const GET = route({
  policy: "admin",
  audit: { action: "feedback.export" },
  handler: async ({ db, audit }) => {
    // Ratings are the assistant's table, raters' names the auth package's: each read by its owner.
    const names = new Map((await listUsers({ db })).map((u) => [u.id, u.username]));
    const lines = await listEvalSetFeedback({ db, usernameOf: (id) => names.get(id) });
    audit.note({ detail: { lines: lines.length } });
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
    return new Response(lines.map((l) => JSON.stringify(l)).join("\n") + (lines.length ? "\n" : ""), {
      headers: {
        "content-type": "application/x-ndjson; charset=utf-8",
        "content-disposition": `attachment; filename="groundwork-feedback-eval-${stamp}.jsonl"`,
        "cache-control": "no-store",
      },
    });
  },
});
