import path from "node:path";
import fs from "node:fs";
import { callerDirectory } from "@groundwork/core/env";
import { GroundworkError } from "@groundwork/core/errors";
import type { Database } from "@groundwork/db/client";
import type { ConfigField } from "./sources/connector-config";
import { createSource, deleteSource, findSource, updateSource } from "./sources/manage-sources";
import { checkSource, listConnectorKinds, listSourceSummaries } from "./sources/source-summaries";
import { disableSourceWebhook, enableSourceWebhook } from "./sources/source-webhook";

// `pnpm ingest` runs from the package folder; relative paths mean the caller's folder.
const callerDir = callerDirectory();

type Values = Record<string, string | boolean | undefined>;

/** Every connector's flags, for parseArgs (one flag may serve several kinds: --url, --include). */
export function connectorFlags(): Record<string, { type: "string" | "boolean" }> {
  const flags: Record<string, { type: "string" | "boolean" }> = {};
  for (const { fields } of listConnectorKinds())
    for (const f of fields) flags[f.flag.replace(/^--/, "")] = { type: f.type === "boolean" ? "boolean" : "string" };
  return flags;
}

/** A relative local path means the caller's folder; URLs stay as they are. */
function localPath(value: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return value;
  const resolved = path.resolve(callerDir, value);
  return fs.existsSync(resolved) || value.startsWith(".") || value.includes("/") ? resolved : value;
}

/** The kind's settings given on the command line, typed as its schema expects. */
function configFromFlags({ fields, values }: { fields: ConfigField[]; values: Values }): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const f of fields) {
    const raw = values[f.flag.replace(/^--/, "")];
    if (raw === undefined) continue;
    if (f.type === "boolean") config[f.name] = raw === true;
    else if (f.type === "number" || f.type === "integer") config[f.name] = Number(raw);
    else if (f.type === "list")
      config[f.name] = String(raw)
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean);
    else if (f.name === "path" || f.name === "repo") config[f.name] = localPath(String(raw));
    else config[f.name] = raw;
  }
  return config;
}

function fieldsOf(kind: string): ConfigField[] {
  const entry = listConnectorKinds().find((k) => k.kind === kind);
  if (!entry)
    throw new GroundworkError(
      "bad_request",
      `--kind is one of ${listConnectorKinds()
        .map((k) => k.kind)
        .join(", ")}`,
    );
  return entry.fields;
}

const scheduleFlag = (v: string | boolean | undefined) =>
  v === undefined ? undefined : v === "none" || v === "manual" ? null : String(v);

/** `pnpm ingest sources …`; null when the subcommand is not one of these. */
export async function sourcesCommand({
  db,
  sub,
  name,
  values,
}: {
  db: Database;
  sub: string | undefined;
  name: string | undefined;
  values: Values;
}): Promise<number | null> {
  const json = values.json === true;
  const out = (line: string, data: unknown) => console.log(json ? JSON.stringify(data) : line);
  if (sub === "add") {
    if (typeof values.name !== "string") throw new GroundworkError("bad_request", "--name is required");
    const kind = String(values.kind ?? "folder");
    const fields = fieldsOf(kind);
    const config = configFromFlags({ fields, values });
    const missing = fields.filter((f) => f.required && config[f.name] === undefined);
    if (missing.length)
      throw new GroundworkError("bad_request", `--kind ${kind} needs ${missing.map((f) => f.flag).join(", ")}`);
    const every = scheduleFlag(values.every);
    const pruneEvery = scheduleFlag(values["prune-every"]);
    const source = await createSource({
      db,
      name: values.name,
      kind: kind as Parameters<typeof createSource>[0]["kind"],
      config,
      defaultAcl: typeof values.acl === "string" ? values.acl.split(",") : [],
      ...(every !== undefined ? { schedule: every } : {}),
      ...(pruneEvery !== undefined ? { pruneSchedule: pruneEvery } : {}),
    });
    out(
      `added source ${source.name} (${source.kind})${typeof source.config.path === "string" ? ` at ${source.config.path}` : ""} — schedule: ${source.schedule ?? "manual"} — default ACL: ${source.defaultAcl.join(", ") || "admins only"}`,
      source,
    );
    return 0;
  }
  if (sub === "list" || sub === undefined) {
    const rows = await listSourceSummaries({ db });
    if (json) console.log(JSON.stringify(rows));
    else if (!rows.length)
      console.log(
        "no sources yet — add one with: pnpm ingest sources add --name NAME --kind folder --path DIR --acl everyone",
      );
    else
      for (const s of rows) {
        const last = s.lastRun
          ? `${s.lastRun.status} ${s.lastRun.finishedAt?.toISOString() ?? "(running)"}`
          : "never run";
        console.log(
          `${s.name.padEnd(20)} ${s.kind.padEnd(7)} ${(s.paused ? "paused" : (s.schedule ?? "manual")).padEnd(12)} ${String(s.documents).padStart(6)} docs  last: ${last}${s.schedule && !s.paused ? `  next: ${s.nextRunAt?.toISOString() ?? "due now"}` : ""}`,
        );
      }
    return 0;
  }
  if (!name) throw new GroundworkError("bad_request", `usage: pnpm ingest sources ${sub} NAME`);
  if (sub === "edit") {
    const current = await findSource({ db, source: name });
    const config = configFromFlags({ fields: fieldsOf(current.kind), values });
    const every = scheduleFlag(values.every);
    const pruneEvery = scheduleFlag(values["prune-every"]);
    const source = await updateSource({
      db,
      source: name,
      ...(Object.keys(config).length ? { config } : {}),
      ...(typeof values.acl === "string" ? { defaultAcl: values.acl.split(",") } : {}),
      ...(every !== undefined ? { schedule: every } : {}),
      ...(pruneEvery !== undefined ? { pruneSchedule: pruneEvery } : {}),
    });
    out(`updated source ${source.name}`, source);
    return 0;
  }
  if (sub === "check") {
    const result = await checkSource({ db, source: name });
    out(result.ok ? `${name}: connection ok` : `${name}: ${result.error}`, result);
    return result.ok ? 0 : 1;
  }
  if (sub === "pause" || sub === "resume") {
    const source = await updateSource({ db, source: name, paused: sub === "pause" });
    out(`${source.name} ${source.paused ? "paused" : "resumed"}`, source);
    return 0;
  }
  if (sub === "webhook") {
    if (values.disable === true) {
      await disableSourceWebhook({ db, source: name });
      out(`webhook of ${name} disabled`, { source: name, webhook: false });
      return 0;
    }
    const hook = await enableSourceWebhook({ db, source: name });
    out(
      `webhook for ${name}: POST ${hook.path}\nsecret (shown once; a new call replaces it): ${hook.secret}\n` +
        "send it as Authorization: Bearer, X-Gitlab-Token, or as the HMAC key of X-Hub-Signature-256 / X-Gitea-Signature",
      { source: name, ...hook },
    );
    return 0;
  }
  if (sub === "delete") {
    if (values.yes !== true)
      throw new GroundworkError(
        "bad_request",
        `Deleting ${name} removes its documents from search; add --yes to confirm.`,
      );
    const result = await deleteSource({ db, source: name });
    out(`deleted source ${name} and its ${result.documents} document(s)`, { deleted: name, ...result });
    return 0;
  }
  return null;
}
