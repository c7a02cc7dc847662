"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { apiJson, ApiError } from "~/lib/client/api";
import { formText } from "~/lib/http/form-text";
import { FormStatus } from "./form-status";
import {
  fieldName,
  labelOf,
  placeholderOf,
  scheduleFrom,
  settingsFrom,
  shown,
  type FormField,
} from "./source-settings";
import { splitList } from "./use-mutation";

export type { FormField } from "./source-settings";

export type SourceKindForm = { kind: string; label: string; fields: FormField[] };

/** What an edit starts from: the stored settings (never a secret) and the names of the secrets that are set. */
export type EditedSource = {
  id: string;
  name: string;
  config: Record<string, unknown>;
  secretFields: string[];
  defaultAcl: string[];
  schedule: string | null;
  pruneSchedule: string | null;
};

/** Long or multi-line examples (a query, a template) get a text area. */
const isLong = (field: FormField) => field.type === "string" && /\n|.{49}/.test(field.example ?? "");

function SettingInput({
  field,
  id,
  hintId,
  editing,
  value,
  secretSet,
}: {
  field: FormField;
  id: string;
  hintId: string | undefined;
  editing: boolean;
  value: unknown;
  secretSet: boolean;
}) {
  const common = {
    id,
    name: fieldName(field),
    "aria-describedby": hintId,
    // A secret that is already set need not be typed again; other required fields keep their value.
    required: field.required && !(field.secret && secretSet),
  };
  if (field.type === "boolean") {
    const checked = value === undefined ? field.default === true : value === true;
    return <input type="checkbox" {...common} required={false} defaultChecked={checked} />;
  }
  if (field.type === "enum") {
    return (
      <select {...common} defaultValue={shown(value)}>
        {!field.required && (
          <option value="">{field.default !== undefined ? `default (${shown(field.default)})` : "—"}</option>
        )}
        {(field.options ?? []).map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  }
  if (field.secret) {
    return (
      <input
        {...common}
        type="password"
        // Never the admin's own saved password: browsers autofill password inputs otherwise.
        autoComplete="new-password"
        placeholder={secretSet ? "set — leave blank to keep" : editing ? "not set" : ""}
      />
    );
  }
  if (isLong(field))
    return <textarea {...common} rows={3} defaultValue={shown(value)} placeholder={placeholderOf(field)} />;
  const numeric = field.type === "number" || field.type === "integer";
  return (
    <input
      {...common}
      type={numeric ? "number" : "text"}
      {...(numeric ? { step: field.type === "integer" ? 1 : "any", inputMode: "decimal" as const } : {})}
      defaultValue={shown(value)}
      placeholder={placeholderOf(field)}
    />
  );
}

/**
 * Add or edit a source: the kind's form is generated from its field descriptions (required
 * marks, descriptions, defaults as placeholders), then default access and schedule. "Test
 * connection" runs the connector's check on what is typed, unsaved. Secrets are write-only:
 * the form is told which are set, never their values.
 */
export function SourceForm({
  kind,
  groups,
  source,
}: {
  kind: SourceKindForm;
  groups: string[];
  /** Editing this source; absent when adding one. */
  source?: EditedSource;
}) {
  const router = useRouter();
  const uid = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const editing = source !== undefined;
  const [pending, setPending] = useState<"save" | "check" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [check, setCheck] = useState<{ ok: boolean; text: string } | null>(null);
  const headingId = `${uid}-h`;

  async function act(what: "save" | "check", fn: () => Promise<void>) {
    setPending(what);
    setError(null);
    setMessage(null);
    if (what === "check") setCheck(null);
    try {
      await fn();
    } catch (err) {
      const text = err instanceof ApiError ? err.message : "Request failed.";
      if (what === "check") setCheck({ ok: false, text });
      else setError(text);
    } finally {
      setPending(null);
    }
  }

  const testConnection = () =>
    act("check", async () => {
      const data = new FormData(formRef.current!);
      const result = await apiJson<{ ok: boolean; error?: string }>("/api/admin/sources/check", {
        method: "POST",
        json: {
          kind: kind.kind,
          config: settingsFrom({ data, fields: kind.fields, editing }),
          ...(source ? { source: source.id } : {}),
        },
      });
      setCheck(
        result.ok
          ? { ok: true, text: "Connection OK." }
          : { ok: false, text: `Connection failed: ${result.error ?? "no reason given"}` },
      );
    });

  return (
    <form
      ref={formRef}
      className="stack card"
      aria-labelledby={headingId}
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const data = new FormData(form);
        const config = settingsFrom({ data, fields: kind.fields, editing });
        const defaultAcl = splitList(formText(data.get("acl")));
        void act("save", async () => {
          if (source) {
            await apiJson(`/api/admin/sources/${source.id}`, {
              method: "PATCH",
              json: {
                config,
                defaultAcl,
                schedule: scheduleFrom(data.get("schedule")),
                pruneSchedule: scheduleFrom(data.get("pruneSchedule")),
              },
            });
            // Say when access changes take effect: the stored documents keep theirs until a run.
            const aclChanged =
              defaultAcl.join(",") !== source.defaultAcl.map((a) => a.replace(/^group:/, "")).join(",");
            setMessage(aclChanged ? "Saved. The new default access applies to documents at the next run." : "Saved.");
            router.refresh();
          } else {
            const schedule = data.get("schedule");
            const prune = scheduleFrom(data.get("pruneSchedule"));
            const created = await apiJson<{ source: { name: string } }>("/api/admin/sources", {
              method: "POST",
              json: {
                name: formText(data.get("name")).trim(),
                kind: kind.kind,
                config,
                defaultAcl,
                // Blank: the kind's default schedule (a web site daily; others manual).
                ...(typeof schedule === "string" && schedule.trim() !== "" ? { schedule: scheduleFrom(schedule) } : {}),
                ...(prune ? { pruneSchedule: prune } : {}),
              },
            });
            form.reset();
            setMessage(`Source ${created.source.name} added.`);
            router.push("/admin/sources");
            router.refresh();
          }
        });
      }}
    >
      <h2 id={headingId}>{source ? `Edit ${source.name}` : `Add a source: ${kind.label}`}</h2>
      <p className="muted small">
        Fields marked <span aria-hidden="true">*</span>
        <span className="sr-only">required</span> are required.
      </p>
      {!source && (
        <label>
          <span>
            Name <span aria-hidden="true">*</span>
          </span>
          <input
            name="name"
            required
            pattern="[a-z0-9][a-z0-9_\-]{0,62}"
            placeholder="handbook"
            aria-describedby={`${uid}-name-hint`}
          />
          <span id={`${uid}-name-hint`} className="muted small">
            Lowercase letters, digits, - or _.
          </span>
        </label>
      )}
      {kind.fields.map((field) => {
        const id = `${uid}-${field.name}`;
        const hintId = field.description ? `${id}-hint` : undefined;
        const secretSet = Boolean(source?.secretFields.includes(field.name));
        const input = (
          <SettingInput
            field={field}
            id={id}
            hintId={hintId}
            editing={editing}
            value={source?.config[field.name]}
            secretSet={secretSet}
          />
        );
        const mark = field.required && !(field.secret && secretSet) ? <span aria-hidden="true"> *</span> : null;
        const hint = field.description ? (
          <span id={hintId} className="muted small">
            {field.description}
            {field.type === "list" ? " Comma-separated." : ""}
          </span>
        ) : null;
        if (field.type === "boolean")
          return (
            <div key={field.name} className="stack tight">
              <label className="inline" htmlFor={id}>
                {input} {labelOf(field.name)}
              </label>
              {hint}
            </div>
          );
        return (
          <div key={field.name} className="stack tight">
            <label htmlFor={id}>
              <span>
                {labelOf(field.name)}
                {field.secret ? " (secret)" : ""}
                {mark}
              </span>
            </label>
            {input}
            {hint}
            {field.secret && secretSet && (
              <label className="inline small">
                <input type="checkbox" name={`clear.${field.name}`} /> Clear the stored{" "}
                {labelOf(field.name).toLowerCase()}
              </label>
            )}
          </div>
        );
      })}
      <label>
        Default access
        <input
          name="acl"
          list={`${uid}-groups`}
          defaultValue={source?.defaultAcl.join(", ") ?? ""}
          placeholder="admins only"
          aria-describedby={`${uid}-acl-hint`}
        />
        <span id={`${uid}-acl-hint`} className="muted small">
          Groups or user:&lt;id&gt;, comma-separated, for documents without their own access rules. Empty: admins only.
        </span>
        <datalist id={`${uid}-groups`}>
          {groups.map((g) => (
            <option key={g} value={g} />
          ))}
        </datalist>
      </label>
      <label>
        Schedule
        <input
          name="schedule"
          defaultValue={source?.schedule ?? ""}
          placeholder={source ? "manual" : "the kind's default"}
          aria-describedby={`${uid}-schedule-hint`}
        />
        <span id={`${uid}-schedule-hint`} className="muted small">
          An interval such as 15m, 2h or 1d, or a cron expression such as 0 3 * * *; “manual” for manual runs only.
          {source ? " Empty: manual." : " Empty: the kind's default (daily for web sites, manual for the others)."}
        </span>
      </label>
      <label>
        Prune schedule
        <input
          name="pruneSchedule"
          defaultValue={source?.pruneSchedule ?? ""}
          placeholder="the kind's default"
          aria-describedby={`${uid}-prune-hint`}
        />
        <span id={`${uid}-prune-hint`} className="muted small">
          How often a scheduled run also removes documents the source no longer has. Empty: the kind&apos;s default.
        </span>
      </label>
      <div className="row">
        <button
          type="button"
          className="button secondary"
          disabled={pending !== null}
          onClick={() => void testConnection()}
        >
          {pending === "check" ? "Testing…" : "Test connection"}
        </button>
        <button type="submit" className="button" disabled={pending !== null}>
          {pending === "save" ? "Saving…" : source ? "Save changes" : "Add source"}
        </button>
      </div>
      {check && !check.ok ? (
        <p role="alert" className="error small">
          {check.text}
        </p>
      ) : (
        <p role="status" className="small ok-text">
          {check?.text ?? ""}
        </p>
      )}
      <FormStatus error={error} message={message} />
    </form>
  );
}
