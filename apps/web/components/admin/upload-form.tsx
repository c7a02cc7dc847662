"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { acceptedFormatsLabel, localExtensions } from "@groundwork/ingest/formats";
import { apiFetch, apiJson, ApiError } from "~/lib/client/api";
import { FormStatus } from "./form-status";

type UploadResult = { source: string; stored: { path: string }[]; errors: { filename: string; message: string }[] };

export function UploadForm({ uploadSources, groups }: { uploadSources: string[]; groups: string[] }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <form
      className="stack card"
      aria-labelledby="upload-h"
      onSubmit={async (e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const data = new FormData(form);
        const startRun = data.get("run") === "on";
        setPending(true);
        setError(null);
        setMessage(null);
        try {
          const res = await apiFetch("/api/admin/uploads", { method: "POST", body: data });
          const out = (await res.json()) as UploadResult;
          const failed = out.errors.map((x) => `${x.filename}: ${x.message}`).join(" ");
          setMessage(
            `Stored ${out.stored.length} file${out.stored.length === 1 ? "" : "s"} in ${out.source}.${failed ? ` Failed: ${failed}` : ""}`,
          );
          form.reset();
          if (startRun) {
            const { runId } = await apiJson<{ runId: string }>("/api/admin/runs", {
              method: "POST",
              json: { source: out.source },
            });
            router.push(`/admin/runs/${runId}`);
          } else router.refresh();
        } catch (err) {
          setError(err instanceof ApiError ? err.message : "Upload failed.");
        } finally {
          setPending(false);
        }
      }}
    >
      <h2 id="upload-h">Upload documents</h2>
      <label>
        Upload source
        <select name="source" defaultValue={uploadSources[0] ?? ""}>
          {uploadSources.length === 0 && <option value="">uploads (created on first upload)</option>}
          {uploadSources.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        Files ({acceptedFormatsLabel()})
        <input name="files" type="file" multiple required accept={localExtensions().join(",")} />
      </label>
      <label>
        Who may read them (groups, comma-separated; empty = admins only)
        <input name="acl" list="known-groups" placeholder="hr" />
        <datalist id="known-groups">
          {groups.map((g) => (
            <option key={g} value={g} />
          ))}
        </datalist>
      </label>
      <label className="inline">
        <input type="checkbox" name="run" defaultChecked /> Start an ingestion run after uploading
      </label>
      <button className="button" disabled={pending}>
        {pending ? "Uploading…" : "Upload"}
      </button>
      <FormStatus error={error} message={message} />
    </form>
  );
}
