/**
 * The document viewer's deep link to one passage (`/documents/<id>?chunk=…&start=…&end=…`): one
 * builder for every surface that links to a citation — answers (assistant), lookup results (web
 * client), MCP and the OpenAI-compatible API — so the viewer's query contract lives in one place.
 * Offsets are into the document's normalized text.
 */
export function viewerHref({
  documentId,
  chunkId,
  charStart,
  charEnd,
}: {
  documentId: string;
  chunkId?: string | null;
  charStart?: number | null;
  charEnd?: number | null;
}): string {
  const q = new URLSearchParams();
  if (chunkId) q.set("chunk", chunkId);
  if (charStart != null) q.set("start", String(charStart));
  if (charEnd != null) q.set("end", String(charEnd));
  const qs = q.toString();
  return `/documents/${encodeURIComponent(documentId)}${qs ? `?${qs}` : ""}`;
}
