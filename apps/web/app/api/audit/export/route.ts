import { exportAuditEvents } from "@groundwork/audit";
import { log } from "@groundwork/core/logger";
import { errorCodeOf, route } from "~/lib/server/http/route";
import { parseAuditQuery } from "./contract";

export const dynamic = "force-dynamic";

/**
 * CSV or JSON download of the filtered audit log, streamed page by page. The filter is
 * validated and the first page read before the response starts, so a bad filter is a 400 with
 * its reason rather than a 200 whose file stops after the header. A failure later, mid-stream,
 * errors the stream: the connection is cut before the end, and the client sees a failed
 * download, never a file that looks complete.
 */
export const GET = route({
  policy: "admin",
  audit: { action: "audit.export" },
  handler: async ({ req, db, audit, requestId }) => {
    const { filter, format } = parseAuditQuery(req);
    audit.note({ detail: { filter, format } });
    const rows = exportAuditEvents({ db, filter, format });
    const ahead: string[] = [];
    // The header, then the first page (the first query): failures here are ordinary errors.
    for (let i = 0; i < 2; i++) {
      const next = await rows.next();
      if (next.done) break;
      ahead.push(next.value);
    }
    // Written before the rest streams, so an export cut short is still on record.
    await audit.record();
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const buffered = ahead.shift();
        if (buffered !== undefined) return controller.enqueue(encoder.encode(buffered));
        try {
          const next = await rows.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          // The error's name and code only: driver messages can quote filter values.
          log.warn("audit export failed mid-stream", {
            requestId,
            error: (error as Error)?.name ?? "error",
            code: errorCodeOf(error),
          });
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
