import { normalizeAcl } from "@groundwork/access/acl";
import { GroundworkError } from "@groundwork/core/errors";
import { createSource, listSources, readIngestEnv, storeUpload } from "@groundwork/ingest";
import { formText } from "~/lib/http/form-text";
import { route } from "~/lib/server/http/route";
import { uploadResponse } from "./contract";

const MAX_FILES = 50;

/** A few files' worth plus the form's own overhead. */
function uploadBodyLimit(): number {
  return readIngestEnv().maxFileBytes * 4 + 1024 * 1024;
}

/**
 * Multipart upload (fields: source, acl, files). Files are stored with their ACL into an upload
 * source; parsing happens in the ingestion run, never in the web process.
 */
export const POST = route({
  policy: "admin",
  response: uploadResponse,
  // The wrapper streams the body and stops at this limit (with or without Content-Length);
  // the per-file limit is storeUpload's.
  maxBodyBytes: uploadBodyLimit(),
  bodyTooLargeMessage: `Upload is too large; the limit is ${Math.round(readIngestEnv().maxFileBytes / 1024 / 1024)} MB per file.`,
  accept: ["multipart/form-data"],
  audit: { action: "upload.store" },
  handler: async ({ db, req, audit }) => {
    let form: FormData;
    try {
      form = await req.formData();
    } catch {
      throw new GroundworkError("bad_request", "Expected a multipart form with files.");
    }
    const files = form.getAll("files").filter((f): f is File => typeof f !== "string");
    if (files.length === 0) throw new GroundworkError("bad_request", "Choose at least one file.");
    if (files.length > MAX_FILES) throw new GroundworkError("bad_request", `At most ${MAX_FILES} files per upload.`);
    const acl = normalizeAcl(formText(form.get("acl")).split(/[,\s]+/));
    let source = formText(form.get("source")).trim();
    audit.note({ target: source || null, detail: { acl, files: files.length } });
    if (!source) {
      // First upload ever: create the default upload source (admins-only default ACL).
      const existing = (await listSources({ db })).find((s) => s.kind === "upload");
      source = existing?.name ?? (await createSource({ db, name: "uploads", kind: "upload" })).name;
    }
    const stored: { path: string; bytes: number }[] = [];
    const errors: { filename: string; message: string }[] = [];
    for (const f of files) {
      try {
        stored.push(
          await storeUpload({ db, source, filename: f.name, bytes: new Uint8Array(await f.arrayBuffer()), acl }),
        );
      } catch (error) {
        // One bad file doesn't lose the others.
        errors.push({
          filename: f.name,
          message: error instanceof GroundworkError ? error.message : "Could not store this file.",
        });
      }
    }
    await audit.record({
      target: source,
      outcome: errors.length === 0 ? "ok" : stored.length ? "partial" : "error",
      detail: { files: stored.map((s) => s.path), failed: errors.map((e) => e.filename) },
    });
    return Response.json({ source, stored, errors }, { status: stored.length ? 201 : 400 });
  },
});
