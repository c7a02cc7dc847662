import { z } from "zod";
import { pushDocumentInput } from "@groundwork/ingest";
import { timestamp } from "~/lib/server/http/contracts";

/** `PUT /api/v1/sources/{source}/documents/{externalId}`: one document (content or a base64 file), its url, date and acl. */
export const putDocumentRequest = pushDocumentInput;

const pushedAccess = z.strictObject({
  /** The push named no acl: the source's default access applies (none: admins only). */
  sourceDefault: z.boolean(),
  users: z.array(z.string()),
  groups: z.array(z.string()),
  /** Names that match no user or group now: they grant nothing. */
  ignored: z.strictObject({ users: z.array(z.string()), groups: z.array(z.string()) }),
});

/** What a PUT or DELETE answers: the inbox version (counts changed pushes) and what happened. */
export const pushResultResponse = z.strictObject({
  id: z.string(),
  version: z.number().int().min(1),
  status: z.enum(["queued", "unchanged", "deleted"]),
  access: pushedAccess.optional(),
});

/** `GET …/documents/{externalId}`: where the worker is with the last push of this id. */
export const pushStatusResponse = z.strictObject({
  id: z.string(),
  version: z.number().int().min(1),
  status: z.enum(["queued", "indexed", "failed", "deleted"]),
  /** Why the worker could not index this version (parse failure, empty text, …). */
  error: z.string().nullable(),
  pushedAt: timestamp,
  processedAt: timestamp.nullable(),
  /** The searchable document (the previous version while this one is queued or failed). */
  document: z.strictObject({ id: z.uuid(), version: z.number().int() }).nullable(),
});
