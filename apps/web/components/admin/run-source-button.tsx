"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiJson, ApiError } from "~/lib/client/api";

export function RunSourceButton({ source, label = "Run now" }: { source: string; label?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <span className="row">
      <button
        type="button"
        className="button secondary small"
        disabled={pending}
        aria-label={`${label}: ${source}`}
        onClick={async () => {
          setPending(true);
          setError(null);
          try {
            const { runId } = await apiJson<{ runId: string }>("/api/admin/runs", { method: "POST", json: { source } });
            router.push(`/admin/runs/${runId}`);
          } catch (err) {
            setError(err instanceof ApiError ? err.message : "Could not start the run.");
            setPending(false);
          }
        }}
      >
        {label}
      </button>
      {error && (
        <span role="alert" className="error small">
          {error}
        </span>
      )}
    </span>
  );
}
