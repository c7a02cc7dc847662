"use client";

import { useState } from "react";
import { apiJson } from "~/lib/client/api";
import { splitList, useMutation } from "./use-mutation";

/** Inline ACL edit for one document; applies to its chunks at once (next query). */
export function AclEditor({ documentId, title, acl }: { documentId: string; title: string; acl: string[] }) {
  const [value, setValue] = useState(acl.join(", "));
  const { run, pending, error, message } = useMutation();
  return (
    <form
      className="row"
      onSubmit={(e) => {
        e.preventDefault();
        void run(
          () => apiJson(`/api/admin/documents/${documentId}`, { method: "PATCH", json: { acl: splitList(value) } }),
          "Saved",
        );
      }}
    >
      <label className="sr-only" htmlFor={`acl-${documentId}`}>
        Access for {title}
      </label>
      <input
        id={`acl-${documentId}`}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder="admins only"
        size={22}
      />
      <button className="button secondary small" disabled={pending}>
        Save
      </button>
      {error ? (
        <span role="alert" className="error small">
          {error}
        </span>
      ) : (
        <span role="status" className="muted small">
          {message ?? ""}
        </span>
      )}
    </form>
  );
}
