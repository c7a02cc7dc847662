/**
 * Consistency checks for the Quillfeather sample corpus and its golden question set, so that a wording change
 * in a document or a moved file cannot silently break the answer evals (`pnpm eval:answers`).
 */
import { execFile } from "node:child_process";
import { readFile, readdir } from "node:fs/promises";
import { dirname, join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import mammoth from "mammoth";
import { extractText, getDocumentProxy } from "unpdf";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import { DEMO_USERS } from "@groundwork/auth/seed";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "quillfeather");
const FORMATS = ["md", "html", "pdf", "docx", "csv"] as const;
const HTML_CANARIES = [
  "quillscriptcanary",
  "quillstylecanary",
  "quillcommentcanary",
  "quillhiddencanary",
  "quillnonecanary",
];

interface GoldenQuestion {
  id: string;
  question: string;
  asUser: string;
  expect: "answer" | "decline";
  expectedDocuments: string[];
  mustContain: string[];
  category: string;
}

async function listDocuments(dir = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(ROOT, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listDocuments(rel)));
    else if (entry.name !== ".access.yaml") out.push(rel);
  }
  return out.sort();
}

async function nearestGroups(relPath: string): Promise<string[] | null> {
  let dir = posix.dirname(relPath);
  for (;;) {
    const file = join(ROOT, dir === "." ? "" : dir, ".access.yaml");
    const raw = await readFile(file, "utf8").catch(() => null);
    if (raw !== null) return (YAML.parse(raw) as { groups?: string[] }).groups ?? [];
    if (dir === ".") return null;
    dir = posix.dirname(dir);
  }
}

/** Visible text the way a reader sees it: no markup, no script/style/comments/hidden elements. */
async function visibleText(relPath: string): Promise<string> {
  const file = join(ROOT, relPath);
  const ext = relPath.split(".").pop();
  if (ext === "pdf") {
    const pdf = await getDocumentProxy(new Uint8Array(await readFile(file)));
    return (await extractText(pdf, { mergePages: true })).text;
  }
  if (ext === "docx") return (await mammoth.extractRawText({ buffer: await readFile(file) })).value;
  const raw = await readFile(file, "utf8");
  if (ext === "html") {
    return raw
      .replace(/<!--[\s\S]*?-->/g, " ")
      .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, " ")
      .replace(/<(\w+)\b[^>]*(\shidden\b|display:\s*none)[^>]*>[\s\S]*?<\/\1>/gi, " ")
      .replace(/<[^>]+>/g, " ")
      .replace(/&amp;/g, "&");
  }
  return raw.replace(/\*\*/g, "");
}

const documents = await listDocuments();
const golden = JSON.parse(await readFile(join(HERE, "golden-set.json"), "utf8")) as GoldenQuestion[];
const usersByName = new Map(DEMO_USERS.map((u) => [u.username, u]));

function canRead(username: string, groups: string[] | null): boolean {
  const user = usersByName.get(username);
  if (!user || groups === null) return user?.role === "admin";
  return user.role === "admin" || groups.includes("everyone") || groups.some((g) => user.groups.includes(g));
}

