"use client";

import { useState } from "react";
import { apiJson } from "~/lib/client/api";
import { formText } from "~/lib/http/form-text";
import { TokenManager, type TokenRow } from "../tokens/token-manager";
import { FormStatus } from "./form-status";
import { splitList, useMutation } from "./use-mutation";

type Account = { id: string; username: string; displayName: string; disabled: boolean; groups: string[] };

/** One service account: its groups, enabled state and tokens. */
export function ServiceAccountPanel({
  account,
  tokens,
  scopes,
}: {
  account: Account;
  tokens: TokenRow[];
  scopes: readonly string[];
}) {
  const [groups, setGroups] = useState(account.groups.join(", "));
  const { run, pending, error, message } = useMutation();
  const patch = (body: Record<string, unknown>, ok: string) =>
    run(() => apiJson(`/api/admin/service-accounts/${account.id}`, { method: "PATCH", json: body }), ok);
  const headingId = `sa-${account.id}`;
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {account.displayName} <code className="small">{account.username}</code>{" "}
        {account.disabled ? <span className="badge err">disabled</span> : <span className="badge ok">active</span>}
      </h2>
      <div className="row">
        <label>
          Groups
          <input
            value={groups}
            onChange={(e) => setGroups(e.target.value)}
            placeholder="(everyone only)"
            aria-label={`Groups of ${account.username}`}
          />
        </label>
        <button
          type="button"
          className="button secondary small"
          disabled={pending}
          onClick={() => patch({ groups: splitList(groups) }, "Groups saved.")}
        >
          Save groups
        </button>
        <button
          type="button"
          className={`button small ${account.disabled ? "secondary" : "danger"}`}
          disabled={pending}
          onClick={() =>
            patch({ disabled: !account.disabled }, account.disabled ? "Enabled." : "Disabled; its tokens are refused.")
          }
        >
          {account.disabled ? "Enable" : "Disable"}
        </button>
      </div>
      <FormStatus error={error} message={message} />
      <TokenManager
        endpoint={`/api/admin/service-accounts/${account.id}/tokens`}
        ownerLabel={account.username}
        initialTokens={tokens}
        scopes={scopes}
        extraScopesHint="ingest:write:<source> lets it push documents into that push source."
        withRateLimit
      />
    </section>
  );
}

export function CreateServiceAccountForm() {
  const { run, pending, error, message } = useMutation();
  return (
    <form
      className="stack card"
      aria-labelledby="new-sa-h"
      onSubmit={async (e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const f = new FormData(form);
        const displayName = formText(f.get("displayName"));
        const ok = await run(
          () =>
            apiJson<{ username: string }>("/api/admin/service-accounts", {
              method: "POST",
              json: {
                name: formText(f.get("name")),
                ...(displayName ? { displayName } : {}),
                groups: splitList(formText(f.get("groups"))),
              },
            }),
          (r) => `Created ${r.username}.`,
        );
        if (ok) form.reset();
      }}
    >
      <h2 id="new-sa-h">Create a service account</h2>
      <label>
        Name
        <input name="name" required minLength={2} maxLength={48} placeholder="support-console" />
      </label>
      <label>
        Display name
        <input name="displayName" maxLength={120} />
      </label>
      <label>
        Groups (comma-separated)
        <input name="groups" placeholder="support" />
      </label>
      <button className="button" disabled={pending}>
        Create service account
      </button>
      <FormStatus error={error} message={message} />
    </form>
  );
}
