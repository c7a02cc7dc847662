"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { TableWrap } from "~/components/table-wrap";
import { apiJson, ApiError } from "~/lib/client/api";
import { RunSourceButton } from "./run-source-button";
import { RunStatusBadge } from "./run-status-badge";

type Run = {
  id: string;
  status: string;
  trigger: string;
  counts: Record<string, number>;
  progressDone: number;
  progressTotal: number;
  chunksWritten: number;
  embeddingCalls: number;
  error: string | null;
  cancelRequested: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};
type RunFile = {
  id: number;
  path: string;
  outcome: string;
  error: string | null;
  documentId: string | null;
  chunks: number;
  durationMs: number;
};

const POLL_MS = 1000;
const ACTIVE = new Set(["queued", "running"]);

/** Live view of one ingestion run: polls while it is queued or running, then stops. */
export function RunProgress({ initial, sourceName }: { initial: { run: Run; files: RunFile[] }; sourceName: string }) {
  const [data, setData] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const { run, files } = data;
  const active = ACTIVE.has(run.status);

  useEffect(() => {
    if (!active) return;
    let stopped = false;
    const poll = async () => {
      try {
        const next = await apiJson<{ run: Run; files: RunFile[] }>(`/api/admin/runs/${run.id}`);
        if (!stopped) setData(next);
      } catch (err) {
        if (!stopped) setError(err instanceof ApiError ? err.message : "Lost contact with the server; retrying.");
      }
    };
    const t = setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(t);
    };
  }, [active, run.id]);

  const pct = run.progressTotal ? Math.round((run.progressDone / run.progressTotal) * 100) : active ? 0 : 100;
  const failed = files.filter((f) => f.outcome === "failed");
  return (
    <>
      <div className="card stack" aria-live="polite">
        <div className="row">
          <strong>Status:</strong> <RunStatusBadge status={run.status} />
          {run.cancelRequested && active && <span className="badge warn">cancel requested</span>}
          <span className="muted small">
            {sourceName} · trigger {run.trigger}
          </span>
        </div>
        <label>
          Progress: {run.progressDone} of {run.progressTotal || "?"} files ({pct}%)
          <progress
            className="progress"
            max={run.progressTotal || 1}
            value={run.progressTotal ? run.progressDone : active ? undefined : 1}
          />
        </label>
        <p className="small" data-testid="run-counts">
          Added {run.counts.added ?? 0} · updated {run.counts.updated ?? 0} · unchanged {run.counts.unchanged ?? 0} ·
          deleted {run.counts.deleted ?? 0} · ACL updated {run.counts.aclUpdated ?? 0} · failed {run.counts.failed ?? 0}{" "}
          · chunks written {run.chunksWritten} · embedding calls {run.embeddingCalls}
        </p>
        {run.error && (
          <p role="alert" className="error">
            {run.error}
          </p>
        )}
        {error && <p className="error small">{error}</p>}
        <div className="row">
          {active ? (
            <button
              type="button"
              className="button danger small"
              disabled={cancelling || run.cancelRequested}
              onClick={async () => {
                setCancelling(true);
                try {
                  const res = await apiJson<{ run: Run }>(`/api/admin/runs/${run.id}/cancel`, { method: "POST" });
                  setData((d) => ({ ...d, run: res.run }));
                } catch (err) {
                  setError(err instanceof ApiError ? err.message : "Could not cancel.");
                } finally {
                  setCancelling(false);
                }
              }}
            >
              Cancel run
            </button>
          ) : (
            <RunSourceButton source={sourceName} label="Re-run" />
          )}
        </div>
      </div>
      {failed.length > 0 && (
        <section aria-labelledby="errors-h">
          <h2 id="errors-h">Errors ({failed.length})</h2>
          <ul>
            {failed.map((f) => (
              <li key={f.id}>
                <strong>{f.path}</strong>: <span className="error">{f.error}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="files-h">
        <h2 id="files-h">Files ({files.length})</h2>
        <TableWrap label="Files table">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Path</th>
                <th scope="col">Outcome</th>
                <th scope="col">Chunks</th>
                <th scope="col">Time</th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {files.map((f) => (
                <tr key={f.id}>
                  <td>
                    {f.documentId && f.outcome !== "deleted" ? (
                      <Link href={`/documents/${f.documentId}`}>{f.path}</Link>
                    ) : (
                      f.path
                    )}
                  </td>
                  <td>
                    <span className={`badge ${f.outcome === "failed" ? "err" : f.outcome === "unchanged" ? "" : "ok"}`}>
                      {f.outcome}
                    </span>
                  </td>
                  <td>{f.chunks}</td>
                  <td>{f.durationMs} ms</td>
                  <td className="error small">{f.error ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>
    </>
  );
}
