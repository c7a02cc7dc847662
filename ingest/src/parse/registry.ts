/**
 * The one table of file formats: which extensions a source accepts, the MIME type a document
 * stores, the short kind shown in filters and badges (and accepted by the search API), which
 * parser reads it, and the limits that parser enforces besides the file size. The parsers,
 * upload validation, retrieval's type filter and the web's badges all read this table, so a
 * format is added in one place. No imports: web client code loads it (`@groundwork/ingest/formats`).
 */

/** A local parser, or `unstructured`: only read when UNSTRUCTURED_API_URL is set. */
export type ParserName = "markdown" | "text" | "html" | "csv" | "pdf" | "docx" | "unstructured";

/** Limits beyond GROUNDWORK_INGEST_MAX_FILE_MB: page count (…_MAX_PAGES), declared ZIP size (…_MAX_UNZIPPED_MB). */
export type FormatLimit = "pages" | "unzipped";

export type FileFormat = {
  /** Short kind shown in filters and badges; the search API accepts it (and `aliases`) as a type. */
  kind: string;
  aliases?: readonly string[];
  /** Lowercase, with the dot; the first is the one named in messages. */
  extensions: readonly string[];
  /** The MIME type documents of this format are stored with (and sent to Unstructured with). */
  mime: string;
  parser: ParserName;
  limits: readonly FormatLimit[];
};

// Order matters: local formats first, in the order upload messages list them.
export const FILE_FORMATS: readonly FileFormat[] = [
  {
    kind: "md",
    aliases: ["markdown"],
    extensions: [".md", ".markdown"],
    mime: "text/markdown",
    parser: "markdown",
    limits: [],
  },
  { kind: "txt", aliases: ["text"], extensions: [".txt", ".text"], mime: "text/plain", parser: "text", limits: [] },
  { kind: "html", aliases: ["htm"], extensions: [".html", ".htm"], mime: "text/html", parser: "html", limits: [] },
  { kind: "pdf", extensions: [".pdf"], mime: "application/pdf", parser: "pdf", limits: ["pages"] },
  {
    kind: "docx",
    extensions: [".docx"],
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    parser: "docx",
    limits: ["unzipped"],
  },
  { kind: "csv", extensions: [".csv"], mime: "text/csv", parser: "csv", limits: [] },
  // Unstructured only (its page count is checked against the page limit).
  {
    kind: "pptx",
    extensions: [".pptx"],
    mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    parser: "unstructured",
    limits: ["pages"],
  },
  {
    kind: "xlsx",
    extensions: [".xlsx"],
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    parser: "unstructured",
    limits: ["pages"],
  },
  { kind: "doc", extensions: [".doc"], mime: "application/msword", parser: "unstructured", limits: ["pages"] },
  {
    kind: "ppt",
    extensions: [".ppt"],
    mime: "application/vnd.ms-powerpoint",
    parser: "unstructured",
    limits: ["pages"],
  },
  { kind: "rtf", extensions: [".rtf"], mime: "application/rtf", parser: "unstructured", limits: ["pages"] },
  {
    kind: "odt",
    extensions: [".odt"],
    mime: "application/vnd.oasis.opendocument.text",
    parser: "unstructured",
    limits: ["pages"],
  },
  { kind: "epub", extensions: [".epub"], mime: "application/epub+zip", parser: "unstructured", limits: ["pages"] },
  { kind: "eml", extensions: [".eml"], mime: "message/rfc822", parser: "unstructured", limits: ["pages"] },
  { kind: "msg", extensions: [".msg"], mime: "application/vnd.ms-outlook", parser: "unstructured", limits: ["pages"] },
  { kind: "png", extensions: [".png"], mime: "image/png", parser: "unstructured", limits: ["pages"] },
  {
    kind: "jpeg",
    aliases: ["jpg"],
    extensions: [".jpg", ".jpeg"],
    mime: "image/jpeg",
    parser: "unstructured",
    limits: ["pages"],
  },
  { kind: "tiff", extensions: [".tiff"], mime: "image/tiff", parser: "unstructured", limits: ["pages"] },
  { kind: "xml", extensions: [".xml"], mime: "application/xml", parser: "unstructured", limits: ["pages"] },
  { kind: "rst", extensions: [".rst"], mime: "text/x-rst", parser: "unstructured", limits: ["pages"] },
  { kind: "org", extensions: [".org"], mime: "text/org", parser: "unstructured", limits: ["pages"] },
];

const byExtension = new Map(FILE_FORMATS.flatMap((f) => f.extensions.map((e) => [e, f] as const)));

const extensionOf = (filename: string) => {
  const base = filename.slice(Math.max(filename.lastIndexOf("/"), filename.lastIndexOf("\\")) + 1);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot).toLowerCase() : "";
};

/** The format of a file name by its extension (case-insensitive), if the table has it. */
export function formatOf(filename: string): FileFormat | undefined {
  return byExtension.get(extensionOf(filename));
}

/** Extensions the local parsers read (what any source accepts without Unstructured). */
export function localExtensions(): string[] {
  return FILE_FORMATS.filter((f) => f.parser !== "unstructured").flatMap((f) => f.extensions);
}

/** Extensions a source accepts: the local parsers', plus Unstructured's when it is configured. */
export function acceptsFile(filename: string, { unstructured }: { unstructured: boolean }): boolean {
  const format = formatOf(filename);
  return format !== undefined && (format.parser !== "unstructured" || unstructured);
}

/** The first extension of each local format, as upload messages and forms name them. */
export function acceptedFormatsLabel(): string {
  return FILE_FORMATS.filter((f) => f.parser !== "unstructured")
    .map((f) => f.extensions[0])
    .join(", ");
}

/** Short kind of a stored MIME type (parameters ignored); an unknown type shows its subtype. */
export function mimeKind(mime: string): string {
  const bare = mime.split(";")[0]!.trim();
  return (
    FILE_FORMATS.find((f) => f.parser !== "unstructured" && f.mime === bare)?.kind ?? mime.split("/").pop() ?? mime
  );
}

/** MIME types a search type filter names: MIME types as given, kinds (and aliases) through the table. */
export function mimesForKinds(types: readonly string[]): string[] {
  return [
    ...new Set(
      types.flatMap((t) => {
        const type = t.toLowerCase();
        if (type.includes("/")) return [type];
        return FILE_FORMATS.filter(
          (f) => f.parser !== "unstructured" && (f.kind === type || f.aliases?.includes(type)),
        ).map((f) => f.mime);
      }),
    ),
  ];
}
