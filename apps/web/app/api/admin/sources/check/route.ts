import { checkSourceConfig, findSource } from "@groundwork/ingest";
import { route } from "~/lib/server/http/route";
import { settingNames } from "~/lib/server/sources/source-json";
import { checkSourceConfigRequest, checkSourceResponse } from "./contract";

/**
 * "Test connection" on settings typed into the form, before they are saved. Nothing is stored;
 * when editing, `source` lends its stored secrets to the ones the form left blank.
 */
export const POST = route({
  policy: "admin",
  body: checkSourceConfigRequest,
  response: checkSourceResponse,
  audit: { action: "source.check" },
  handler: async ({ db, body, audit }) => {
    audit.note({ detail: { kind: body.kind, unsaved: true, settings: settingNames(body.config) } });
    const stored = body.source ? await findSource({ db, source: body.source }) : null;
    const result = await checkSourceConfig({
      db,
      kind: body.kind,
      config: body.config,
      ...(stored ? { source: stored.id } : {}),
    });
    await audit.record({ target: stored?.id ?? null, detail: { ok: result.ok } });
    return Response.json(result);
  },
});
