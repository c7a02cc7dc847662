/** Short document kinds shown in filters and badges; the search API accepts these names too. */
export const MIME_KINDS: Record<string, string> = {
  "application/pdf": "pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "text/html": "html",
  "text/markdown": "md",
  "text/csv": "csv",
  "text/plain": "txt",
};

export function mimeKind(mime: string): string {
  return MIME_KINDS[mime.split(";")[0]!.trim()] ?? mime.split("/").pop() ?? mime;
}
