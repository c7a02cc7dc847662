import { GroundworkError } from "@groundwork/core/errors";
import { readDocumentFile } from "@groundwork/retrieval";
import { route } from "~/lib/server/http/route";

function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** The original file, permission-checked like the viewer: forbidden and missing are the same 404. */
export const GET = route({
  policy: "user",
  audit: { action: "document.download", target: ({ params }) => String(params.id) },
  handler: async ({ db, principal, params, audit }) => {
    const documentId = String(params.id);
    const file = await readDocumentFile({ db, principal, documentId });
    // Forbidden and missing share one outcome, as they share one response.
    await audit.record({ outcome: file ? "ok" : "denied" });
    if (!file) throw new GroundworkError("not_found", "Document not found.");
    return new Response(new Uint8Array(file.content), {
      headers: {
        "content-type": file.mime || "application/octet-stream",
        "content-disposition": contentDisposition(file.filename),
        "content-length": String(file.content.length),
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
        // An HTML original must never run as this origin, even if a browser renders it inline.
        "content-security-policy": "sandbox",
      },
    });
  },
});
