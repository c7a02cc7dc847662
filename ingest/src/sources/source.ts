import type { SourceEntry, SourceKind } from "./connector";

/**
 * The seam between where knowledge lives and the ingestion pipeline. A source lists its items;
 * plan/ compares them with what is stored, prepare/ reads and parses the changed ones, store/
 * commits them. Folder and upload sources implement it today; connectors (web, Git, SQL, S3)
 * implement it next, adding incremental pulls and checkpoints on top of the same items.
 */
export type Source = {
  kind: SourceKind;
  /** Every item the source holds now, in a stable order (items that cannot be offered carry an error). */
  list(): Promise<SourceEntry[]>;
};

export { isReadable, type SourceEntry, type SourceItem, type SourceKind } from "./connector";
