/**
 * Checks the ground truth of every evaluation corpus against its own PDFs:
 *
 *   cd ingest && npx tsx corpus/evalsets/check-questions.ts [name ...]
 *
 * For each named folder (default: every folder under evalsets/ with a questions.json): every answerable question lists its expectedDocuments and
 * the same documents in expectedPages, every listed page exists, and every mustContain string occurs in the text
 * unpdf extracts from each listed page (whitespace collapsed, so a phrase may wrap across lines; case ignored, as the answer eval ignores it). Declined questions
 * must name no documents. Exits 1 on any problem, so a source edit that moves an answer to another page is caught.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { extractText, getDocumentProxy } from "unpdf";

const HERE = dirname(fileURLToPath(import.meta.url));

interface Question {
  id: string;
  expect: "answer" | "decline";
  expectedDocuments?: string[];
  mustContain?: string[];
  expectedPages?: Array<{ document: string; pages: number[] }>;
  split?: string;
}

const collapse = (s: string) => s.replace(/\s+/g, " ").toLowerCase();

async function pagesOf(file: string): Promise<string[]> {
  const pdf = await getDocumentProxy(new Uint8Array(readFileSync(file)));
  const { text } = await extractText(pdf, { mergePages: false });
  return text.map(collapse);
}

async function checkCorpus(dir: string): Promise<string[]> {
  const problems: string[] = [];
  const questions = JSON.parse(readFileSync(join(dir, "questions.json"), "utf8")) as Question[];
  const cache = new Map<string, string[]>();
  const pages = async (doc: string) => {
    if (!cache.has(doc)) cache.set(doc, await pagesOf(join(dir, doc)));
    return cache.get(doc) as string[];
  };
  const ids = new Set<string>();
  for (const q of questions) {
    if (ids.has(q.id)) problems.push(`${q.id}: duplicate id`);
    ids.add(q.id);
    if (q.split !== "tune" && q.split !== "heldout") problems.push(`${q.id}: split is not tune or heldout`);
    const docs = q.expectedDocuments ?? [];
    if (q.expect === "decline") {
      if (docs.length > 0) problems.push(`${q.id}: a declined question names documents`);
      continue;
    }
    const listed = (q.expectedPages ?? []).map((e) => e.document);
    if (docs.length === 0) problems.push(`${q.id}: no expectedDocuments`);
    if ([...docs].sort().join("|") !== [...listed].sort().join("|"))
      problems.push(`${q.id}: expectedDocuments and expectedPages name different documents`);
    for (const { document, pages: numbers } of q.expectedPages ?? []) {
      if (!existsSync(join(dir, document))) {
        problems.push(`${q.id}: ${document} does not exist`);
        continue;
      }
      const text = await pages(document);
      for (const n of numbers) {
        const page = text[n - 1];
        if (page === undefined) {
          problems.push(`${q.id}: ${document} has no page ${n}`);
          continue;
        }
        for (const m of q.mustContain ?? [])
          if (!page.includes(collapse(m))) problems.push(`${q.id}: "${m}" is not on ${document} page ${n}`);
      }
    }
  }
  return problems;
}

const only = process.argv.slice(2);
let failed = false;
for (const name of only.length > 0 ? only : readdirSync(HERE).sort()) {
  const dir = join(HERE, name);
  if (!existsSync(join(dir, "questions.json"))) continue;
  const problems = await checkCorpus(dir);
  console.log(`${name}: ${problems.length === 0 ? "ok" : `${problems.length} problem(s)`}`);
  for (const p of problems) console.log(`  ${p}`);
  if (problems.length > 0) failed = true;
}
if (failed) process.exit(1);
