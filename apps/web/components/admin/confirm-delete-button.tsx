"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, type ReactNode } from "react";
import { apiJson, ApiError } from "~/lib/client/api";

/**
 * A Delete button that asks first, in a modal dialog saying what goes (the caller's `consequences`),
 * then DELETEs `endpoint` and goes to `after` (or refreshes). Cancel is first and focused, so Enter
 * on the opened dialog never deletes; a refusal (409, 404) is announced inside the dialog.
 */
export function ConfirmDeleteButton({
  endpoint,
  label,
  title,
  consequences,
  confirmText,
  after,
  disabled = false,
}: {
  endpoint: string;
  /** The button's accessible name: "Delete: <what>". */
  label: string;
  title: string;
  consequences: ReactNode;
  confirmText: string;
  after?: string;
  /** While another action of the same row is under way. */
  disabled?: boolean;
}) {
  const router = useRouter();
  const uid = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      await apiJson(endpoint, { method: "DELETE" });
      dialog.current?.close();
      if (after) router.push(after);
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Request failed.");
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <button
        type="button"
        className="button danger small"
        disabled={disabled}
        aria-label={label}
        aria-haspopup="dialog"
        onClick={() => {
          setError(null);
          dialog.current?.showModal();
        }}
      >
        Delete
      </button>
      <dialog ref={dialog} className="card confirm" aria-labelledby={`${uid}-t`} aria-describedby={`${uid}-d`}>
        <h3 id={`${uid}-t`}>{title}</h3>
        <div id={`${uid}-d`}>{consequences}</div>
        <div className="row">
          <button type="button" className="button secondary" autoFocus onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="button" className="button danger" disabled={pending} onClick={() => void confirm()}>
            {pending ? "Deleting…" : confirmText}
          </button>
        </div>
        {error && (
          <p role="alert" className="error small">
            {error}
          </p>
        )}
      </dialog>
    </>
  );
}
