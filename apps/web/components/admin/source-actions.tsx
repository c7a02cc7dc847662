"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { apiJson, ApiError } from "~/lib/client/api";

/**
 * A source card's buttons: Sync now (opens the run's live page), Pause/Resume, Edit, Delete.
 * Delete asks first in a modal dialog that says how many documents leave search.
 */
export function SourceActions({
  id,
  name,
  paused,
  documents,
  showEdit = true,
  afterDelete = "refresh",
}: {
  id: string;
  name: string;
  paused: boolean;
  documents: number;
  showEdit?: boolean;
  /** On the source's own page there is nothing left to show: go back to the list. */
  afterDelete?: "refresh" | "list";
}) {
  const router = useRouter();
  const uid = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The dialog's own error, so a refusal is announced where the focus is.
  const [deleteError, setDeleteError] = useState<string | null>(null);

  async function act(what: string, fn: () => Promise<void>) {
    setPending(what);
    const show = what === "delete" ? setDeleteError : setError;
    show(null);
    try {
      await fn();
    } catch (err) {
      show(err instanceof ApiError ? err.message : "Request failed.");
    } finally {
      setPending(null);
    }
  }

  const docs = `${documents} document${documents === 1 ? "" : "s"}`;
  return (
    <div className="stack tight">
      <div className="row">
        <button
          type="button"
          className="button small"
          disabled={pending !== null}
          aria-label={`Sync now: ${name}`}
          onClick={() =>
            void act("sync", async () => {
              const { runId } = await apiJson<{ runId: string }>(`/api/admin/sources/${id}/runs`, {
                method: "POST",
                json: { mode: "sync" },
              });
              router.push(`/admin/runs/${runId}`);
            })
          }
        >
          {pending === "sync" ? "Starting…" : "Sync now"}
        </button>
        <button
          type="button"
          className="button secondary small"
          disabled={pending !== null}
          aria-label={`${paused ? "Resume" : "Pause"}: ${name}`}
          onClick={() =>
            void act("pause", async () => {
              await apiJson(`/api/admin/sources/${id}/${paused ? "resume" : "pause"}`, { method: "POST", json: {} });
              router.refresh();
            })
          }
        >
          {paused ? "Resume" : "Pause"}
        </button>
        {showEdit && (
          <Link className="button secondary small" href={`/admin/sources/${id}`} aria-label={`Edit: ${name}`}>
            Edit
          </Link>
        )}
        <button
          type="button"
          className="button danger small"
          disabled={pending !== null}
          aria-label={`Delete: ${name}`}
          aria-haspopup="dialog"
          onClick={() => {
            setDeleteError(null);
            dialog.current?.showModal();
          }}
        >
          Delete
        </button>
      </div>
      {error && (
        <p role="alert" className="error small">
          {error}
        </p>
      )}
      <dialog ref={dialog} className="card confirm" aria-labelledby={`${uid}-t`} aria-describedby={`${uid}-d`}>
        <h3 id={`${uid}-t`}>Delete source {name}?</h3>
        <p id={`${uid}-d`}>
          Its {docs} leave search at once. This cannot be undone; adding the source again re-reads everything.
        </p>
        <div className="row">
          {/* Cancel first and focused: Enter on an opened dialog must not delete. */}
          <button type="button" className="button secondary" autoFocus onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button
            type="button"
            className="button danger"
            disabled={pending !== null}
            onClick={() =>
              void act("delete", async () => {
                await apiJson(`/api/admin/sources/${id}`, { method: "DELETE" });
                dialog.current?.close();
                if (afterDelete === "list") router.push("/admin/sources");
                router.refresh();
              })
            }
          >
            {pending === "delete" ? "Deleting…" : `Delete ${name} and its ${docs}`}
          </button>
        </div>
        {deleteError && (
          <p role="alert" className="error small">
            {deleteError}
          </p>
        )}
      </dialog>
    </div>
  );
}
