import { exportAuditEvents } from "@groundwork/audit";
import { route } from "~/lib/http/route";
import { parseAuditQuery } from "../parse-audit-query";

export const dynamic = "force-dynamic";

/** CSV or JSON download of the filtered audit log, streamed page by page. */
export const GET = route({
  policy: "admin",
  // Written before the rows stream, so an export cut short is still on record.
  audit: { action: "audit.export" },
  handler: async ({ req, db, audit }) => {
    const { filter, format } = parseAuditQuery(req);
    await audit.record({ detail: { filter, format } });
    const rows = exportAuditEvents({ db, filter, format });
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const next = await rows.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          controller.error(error);
        }
      },
      async cancel() {
        await rows.return(undefined);
      },
    });
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
    return new Response(stream, {
      headers: {
        "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="groundwork-audit-${stamp}.${format}"`,
        "cache-control": "no-store",
      },
    });
  },
});
