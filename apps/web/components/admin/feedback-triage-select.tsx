"use client";

import { apiJson } from "~/lib/client/api";
import { TRIAGE_LABELS, type TriageState } from "./feedback-triage-labels";
import { useMutation } from "./use-mutation";

/** One rating's review state; a change saves at once (PATCH /api/admin/feedback/[id]). */
export function FeedbackTriageSelect({
  feedbackId,
  triage,
  label,
}: {
  feedbackId: string;
  triage: TriageState;
  /** Names the rating for assistive technology ("Review state of …"). */
  label: string;
}) {
  const { run, pending, error, message } = useMutation();
  return (
    <span className="row">
      <select
        aria-label={`Review state of ${label}`}
        defaultValue={triage}
        disabled={pending}
        onChange={(e) => {
          const next = e.currentTarget.value as TriageState;
          void run(
            () =>
              apiJson(`/api/admin/feedback/${feedbackId}`, {
                method: "PATCH",
                json: { triage: next },
              }),
            `Saved: ${TRIAGE_LABELS[next]}`,
          );
        }}
      >
        {(Object.keys(TRIAGE_LABELS) as TriageState[]).map((k) => (
          <option key={k} value={k}>
            {TRIAGE_LABELS[k]}
          </option>
        ))}
      </select>
      <span role="status" className="small muted">
        {message}
      </span>
      {error && (
        <span role="alert" className="error small">
          {error}
        </span>
      )}
    </span>
  );
}
