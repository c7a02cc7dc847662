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
import { basename, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { extractText, getDocumentProxy } from "unpdf";

const HERE = dirname(fileURLToPath(import.meta.url));

export interface Question {
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

/** Every problem found in one corpus folder's ground truth (its questions.json unless `questions` is given). */
export async function checkCorpus({ dir, questions }: { dir: string; questions?: Question[] }): Promise<string[]> {
  const problems: string[] = [];
  questions ??= JSON.parse(readFileSync(join(dir, "questions.json"), "utf8")) as Question[];
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
    const listedPages: string[] = [];
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
        // A page listed as stating the answer must state some of it.
        if (!(q.mustContain ?? []).some((m) => page.includes(collapse(m))))
          problems.push(`${q.id}: ${document} page ${n} holds none of its mustContain strings`);
        listedPages.push(page);
      }
    }
    // An answer may be spread over two pages (a limit in a table, who approves it in a later
    // section): each string must be on one of the listed pages, not on every one.
    for (const m of q.mustContain ?? [])
      if (!listedPages.some((page) => page.includes(collapse(m))))
        problems.push(`${q.id}: "${m}" is on none of its listed pages`);
  }
  return problems;
}

/** The corpus folders under evalsets/ (those holding a questions.json). */
export function corpusDirs(): string[] {
  return readdirSync(HERE)
    .sort()
    .map((name) => join(HERE, name))
    .filter((dir) => existsSync(join(dir, "questions.json")));
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  let failed = false;
  const dirs = only.length > 0 ? only.map((name) => join(HERE, name)) : corpusDirs();
  for (const dir of dirs) {
    const problems = await checkCorpus({ dir });
    console.log(`${basename(dir)}: ${problems.length === 0 ? "ok" : `${problems.length} problem(s)`}`);
    for (const p of problems) console.log(`  ${p}`);
    if (problems.length > 0) failed = true;
  }
  if (failed) process.exit(1);
}

// Run as a program (`npx tsx corpus/evalsets/check-questions.ts`), not when a test imports it.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
