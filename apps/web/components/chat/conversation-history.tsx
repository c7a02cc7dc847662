"use client";

import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { apiFetch, ApiError } from "~/lib/client/api";
import { groupConversations } from "~/lib/client/group-conversations";
import type { ConversationSummary } from "./types";

/**
 * The user's conversations grouped by date, with search (titles and their own questions, on the
 * server), rename in place and delete after a confirmation. `conversations` is the unsearched
 * list the chat keeps fresh; a search shows the server's matches instead.
 */
export function ConversationHistory({
  conversations,
  currentId,
  onChanged,
}: {
  conversations: ConversationSummary[] | null;
  currentId: string | null;
  /** After a rename or delete: the chat reloads its list (and leaves a deleted open conversation). */
  onChanged: (change: { deleted?: string }) => void;
}) {
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<ConversationSummary[] | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now] = useState(() => new Date());

  useEffect(() => {
    const q = query.trim();
    if (!q) return;
    const ctrl = new AbortController();
    // Debounced: a search per pause in typing, not per keystroke.
    const timer = setTimeout(() => {
      apiFetch(`/api/conversations?q=${encodeURIComponent(q)}`, { signal: ctrl.signal })
        .then((res) => res.json() as Promise<{ conversations: ConversationSummary[] }>)
        .then((body) => setResults(body.conversations))
        .catch((err: unknown) => {
          if (!ctrl.signal.aborted) setError(err instanceof ApiError ? err.message : "Search failed.");
        });
    }, 200);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [query]);

  const shown = query.trim() ? results : conversations;
  const groups = useMemo(() => groupConversations({ conversations: shown ?? [], now }), [shown, now]);

  async function rename(id: string, title: string) {
    setError(null);
    try {
      await apiFetch(`/api/conversations/${encodeURIComponent(id)}`, { method: "PATCH", json: { title } });
      setEditing(null);
      setResults((r) => r?.map((c) => (c.id === id ? { ...c, title } : c)) ?? null);
      onChanged({});
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Could not rename.");
    }
  }

  async function remove(id: string) {
    setError(null);
    try {
      await apiFetch(`/api/conversations/${encodeURIComponent(id)}`, { method: "DELETE" });
      setConfirming(null);
      setResults((r) => r?.filter((c) => c.id !== id) ?? null);
      onChanged({ deleted: id });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Could not delete.");
    }
  }

  return (
    <aside className="history" aria-label="Conversation history">
      <a href="/chat" className="button secondary small block">
        New chat
      </a>
      <label htmlFor="history-search" className="sr-only">
        Search conversations
      </label>
      <input
        id="history-search"
        type="search"
        className="history-search"
        placeholder="Search conversations"
        value={query}
        maxLength={200}
        onChange={(e) => {
          setQuery(e.target.value);
          if (!e.target.value.trim()) setResults(null);
        }}
      />
      {error && (
        <p role="alert" className="error small">
          {error}
        </p>
      )}
      {shown === null ? (
        <p className="muted small">{query.trim() ? "Searching…" : "Loading…"}</p>
      ) : shown.length === 0 ? (
        <p className="muted small">{query.trim() ? "No conversation matches." : "No conversations yet."}</p>
      ) : (
        groups.map((g) => (
          <section key={g.label} aria-label={g.label} className="history-group">
            <h2 className="small muted">{g.label}</h2>
            <ul>
              {g.items.map((c) =>
                editing === c.id ? (
                  <li key={c.id}>
                    <RenameForm
                      title={c.title}
                      onSave={(t) => void rename(c.id, t)}
                      onCancel={() => setEditing(null)}
                    />
                  </li>
                ) : (
                  <li key={c.id} className="history-item">
                    <a
                      href={`/chat?c=${encodeURIComponent(c.id)}`}
                      aria-current={c.id === currentId ? "page" : undefined}
                      title={c.title}
                    >
                      {c.title}
                    </a>
                    {confirming === c.id ? (
                      <span className="history-confirm" role="group" aria-label={`Delete “${c.title}”?`}>
                        <button type="button" className="button danger small" onClick={() => void remove(c.id)}>
                          Delete
                        </button>
                        <button type="button" className="button secondary small" onClick={() => setConfirming(null)}>
                          Keep
                        </button>
                      </span>
                    ) : (
                      <span className="history-actions">
                        <button
                          type="button"
                          className="icon-button"
                          aria-label={`Rename “${c.title}”`}
                          title="Rename"
                          onClick={() => setEditing(c.id)}
                        >
                          ✎
                        </button>
                        <button
                          type="button"
                          className="icon-button"
                          aria-label={`Delete “${c.title}”`}
                          title="Delete"
                          onClick={() => setConfirming(c.id)}
                        >
                          ×
                        </button>
                      </span>
                    )}
                  </li>
                ),
              )}
            </ul>
          </section>
        ))
      )}
    </aside>
  );
}

function RenameForm({
  title,
  onSave,
  onCancel,
}: {
  title: string;
  onSave: (title: string) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(title);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => ref.current?.select(), []);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (value.trim()) onSave(value.trim());
  }
  return (
    <form onSubmit={submit} className="history-rename">
      <label className="sr-only" htmlFor="rename-title">
        New title
      </label>
      <input
        id="rename-title"
        ref={ref}
        value={value}
        maxLength={200}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => e.key === "Escape" && onCancel()}
      />
      <button type="submit" className="button small" disabled={!value.trim()}>
        Save
      </button>
    </form>
  );
}
