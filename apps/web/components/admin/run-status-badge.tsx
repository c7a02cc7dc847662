const TONE: Record<string, string> = {
  succeeded: "ok",
  partial: "warn",
  failed: "err",
  cancelled: "",
  queued: "",
  running: "",
};

export function RunStatusBadge({ status }: { status: string }) {
  return <span className={`badge ${TONE[status] ?? ""}`}>{status}</span>;
}
