import { cleanText } from "../prepare/clean-text";
import type { ParsedDocument } from "../document-model";
import { FileError } from "../document-model";

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and newlines. */
export function readCsvRecords(text: string, delimiter = ","): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === delimiter) {
      record.push(field);
      field = "";
    } else if (c === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else field += c;
  }
  if (quoted) throw new FileError("CSV has an unterminated quoted field");
  if (field !== "" || record.length) {
    record.push(field);
    records.push(record);
  }
  return records.map((r) => r.map((f) => f.replace(/\s+/g, " ").trim())).filter((r) => r.some(Boolean));
}

export function parseCsv({ text }: { text: string }): ParsedDocument {
  const clean = cleanText(text);
  const firstLine = clean.split("\n", 1)[0] ?? "";
  // Semicolon CSVs are common from European spreadsheet exports.
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const records = readCsvRecords(clean, delimiter);
  const [header, ...rows] = records;
  if (!header) throw new FileError("CSV is empty");
  return { blocks: [{ kind: "table", header, rows }], meta: {}, mime: "text/csv" };
}
