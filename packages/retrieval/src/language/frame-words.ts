import { createRequire } from "node:module";

let words: Set<string> | null = null;

/**
 * General-English words that frame a question rather than name its subject ("going", "put",
 * "someone", "whats"): the broad English list of stopwords-iso. Only used for words the
 * caller's documents never use — a frame word the corpus lacks cannot be what the question is
 * about, whereas a content word the corpus lacks ("dogs") says the question is out of scope.
 * Words the documents do use keep their weight from document frequency, whatever this list says.
 */
export function isFrameWord(word: string): boolean {
  if (!words) {
    const require = createRequire(import.meta.url);
    const all = require("stopwords-iso/stopwords-iso.json") as Record<string, string[]>;
    // Contractions typed without the apostrophe, and the pieces tokenizers leave of them.
    words = new Set([
      ...(all.en ?? []),
      "ive",
      "ve",
      "im",
      "ll",
      "re",
      "whats",
      "thats",
      "theres",
      "dont",
      "doesnt",
      "didnt",
      "cant",
      "wont",
      "isnt",
      "arent",
      "wasnt",
      "youre",
      "theyre",
    ]);
  }
  return words.has(word.toLowerCase());
}
