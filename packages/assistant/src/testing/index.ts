export { seedCorpus, setDocumentAcl, type SeedDocument } from "./seed-corpus";
export { numberedSource, searchResult } from "./search-result";
