// The two peers ship no type declarations; only what the bench calls is declared.
declare module "wink-bm25-text-search" {
  type Engine = {
    defineConfig(config: {
      fldWeights: Record<string, number>;
      bm25Params?: { k1?: number; b?: number; k?: number };
    }): boolean;
    definePrepTasks(tasks: Array<(input: never) => unknown>, field?: string): number;
    addDoc(doc: Record<string, string>, id: string): number;
    consolidate(fp?: number): boolean;
    search(text: string, limit?: number): Array<[string, number]>;
  };
  export default function bm25(): Engine;
}

declare module "wink-nlp-utils" {
  const utils: {
    string: { lowerCase(s: string): string; tokenize0(s: string): string[]; stem(word: string): string };
    tokens: { removeWords(tokens: string[]): string[]; stem(tokens: string[]): string[] };
  };
  export default utils;
}
