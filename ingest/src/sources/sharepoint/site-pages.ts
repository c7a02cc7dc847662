/**
 * A SharePoint site page (GET /sites/{site}/pages/{id}/microsoft.graph.sitePage?$expand=canvasLayout)
 * as one HTML document for our HTML parser: the title as <title> and <h1>, then each
 * horizontal section's columns and the vertical section in reading order. Text web parts carry
 * their HTML (`innerHtml`); other web parts contribute their title and description, when they
 * have them (an image's caption, a quick-links heading), never their raw configuration.
 * https://learn.microsoft.com/graph/api/resources/sitepage
 */
export type WebPart = {
  "@odata.type"?: string;
  innerHtml?: string;
  data?: { title?: string; description?: string };
};
export type CanvasLayout = {
  horizontalSections?: Array<{ columns?: Array<{ webparts?: WebPart[] }> }>;
  verticalSection?: { webparts?: WebPart[] };
};
export type SitePage = {
  id: string;
  name?: string;
  title?: string;
  description?: string;
  webUrl?: string;
  eTag?: string;
  lastModifiedDateTime?: string;
  createdBy?: { user?: { displayName?: string } };
  canvasLayout?: CanvasLayout;
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

function webPartHtml(part: WebPart): string {
  if (part["@odata.type"]?.endsWith("textWebPart")) return part.innerHtml ?? "";
  const bits = [part.data?.title, part.data?.description].filter((s): s is string => Boolean(s?.trim()));
  return bits.map((b) => `<p>${escapeHtml(b)}</p>`).join("\n");
}

export function sitePageHtml(page: SitePage): string {
  const title = page.title ?? page.name ?? "Untitled page";
  const parts: string[] = [];
  for (const section of page.canvasLayout?.horizontalSections ?? [])
    for (const column of section.columns ?? []) for (const part of column.webparts ?? []) parts.push(webPartHtml(part));
  for (const part of page.canvasLayout?.verticalSection?.webparts ?? []) parts.push(webPartHtml(part));
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>${
    page.createdBy?.user?.displayName
      ? `<meta name="owner" content="${escapeHtml(page.createdBy.user.displayName)}">`
      : ""
  }</head>
<body><main><article><h1>${escapeHtml(title)}</h1>
${page.description ? `<p>${escapeHtml(page.description)}</p>\n` : ""}${parts.filter(Boolean).join("\n")}
</article></main></body></html>`;
}
