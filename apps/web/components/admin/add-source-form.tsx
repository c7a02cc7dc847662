"use client";

import { useState } from "react";
import { apiJson } from "~/lib/client/api";
import { formText } from "~/lib/http/form-text";
import { FormStatus } from "./form-status";
import { splitList, useMutation } from "./use-mutation";

export function AddSourceForm() {
  const [kind, setKind] = useState<"folder" | "upload">("folder");
  const { run, pending, error, message } = useMutation();
  return (
    <form
      className="stack card"
      aria-labelledby="add-source-h"
      onSubmit={async (e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const f = new FormData(form);
        const ok = await run(
          () =>
            apiJson("/api/admin/sources", {
              method: "POST",
              json: {
                name: formText(f.get("name")),
                kind,
                ...(f.get("path") ? { path: formText(f.get("path")) } : {}),
                defaultAcl: splitList(formText(f.get("acl"))),
              },
            }),
          "Source added.",
        );
        if (ok) form.reset();
      }}
    >
      <h2 id="add-source-h">Add a source</h2>
      <label>
        Name
        <input name="name" required pattern="[a-z0-9][a-z0-9_\-]{0,62}" placeholder="handbook" />
      </label>
      <label>
        Kind
        <select value={kind} onChange={(e) => setKind(e.target.value as "folder" | "upload")}>
          <option value="folder">Folder on the server</option>
          <option value="upload">Uploads</option>
        </select>
      </label>
      {kind === "folder" && (
        <label>
          Folder path
          <input name="path" required placeholder="/srv/docs/handbook" />
        </label>
      )}
      <label>
        Default access (groups or user:&lt;id&gt;, comma-separated; empty = admins only)
        <input name="acl" placeholder="everyone" />
      </label>
      <button className="button" disabled={pending}>
        Add source
      </button>
      <FormStatus error={error} message={message} />
    </form>
  );
}
