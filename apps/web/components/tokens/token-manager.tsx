"use client";

import { useId, useState } from "react";
import { TableWrap } from "~/components/table-wrap";
import { apiJson, ApiError } from "~/lib/client/api";
import { copyText } from "~/lib/client/citation-link";
import { formText } from "~/lib/http/form-text";
import { FormStatus } from "../admin/form-status";

/** A token as `/api/tokens` lists it (timestamps as JSON carries them). */
export type TokenRow = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  rateLimitPerMinute: number | null;
  state: "active" | "expired" | "revoked";
};

/** The expiry choices of the create form, in days; null never expires. */
const EXPIRY_CHOICES: { label: string; days: number | null }[] = [
  { label: "7 days", days: 7 },
  { label: "30 days", days: 30 },
  { label: "90 days", days: 90 },
  { label: "1 year", days: 365 },
  { label: "Never", days: null },
];

function when(value: string | null, never: string): string {
  return value ? new Date(value).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : never;
}

/**
 * Lists, creates and revokes API tokens through one owner's endpoints: a person's own
 * (`/api/tokens`) or a service account's (admin). The secret is in the create response only,
 * so it lives in this component's state until dismissed and is never fetched again.
 */
export function TokenManager({
  endpoint,
  initialTokens,
  scopes,
  extraScopesHint,
  withRateLimit = false,
  ownerLabel,
}: {
  /** The collection URL: GET lists `{ tokens }`, POST creates, `${endpoint}/${id}` DELETE revokes. */
  endpoint: string;
  initialTokens: TokenRow[];
  /** The scopes offered as checkboxes. */
  scopes: readonly string[];
  /** Shown when further scopes (ingest:write:<source>) may be typed in. */
  extraScopesHint?: string;
  withRateLimit?: boolean;
  ownerLabel: string;
}) {
  const formId = useId();
  const [tokens, setTokens] = useState(initialTokens);
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  async function reload() {
    const { tokens: fresh } = await apiJson<{ tokens: TokenRow[] }>(endpoint);
    setTokens(fresh);
  }

  async function act(fn: () => Promise<string>) {
    setPending(true);
    setError(null);
    setMessage(null);
    try {
      setMessage(await fn());
      await reload();
      return true;
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Request failed.");
      return false;
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="stack">
      {secret && (
        <section className="card token-secret" aria-labelledby={`${formId}-secret`}>
          <h2 id={`${formId}-secret`}>Copy your new token “{secret.name}”</h2>
          <p className="small">
            This is the only time it is shown. Store it somewhere safe; if you lose it, revoke it and create another.
          </p>
          <div className="row">
            <input
              aria-label="New token"
              readOnly
              value={secret.token}
              className="token-value"
              onFocus={(e) => e.currentTarget.select()}
            />
            <button
              type="button"
              className="button secondary small"
              onClick={async () => setCopied(await copyText(secret.token))}
            >
              {copied ? "Copied" : "Copy"}
            </button>
            <button
              type="button"
              className="button small"
              onClick={() => {
                setSecret(null);
                setCopied(false);
              }}
            >
              Done
            </button>
          </div>
        </section>
      )}

      <section aria-labelledby={`${formId}-list`}>
        <h2 id={`${formId}-list`}>Tokens of {ownerLabel}</h2>
        {tokens.length === 0 ? (
          <p className="muted">No tokens yet.</p>
        ) : (
          <TableWrap label={`Tokens of ${ownerLabel}`}>
            <table className="data" aria-label={`Tokens of ${ownerLabel}`}>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Prefix</th>
                  <th scope="col">Scopes</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((t) => (
                  <tr key={t.id}>
                    <td>
                      <strong>{t.name}</strong>
                      {t.rateLimitPerMinute !== null && (
                        <div className="muted small">{t.rateLimitPerMinute} requests/min</div>
                      )}
                    </td>
                    <td>
                      <code>{t.prefix}</code>
                    </td>
                    <td>{t.scopes.join(", ")}</td>
                    <td>{when(t.createdAt, "")}</td>
                    <td>{when(t.lastUsedAt, "never")}</td>
                    <td>{when(t.expiresAt, "never")}</td>
                    <td>
                      <span className={`badge ${t.state === "active" ? "ok" : "err"}`}>{t.state}</span>
                    </td>
                    <td>
                      {t.state === "active" &&
                        (confirming === t.id ? (
                          <div className="row" role="group" aria-label={`Revoke ${t.name}?`}>
                            <span className="small">Revoke “{t.name}”? Programs using it stop working.</span>
                            <button
                              type="button"
                              className="button danger small"
                              disabled={pending}
                              onClick={async () => {
                                const ok = await act(async () => {
                                  await apiJson(`${endpoint}/${t.id}`, { method: "DELETE" });
                                  return `Revoked “${t.name}”.`;
                                });
                                if (ok) setConfirming(null);
                              }}
                            >
                              Yes, revoke
                            </button>
                            <button
                              type="button"
                              className="button secondary small"
                              onClick={() => setConfirming(null)}
                            >
                              Cancel
                            </button>
                          </div>
                        ) : (
                          <button
                            type="button"
                            className="button danger small"
                            aria-label={`Revoke ${t.name}`}
                            onClick={() => setConfirming(t.id)}
                          >
                            Revoke
                          </button>
                        ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>

      <form
        className="stack card"
        aria-labelledby={`${formId}-new`}
        onSubmit={async (e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const f = new FormData(form);
          const chosen = f.getAll("scope").map(String);
          const extra = formText(f.get("extraScopes"))
            .split(/[,\s]+/)
            .filter(Boolean);
          const expiry = formText(f.get("expiry"));
          const rate = formText(f.get("rateLimit")).trim();
          const name = formText(f.get("name")).trim();
          const ok = await act(async () => {
            const created = await apiJson<{ token: string }>(endpoint, {
              method: "POST",
              json: {
                name,
                scopes: [...chosen, ...extra],
                expiresInDays: expiry === "never" ? null : Number(expiry),
                ...(withRateLimit ? { rateLimitPerMinute: rate ? Number(rate) : null } : {}),
              },
            });
            setSecret({ name, token: created.token });
            setCopied(false);
            return `Created “${name}”.`;
          });
          if (ok) form.reset();
        }}
      >
        <h2 id={`${formId}-new`}>Create a token</h2>
        <label>
          Name
          <input name="name" required maxLength={80} placeholder="e.g. my chat client" />
        </label>
        <fieldset className="scope-choices">
          <legend>Scopes</legend>
          {scopes.map((s, i) => (
            <label key={s} className="check">
              <input type="checkbox" name="scope" value={s} defaultChecked={i === 0} /> {s}
            </label>
          ))}
        </fieldset>
        {extraScopesHint && (
          <label>
            More scopes
            <input name="extraScopes" placeholder="ingest:write:intranet" />
            <span className="muted small">{extraScopesHint}</span>
          </label>
        )}
        <label>
          Expires
          <select name="expiry" defaultValue="30">
            {EXPIRY_CHOICES.map((c) => (
              <option key={c.label} value={c.days === null ? "never" : String(c.days)}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        {withRateLimit && (
          <label>
            Rate limit (requests per minute, blank for the default)
            <input name="rateLimit" type="number" min={1} max={100000} />
          </label>
        )}
        <button className="button" disabled={pending}>
          Create token
        </button>
        <FormStatus error={error} message={message} />
      </form>
    </div>
  );
}
