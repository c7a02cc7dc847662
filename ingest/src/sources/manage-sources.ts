import fs from "node:fs";
import path from "node:path";
import { eq, or, sql } from "drizzle-orm";
import { normalizeAcl } from "@groundwork/access/acl";
import type { Database } from "@groundwork/db/client";
import { GroundworkError } from "@groundwork/core/errors";
import { isUuid } from "@groundwork/core/ids";
import { isUniqueViolation } from "@groundwork/core/pg-errors";
import { sources, type Source } from "@groundwork/db/schema";
import { confineSourcePath, defaultUploadsDir } from "./source-roots";
import type { SourceKind } from "./source";

const NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export type { SourceKind } from "./source";

/** The directory a source reads: the folder itself, or the upload source's own directory. */
export function sourceRoot(source: Pick<Source, "config">): string {
  const p = source.config.path;
  if (typeof p !== "string" || !p) throw new GroundworkError("internal", "Source has no directory configured.");
  // Checked on every use, not only at creation: rows made before the roots were configured
  // (or with other roots) must not keep reading or writing outside them.
  return confineSourcePath({ dir: p });
}

export async function createSource({
  db,
  name,
  kind,
  path: dir,
  defaultAcl = [],
}: {
  db: Database;
  name: string;
  kind: SourceKind;
  path?: string;
  defaultAcl?: string[];
}): Promise<Source> {
  if (!NAME.test(name)) {
    throw new GroundworkError(
      "bad_request",
      "A source name is 1–63 lowercase letters, digits, '-' or '_', starting with a letter or digit.",
    );
  }
  let root: string;
  if (kind === "folder") {
    if (!dir) throw new GroundworkError("bad_request", "A folder source needs a path.");
    root = confineSourcePath({ dir });
    if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
      throw new GroundworkError("bad_request", `Folder ${root} does not exist or is not a directory.`);
    }
  } else {
    // Uploads live beside the embedded data dir unless the admin names a directory; either
    // way the directory is checked before it is created, and again after (a link planted
    // meanwhile would otherwise redirect it).
    const wanted = confineSourcePath({ dir: dir ?? path.join(defaultUploadsDir(), name) });
    fs.mkdirSync(wanted, { recursive: true });
    root = confineSourcePath({ dir: wanted });
  }
  try {
    const [row] = await db
      .insert(sources)
      .values({ name, kind, config: { path: root }, defaultAcl: normalizeAcl(defaultAcl) })
      .returning();
    return row!;
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new GroundworkError("conflict", `A source named ${name} already exists.`, { cause: error });
    }
    throw error;
  }
}

export async function listSources({ db }: { db: Database }): Promise<Source[]> {
  return db.select().from(sources).orderBy(sources.name);
}

export async function findSource({ db, source }: { db: Database; source: string }): Promise<Source> {
  const where = isUuid(source) ? or(eq(sources.id, source), eq(sources.name, source)) : eq(sources.name, source);
  const [row] = await db.select().from(sources).where(where).limit(1);
  if (!row) throw new GroundworkError("not_found", `No source named ${source}.`);
  return row;
}

export async function updateSourceAcl({
  db,
  source,
  defaultAcl,
}: {
  db: Database;
  source: string;
  defaultAcl: string[];
}): Promise<Source> {
  const row = await findSource({ db, source });
  const [updated] = await db
    .update(sources)
    .set({ defaultAcl: normalizeAcl(defaultAcl), updatedAt: sql`now()` })
    .where(eq(sources.id, row.id))
    .returning();
  return updated!;
}
