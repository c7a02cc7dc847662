import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

export type BeirDoc = { id: string; title: string; text: string };
export type BeirQuery = { id: string; text: string };
/** query id → (doc id → graded relevance). */
export type Qrels = Map<string, Map<string, number>>;
export type BeirDataset = { corpus: BeirDoc[]; queries: BeirQuery[]; qrels: Qrels };

function readJsonl(file: string): Record<string, unknown>[] {
  const raw = file.endsWith(".gz")
    ? zlib.gunzipSync(fs.readFileSync(file)).toString("utf8")
    : fs.readFileSync(file, "utf8");
  return raw
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function firstExisting(dir: string, names: string[]): string {
  for (const n of names) {
    const p = path.join(dir, n);
    if (fs.existsSync(p)) return p;
  }
  throw new Error(`none of ${names.join(", ")} in ${dir}`);
}

/** A JSONL field as text: BEIR files hold strings (ids may be numbers). */
const field = (v: unknown): string =>
  typeof v === "string" ? v : v === undefined || v === null ? "" : JSON.stringify(v);

/** Loads a BEIR-format dataset folder (corpus.jsonl[.gz], queries.jsonl, qrels/<split>.tsv). */
export function loadBeirDataset({ dir, split = "test" }: { dir: string; split?: string }): BeirDataset {
  const corpus = readJsonl(firstExisting(dir, ["corpus.jsonl.gz", "corpus.jsonl"])).map((r) => ({
    id: String(r._id),
    title: field(r.title),
    text: field(r.text),
  }));
  const qrels: Qrels = new Map();
  const lines = fs
    .readFileSync(path.join(dir, "qrels", `${split}.tsv`), "utf8")
    .split("\n")
    .slice(1);
  for (const line of lines) {
    const [q, d, s] = line.trim().split("\t");
    if (!q || !d || s === undefined) continue;
    const m = qrels.get(q) ?? new Map<string, number>();
    m.set(d, Number(s));
    qrels.set(q, m);
  }
  const queries = readJsonl(firstExisting(dir, ["queries.jsonl.gz", "queries.jsonl"]))
    .map((r) => ({ id: String(r._id), text: field(r.text) }))
    .filter((q) => qrels.has(q.id));
  return { corpus, queries, qrels };
}