describe("Quillfeather sample corpus", () => {
  it("has at least 45 documents, with at least 5 of every non-markdown format", () => {
    expect(documents.length).toBeGreaterThanOrEqual(45);
    for (const format of FORMATS) {
      const count = documents.filter((d) => d.endsWith(`.${format}`)).length;
      expect(count, format).toBeGreaterThanOrEqual(format === "md" ? 1 : 5);
    }
    expect(documents.filter((d) => !FORMATS.some((f) => d.endsWith(`.${f}`)))).toEqual([]);
  });

  it("governs every document with an access file naming only known groups", async () => {
    const known = new Set(["everyone", "hr", "legal", "support", "exec"]);
    for (const doc of documents) {
      const groups = await nearestGroups(doc);
      expect(groups, doc).not.toBeNull();
      expect(groups?.length, doc).toBeGreaterThan(0);
      for (const g of groups ?? []) expect(known.has(g), `${doc}: ${g}`).toBe(true);
    }
  });

  it("keeps a superseded policy whose current version points at it", async () => {
    const current = await readFile(join(ROOT, "everyone/hr/travel-policy.md"), "utf8");
    const target = /^supersedes: (.+)$/m.exec(current)?.[1]?.trim();
    expect(target).toBe("everyone/hr/travel-policy-2023.md");
    expect(documents).toContain(target);
    expect(await visibleText("everyone/hr/travel-policy-2023.md")).toContain("$180 per night");
    expect(await visibleText("everyone/hr/travel-policy.md")).not.toContain("$180");
  });

  it("hides its HTML canaries in script, style, comments and hidden elements only", async () => {
    for (const doc of documents.filter((d) => d.endsWith(".html"))) {
      const raw = await readFile(join(ROOT, doc), "utf8");
      expect(raw, doc).toMatch(/<title>[^<]+<\/title>/);
      expect(raw, doc).toMatch(/<meta name="effective-date" content="\d{4}-\d{2}-\d{2}">/);
      expect(raw, doc).toMatch(/<meta name="owner" content="[^"]+">/);
      expect(raw, doc).toMatch(/<table/);
      const visible = await visibleText(doc);
      for (const canary of HTML_CANARIES) {
        expect(raw, `${doc} holds ${canary}`).toContain(canary);
        expect(visible, `${doc} shows ${canary}`).not.toContain(canary);
      }
    }
  });

  it("keeps the committed PDF and DOCX files in sync with their generator", async () => {
    const tsx = join(HERE, "..", "node_modules", ".bin", "tsx");
    const { stdout } = await promisify(execFile)(tsx, [join(HERE, "generate-binaries.ts"), "--check"]);
    expect(stdout).toContain("up to date");
  });
});

describe("golden question set", () => {
  it("has unique ids, known users and enough questions of each kind", () => {
    expect(golden.length).toBeGreaterThanOrEqual(45);
    expect(new Set(golden.map((q) => q.id)).size).toBe(golden.length);
    for (const q of golden) expect(usersByName.has(q.asUser), q.id).toBe(true);
    const declines = golden.filter((q) => q.expect === "decline");
    expect(declines.filter((q) => q.category === "out-of-scope").length).toBeGreaterThanOrEqual(12);
    expect(declines.filter((q) => q.category === "persona-denied").length).toBeGreaterThanOrEqual(6);
    for (const q of declines) {
      expect(q.expectedDocuments, q.id).toEqual([]);
      expect(q.mustContain, q.id).toEqual([]);
    }
  });

  it("answers each answerable question from documents the asking user may read", async () => {
    for (const q of golden.filter((g) => g.expect === "answer")) {
      expect(q.expectedDocuments.length, q.id).toBeGreaterThan(0);
      expect(q.mustContain.length, q.id).toBeGreaterThan(0);
      for (const doc of q.expectedDocuments) {
        expect(documents, q.id).toContain(doc);
        expect(canRead(q.asUser, await nearestGroups(doc)), `${q.id}: ${q.asUser} reads ${doc}`).toBe(true);
      }
      // Every listed document must hold the expected facts, so citing any one of them is a correct answer.
      for (const doc of q.expectedDocuments) {
        const text = (await visibleText(doc)).replace(/\s+/g, " ");
        for (const needle of q.mustContain) expect(text, `${q.id}: "${needle}" in ${doc}`).toContain(needle);
      }
    }
  });

  it("pairs every persona-denied question with the same question answered by someone allowed", async () => {
    for (const denied of golden.filter((q) => q.category === "persona-denied")) {
      const allowed = golden.find((q) => q.question === denied.question && q.expect === "answer");
      expect(allowed, denied.id).toBeDefined();
      for (const doc of allowed?.expectedDocuments ?? []) {
        expect(
          canRead(denied.asUser, await nearestGroups(doc)),
          `${denied.id}: ${denied.asUser} must not read ${doc}`,
        ).toBe(false);
      }
    }
  });

  it("answers the superseded-policy questions with the current figures only", async () => {
    const old = (await visibleText("everyone/hr/travel-policy-2023.md")).replace(/\s+/g, " ");
    const superseded = golden.filter((q) => q.category === "superseded");
    expect(superseded.length).toBeGreaterThan(0);
    for (const q of superseded) {
      expect(q.expectedDocuments, q.id).not.toContain("everyone/hr/travel-policy-2023.md");
      for (const needle of q.mustContain)
        expect(old, `${q.id}: "${needle}" must not be in the 2023 policy`).not.toContain(needle);
    }
  });
});
