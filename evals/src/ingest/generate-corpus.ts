import fs from "node:fs";
import path from "node:path";
import { makePdf } from "@groundwork/ingest/testing";

/** A deterministic synthetic corpus for the ingestion benchmark (no randomness: runs compare). */
const TOPICS = [
  "leave",
  "expenses",
  "travel",
  "security",
  "onboarding",
  "pricing",
  "refunds",
  "incidents",
  "privacy",
  "procurement",
];
const WORDS =
  "policy employee manager approval request days within must should may receipt customer contract service level credit incident severity escalation support ticket account password device laptop data processing retention review quarter annual budget invoice vendor".split(
    " ",
  );

function sentence(seed: number, n = 14): string {
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(WORDS[(seed * 31 + i * 17 + ((seed >> 3) % 7)) % WORDS.length]!);
  const s = words.join(" ");
  return `${s[0]!.toUpperCase()}${s.slice(1)} (${seed}).`;
}

function paragraph(seed: number, sentences = 5): string {
  return Array.from({ length: sentences }, (_, i) => sentence(seed * 7 + i)).join(" ");
}

function markdown(i: number): string {
  const topic = TOPICS[i % TOPICS.length]!;
  return [
    "---",
    `title: ${topic[0]!.toUpperCase()}${topic.slice(1)} guideline ${i}`,
    `effective_date: 2025-${String((i % 12) + 1).padStart(2, "0")}-01`,
    `tags: [${topic}]`,
    "---",
    `# ${topic} guideline ${i}`,
    "",
    paragraph(i),
    "",
    "## Scope",
    "",
    paragraph(i + 1),
    "",
    "## Rules",
    "",
    `- ${sentence(i + 2)}`,
    `- ${sentence(i + 3)}`,
    "",
    "| Item | Limit | Approver |",
    "|---|---|---|",
    ...Array.from({ length: 6 }, (_, r) => `| ${WORDS[(i + r) % WORDS.length]} | ${(i % 90) + r * 10} EUR | manager |`),
    "",
    "## Exceptions",
    "",
    paragraph(i + 4, 4),
  ].join("\n");
}

function html(i: number): string {
  const topic = TOPICS[(i + 3) % TOPICS.length]!;
  return `<!doctype html><html><head><title>${topic} runbook ${i}</title><meta name="effective-date" content="2025-06-01">
<style>body{font-family:sans-serif}</style><script>window.analytics = ${i};</script></head>
<body><nav>Home · Runbooks</nav><h1>${topic} runbook ${i}</h1><p>${paragraph(i + 10)}</p>
<h2>Steps</h2><ol><li>${sentence(i + 11)}</li><li>${sentence(i + 12)}</li><li>${sentence(i + 13)}</li></ol>
<div hidden>internal note ${i}</div><h2>Escalation</h2><p>${paragraph(i + 14, 4)}</p>
<table><tr><th>Severity</th><th>Response</th></tr><tr><td>S1</td><td>${(i % 4) + 1} hours</td></tr><tr><td>S2</td><td>1 day</td></tr></table>
</body></html>`;
}

export type GeneratedCorpus = { root: string; textDir: string; pdfDir: string; textDocs: number; pdfs: number };

export async function generateCorpus({
  root,
  textDocs,
  pdfs,
}: {
  root: string;
  textDocs: number;
  pdfs: number;
}): Promise<GeneratedCorpus> {
  const textDir = path.join(root, "text");
  const pdfDir = path.join(root, "pdf");
  fs.rmSync(root, { recursive: true, force: true });
  for (let i = 0; i < textDocs; i++) {
    // 50 folders of 100 documents; every folder has its own access file.
    const dir = path.join(textDir, `team-${String(Math.floor(i / 100)).padStart(2, "0")}`);
    if (i % 100 === 0) {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, ".access.yaml"), `groups: [${i % 200 === 0 ? "everyone" : "support"}]\n`);
    }
    const name = i % 2 === 0 ? `doc-${i}.md` : `doc-${i}.html`;
    fs.writeFileSync(path.join(dir, name), i % 2 === 0 ? markdown(i) : html(i));
  }
  fs.mkdirSync(pdfDir, { recursive: true });
  fs.writeFileSync(path.join(pdfDir, ".access.yaml"), "groups: [legal]\n");
  for (let i = 0; i < pdfs; i++) {
    const pages = Array.from({ length: 3 }, (_, p) => [
      `Contract ${i} schedule page ${p + 1}`,
      "",
      ...Array.from({ length: 8 }, (_, l) => sentence(i * 100 + p * 10 + l, 11)),
    ]);
    fs.writeFileSync(path.join(pdfDir, `contract-${i}.pdf`), await makePdf({ title: `Contract ${i}`, pages }));
  }
  return { root, textDir, pdfDir, textDocs, pdfs };
}
