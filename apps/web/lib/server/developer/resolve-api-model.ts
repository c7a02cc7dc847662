import "server-only";
import type { Principal } from "@groundwork/access/principal";
import { GroundworkError } from "@groundwork/core/errors";
import type { Database } from "@groundwork/db/client";
import { listLookupFacets, type SearchFilters } from "@groundwork/retrieval";

/** The assistant over everything the caller may read. */
export const ASSISTANT_MODEL = "groundwork";
const SOURCE_PREFIX = "groundwork:source:";
const TAG_PREFIX = "groundwork:tag:";

export type ApiModel = { id: string; description: string; filters: SearchFilters | undefined };

/**
 * The models a caller may use: the assistant, and one per source and per tag that restricts
 * retrieval to it. Listed from listLookupFacets — sources and tags of active documents the
 * caller can read, computed in SQL under their reader scope (RLS) — so the list names nothing
 * the caller could not already see in the lookup page's filters: a source holding only HR
 * documents does not exist for an employee, here as everywhere.
 */
export async function listApiModels({ db, principal }: { db: Database; principal: Principal }): Promise<ApiModel[]> {
  const facets = await listLookupFacets({ db, principal });
  return [
    { id: ASSISTANT_MODEL, description: "Grounded answers from every document you can read.", filters: undefined },
    ...facets.sources.map((s) => ({
      id: `${SOURCE_PREFIX}${s.name}`,
      description: `Grounded answers from the source ${s.name} only.`,
      filters: { sourceIds: [s.id] },
    })),
    ...facets.tags.map((t) => ({
      id: `${TAG_PREFIX}${t}`,
      description: `Grounded answers from documents tagged ${t} only.`,
      filters: { tags: [t] },
    })),
  ];
}

/**
 * A request's `model` as retrieval filters. An unknown model and one naming a source the caller
 * cannot read get the same 404, in the same words, so probing names reveals nothing.
 */
export async function resolveApiModel({
  db,
  principal,
  model,
}: {
  db: Database;
  principal: Principal;
  model: string;
}): Promise<ApiModel> {
  if (model === ASSISTANT_MODEL) return { id: model, description: "", filters: undefined };
  const found =
    model.startsWith(SOURCE_PREFIX) || model.startsWith(TAG_PREFIX)
      ? (await listApiModels({ db, principal })).find((m) => m.id === model)
      : undefined;
  if (!found)
    throw new GroundworkError(
      "not_found",
      `The model '${model.slice(0, 200)}' does not exist or you do not have access to it.`,
      {
        details: { param: "model" },
      },
    );
  return found;
}
