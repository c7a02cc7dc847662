import { deletePushedDocument, putPushedDocument, readPushStatus } from "@groundwork/ingest";
import { route } from "~/lib/server/http/route";
import { pushToken } from "~/lib/server/developer/push-token";
import { pushResultResponse, pushStatusResponse, putDocumentRequest } from "./contract";

export const dynamic = "force-dynamic";

const param = (params: Record<string, string | string[]>, name: string) => String(params[name]);

const target = ({ params }: { params: Record<string, string | string[]> }) =>
  `${param(params, "source")}/${param(params, "externalId")}`;

// Base64 is 4/3 of the file: room for the largest file a source takes, plus the JSON around it.
const MAX_PUT_BYTES = 24 * 1024 * 1024;

/** Stores (or replaces) one document for the worker to index; idempotent by content hash and acl. */
export const PUT = route({
  policy: "user",
  token: pushToken,
  body: putDocumentRequest,
  response: pushResultResponse,
  maxBodyBytes: MAX_PUT_BYTES,
  audit: { action: "push.put", target },
  handler: async ({ db, params, body, principal, audit }) => {
    const result = await putPushedDocument({
      db,
      source: param(params, "source"),
      externalId: param(params, "externalId"),
      input: body,
      pushedBy: principal.userId,
    });
    audit.note({ detail: { version: result.version, status: result.status } });
    return Response.json(result, { status: result.status === "queued" ? 202 : 200 });
  },
});

/** Removes the document from search at once. */
export const DELETE = route({
  policy: "user",
  token: pushToken,
  response: pushResultResponse,
  audit: { action: "push.delete", target },
  handler: async ({ db, params, principal }) =>
    Response.json(
      await deletePushedDocument({
        db,
        source: param(params, "source"),
        externalId: param(params, "externalId"),
        pushedBy: principal.userId,
      }),
    ),
});

/** The last push's state: queued, indexed (with the document), failed (with the reason) or deleted. */
export const GET = route({
  policy: "user",
  token: pushToken,
  response: pushStatusResponse,
  handler: async ({ db, params }) =>
    Response.json(
      await readPushStatus({ db, source: param(params, "source"), externalId: param(params, "externalId") }),
      { headers: { "cache-control": "no-store" } },
    ),
});
