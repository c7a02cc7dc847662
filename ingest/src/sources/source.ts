import type { ResolvedAccess } from "./access-rules";

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

export type SourceKind = "folder" | "upload";

export type SourceItem = {
  /** Stable id of the item within its source; a document is identified by (source, id). A folder's is the relative path, "/" separated. */
  id: string;
  /** Size in bytes as listed, checked against the file limit before the item is read. */
  size: number;
  /** When the item last changed, as the source reports it. */
  modifiedAt: Date | null;
  /** SHA-256 (hex) of the content, as cheaply as the source can compute it (a file is streamed, not held). */
  hash(): Promise<string>;
  /** The content (the fetch handle: nothing is read until a changed item is prepared). */
  read(): Promise<Uint8Array>;
  /** The item's ACL, owner and tags; throws a FileError when access cannot be decided, so it never widens. */
  access(): Promise<ResolvedAccess>;
};

/** An item the source knows of but cannot offer (a refused symlink): it fails with the reason. */
export type SourceEntry = SourceItem | { id: string; error: string };

export const isReadable = (entry: SourceEntry): entry is SourceItem => !("error" in entry);
