"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiJson, ApiError } from "~/lib/client/api";
import { ConfirmDeleteButton } from "./confirm-delete-button";

/**
 * A source card's buttons: Sync now (opens the run's live page), Pause/Resume, Edit, Delete.
 * Delete asks first (ConfirmDeleteButton) in a modal dialog that says how many documents leave search.
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
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function act(what: string, fn: () => Promise<void>) {
    setPending(what);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Request failed.");
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
        <ConfirmDeleteButton
          endpoint={`/api/admin/sources/${id}`}
          label={`Delete: ${name}`}
          title={`Delete source ${name}?`}
          consequences={
            <p>Its {docs} leave search at once. This cannot be undone; adding the source again re-reads everything.</p>
          }
          confirmText={`Delete ${name} and its ${docs}`}
          disabled={pending !== null}
          {...(afterDelete === "list" ? { after: "/admin/sources" } : {})}
        />
      </div>
      {error && (
        <p role="alert" className="error small">
          {error}
        </p>
      )}
    </div>
  );
}
