export { viewerHref } from "@groundwork/core/viewer-href";

export function pageLabel(pageFrom: number | null | undefined, pageTo: number | null | undefined): string | null {
  if (pageFrom == null) return null;
  return pageTo != null && pageTo !== pageFrom ? `pp. ${pageFrom}–${pageTo}` : `p. ${pageFrom}`;
}

/** Plain-text citation a support agent pastes into a reply: title, version, page, link. */
export function citationText({
  title,
  version,
  pageFrom,
  pageTo,
  href,
  origin,
}: {
  title: string;
  version: number;
  pageFrom: number | null;
  pageTo: number | null;
  href: string;
  origin: string;
}): string {
  const page = pageLabel(pageFrom, pageTo);
  return `${title} (v${version}${page ? `, ${page}` : ""}) — ${origin}${href}`;
}

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API needs a secure context; fall back to a hidden textarea.
    const ta = document.createElement("textarea");
    ta.value = text;
    ta.setAttribute("readonly", "");
    ta.style.position = "fixed";
    ta.style.opacity = "0";
    document.body.append(ta);
    ta.select();
    const ok = document.execCommand("copy");
    ta.remove();
    return ok;
  }
}
