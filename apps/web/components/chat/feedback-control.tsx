"use client";

import { useState } from "react";
import { apiFetch, ApiError } from "~/lib/client/api";

function Thumb({ down }: { down?: boolean }) {
  // Inline SVG rather than emoji: emoji fonts are not installed everywhere (e.g. headless Linux).
  return (
    <svg
      width="18"
      height="18"
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      style={down ? { transform: "rotate(180deg)" } : undefined}
    >
      <path
        fill="currentColor"
        d="M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L13.17 1 6.59 7.59C6.22 7.95 6 8.45 6 9v10a2 2 0 0 0 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z"
      />
    </svg>
  );
}

/** Thumbs up/down on an answer, then an optional comment. */
export function FeedbackControl({
  messageId,
  initial,
}: {
  messageId: string;
  initial: { rating: number; comment: string | null } | null;
}) {
  const [rating, setRating] = useState<1 | -1 | null>(initial ? (initial.rating > 0 ? 1 : -1) : null);
  const [comment, setComment] = useState("");
  const [state, setState] = useState<"idle" | "saving" | "saved" | "error">("idle");
  const [error, setError] = useState<string | null>(null);
  const [commentSent, setCommentSent] = useState(Boolean(initial?.comment));

  async function send(next: 1 | -1, withComment?: string) {
    setRating(next);
    setState("saving");
    try {
      await apiFetch("/api/feedback", {
        method: "POST",
        json: { messageId, rating: next, ...(withComment ? { comment: withComment } : {}) },
      });
      setState("saved");
      setError(null);
      if (withComment) setCommentSent(true);
    } catch (err) {
      setState("error");
      setError(err instanceof ApiError ? err.message : "Could not save feedback.");
    }
  }

  return (
    <div className="feedback-row">
      <span className="muted small">Was this helpful?</span>
      <button
        type="button"
        className="icon-button"
        aria-pressed={rating === 1}
        aria-label="Helpful"
        onClick={() => void send(1)}
      >
        <Thumb />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-pressed={rating === -1}
        aria-label="Not helpful"
        onClick={() => void send(-1)}
      >
        <Thumb down />
      </button>
      {rating !== null && !commentSent && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (comment.trim()) void send(rating, comment.trim());
          }}
        >
          <label className="sr-only" htmlFor={`fb-${messageId}`}>
            Comment (optional)
          </label>
          <input
            id={`fb-${messageId}`}
            value={comment}
            maxLength={2000}
            onChange={(e) => setComment(e.target.value)}
            placeholder="Add a comment (optional)"
          />
          <button type="submit" className="button secondary small" disabled={!comment.trim() || state === "saving"}>
            Send
          </button>
        </form>
      )}
      <span className={state === "error" ? "error small" : "muted small"} role="status">
        {state === "saved"
          ? commentSent
            ? "Thanks — comment recorded."
            : "Thanks — feedback recorded."
          : state === "error"
            ? error
            : ""}
      </span>
    </div>
  );
}
