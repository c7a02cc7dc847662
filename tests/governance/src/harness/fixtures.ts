import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { documents } from "@groundwork/db/schema";
import { ingestFolder } from "@groundwork/ingest/testing";
import { writeTree } from "./ingest-folder";

/**
 * A small corpus for the governance suites. Canary documents carry unique tokens in title,
 * headings and body and are restricted to one group; everything else is for everyone.
 */
export const CANARY = {
  hr: "QZXCANARYHR7731",
  legal: "QZXCANARYLEGAL4419",
  exec: "QZXCANARYEXEC9052",
} as const;
export const CANARY_TAG = "qzxcanarytag";

export const PUBLIC_TOKEN = "QZXPUBLICMARKER2207";

export function canaryFiles(): Record<string, string> {
  const files: Record<string, string> = {
    "everyone/.access.yaml": 'groups: [everyone]\nusers: []\nowner: "People Team"\ntags: [company]\n',
    "everyone/leave-policy.md": `# Annual leave policy\n\nEvery employee receives 25 days of annual leave per calendar year. Leave requests go through the HR portal at least two weeks ahead. Unused leave of up to five days carries over to the next year. Reference ${PUBLIC_TOKEN}.\n\n## Sick leave\n\nSick leave is separate from annual leave and needs a doctor's note after three days.\n`,
    "everyone/expenses-policy.md":
      "# Expenses policy\n\nMeals during business travel are reimbursed up to 60 euros per day. Submit receipts within 30 days in the expenses tool. Alcohol is not reimbursed.\n",
  };
  for (const [group, token] of Object.entries(CANARY)) {
    files[`${group}-only/.access.yaml`] =
      `groups: [${group}]\nusers: []\nowner: "Canary Owner ${token}"\ntags: [${CANARY_TAG}-${group}]\n`;
    files[`${group}-only/canary-${group}.md`] =
      `# Severance terms ${token}\n\nThe confidential severance multiplier for the ${group} review is ${token}. Annual leave payout on severance follows the ${token} schedule.\n\n## Leave and expenses ${token}\n\nRestricted detail: ${token} applies to annual leave, expenses and travel for the ${group} team only.\n`;
  }
  return files;
}

export type CanaryCorpus = { dir: string; docIds: Record<keyof typeof CANARY | "public", string>; dispose(): void };

export async function ingestCanaryCorpus({
  db,
  extraFiles = {},
}: {
  db: Database;
  extraFiles?: Record<string, string>;
}): Promise<CanaryCorpus> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-canary-"));
  writeTree({ dir, files: { ...canaryFiles(), ...extraFiles } });
  const run = await ingestFolder({ db, name: "governance", dir });
  if (run.status !== "succeeded")
    throw new Error(`canary ingestion ${run.status}: ${run.error ?? JSON.stringify(run.counts)}`);
  const idOf = async (p: string) => {
    const [row] = await db
      .select({ id: documents.id })
      .from(documents)
      .where(and(eq(documents.path, p), eq(documents.status, "active")));
    if (!row) throw new Error(`document ${p} was not ingested`);
    return row.id;
  };
  return {
    dir,
    docIds: {
      hr: await idOf("hr-only/canary-hr.md"),
      legal: await idOf("legal-only/canary-legal.md"),
      exec: await idOf("exec-only/canary-exec.md"),
      public: await idOf("everyone/leave-policy.md"),
    },
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
