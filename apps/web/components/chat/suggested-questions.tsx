"use client";

import { useEffect, useState } from "react";
import { apiJson } from "~/lib/client/api";

type Suggestion = { question: string; documentId: string; title: string; heading: string };

/**
 * Questions drawn from sections of documents the caller can read (GET /api/suggestions): with
 * `near` (an answer's cited chunk ids) the cited documents' other sections, without it the
 * first-run starters. Renders nothing when there are none — never canned questions that the
 * caller's documents may not answer.
 */
export function SuggestedQuestions({
  near,
  label,
  onAsk,
}: {
  near?: string[];
  label: string;
  onAsk: (question: string) => void;
}) {
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const key = (near ?? []).slice(0, 12).join(",");
  useEffect(() => {
    let cancelled = false;
    apiJson<{ suggestions: Suggestion[] }>(`/api/suggestions${key ? `?near=${encodeURIComponent(key)}` : ""}`)
      .then((res) => !cancelled && setSuggestions(res.suggestions))
      // Suggestions are a convenience: on any failure there are simply none.
      .catch(() => !cancelled && setSuggestions([]));
    return () => {
      cancelled = true;
    };
  }, [key]);
  if (!suggestions.length) return null;
  return (
    <div className="followups" role="group" aria-label={label}>
      {suggestions.map((s) => (
        <button
          key={`${s.documentId}:${s.heading}`}
          type="button"
          className="button secondary small"
          title={`From “${s.title}”, section “${s.heading}”`}
          onClick={() => onAsk(s.question)}
        >
          {s.question}
        </button>
      ))}
    </div>
  );
}
