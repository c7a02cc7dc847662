"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { LookupFacets, SearchResult } from "@groundwork/retrieval";
import { validCorrections, type Correction } from "~/lib/client/answer-presentation";
import { apiJson, ApiError } from "~/lib/client/api";
import { citationText, copyText, pageLabel, viewerHref } from "~/lib/client/citation-link";
import { SearchedForLine } from "./chat/searched-for-line";
import { Snippet } from "./snippet";

/** The parts of a search hit the lookup shows (the body is `/api/search`'s, see its contract). */
type Result = Pick<
  SearchResult,
  | "chunkId"
  | "documentId"
  | "sourceName"
  | "title"
  | "path"
  | "mime"
  | "version"
  | "effectiveDate"
  | "headings"
  | "pageFrom"
  | "pageTo"
  | "charStart"
  | "charEnd"
  | "snippet"
>;

const DEBOUNCE_MS = 150;

export function PolicyLookup({ facets, initialQuery }: { facets: LookupFacets; initialQuery: string }) {
  const [query, setQuery] = useState(initialQuery);
  const [sourceId, setSourceId] = useState("");
  const [type, setType] = useState("");
  const [tag, setTag] = useState("");
  const [results, setResults] = useState<Result[] | null>(null);
  // The spelling corrections of the search these results came from, with the text it was asked as.
  const [searched, setSearched] = useState<{ query: string; corrections: Correction[] }>({
    query: "",
    corrections: [],
  });
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const statusId = useId();

  // An emptied box clears the results as it changes, not from the search effect (no setState inside an effect).
  function changeQuery(next: string) {
    setQuery(next);
    if (next.trim()) return;
    setResults(null);
    setSearched({ query: "", corrections: [] });
    setError(null);
  }

  useEffect(() => {
    const q = query.trim();
    if (!q) return; // changeQuery already cleared the results
    // Each keystroke cancels the previous request so a slow answer never overwrites a newer one.
    const ctrl = new AbortController();
    const timer = setTimeout(() => void search(), DEBOUNCE_MS);
    async function search() {
      setLoading(true);
      try {
        const filters = {
          ...(sourceId ? { sourceIds: [sourceId] } : {}),
          ...(type ? { types: [type] } : {}),
          ...(tag ? { tags: [tag] } : {}),
        };
        const res = await apiJson<{ results: Result[]; corrections?: unknown }>("/api/search", {
          method: "POST",
          json: { query: q, limit: 20, filters },
          signal: ctrl.signal,
        });
        setResults(res.results);
        setSearched({ query: q, corrections: validCorrections(res.corrections) });
        setError(null);
      } catch (err) {
        if (ctrl.signal.aborted) return;
        setError(err instanceof ApiError ? err.message : "Search failed. Try again.");
      } finally {
        if (!ctrl.signal.aborted) setLoading(false);
      }
    }
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [query, sourceId, type, tag]);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key === "/" && !(target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
        e.preventDefault();
        inputRef.current?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  function resultLinks(): HTMLAnchorElement[] {
    return [...(listRef.current?.querySelectorAll<HTMLAnchorElement>("a.result-title") ?? [])];
  }

  function onInputKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      resultLinks()[0]?.focus();
    }
  }

  async function copy(r: Result) {
    const href = viewerHref(r);
    const ok = await copyText(citationText({ ...r, href, origin: window.location.origin }));
    setCopied(ok ? r.chunkId : null);
    if (ok) setTimeout(() => setCopied((c) => (c === r.chunkId ? null : c)), 2000);
  }

  function onListKey(e: KeyboardEvent<HTMLOListElement>) {
    const links = resultLinks();
    const index = links.findIndex(
      (a) => a === document.activeElement || a.closest("li")?.contains(document.activeElement),
    );
    if (e.key === "ArrowDown" || e.key === "j") {
      e.preventDefault();
      links[Math.min(links.length - 1, index + 1)]?.focus();
    } else if (e.key === "ArrowUp" || e.key === "k") {
      e.preventDefault();
      if (index <= 0) inputRef.current?.focus();
      else links[index - 1]?.focus();
    } else if (e.key === "c" && index >= 0 && results?.[index]) {
      e.preventDefault();
      void copy(results[index]);
    } else if (e.key === "Escape") {
      inputRef.current?.focus();
    }
  }

  const status = error
    ? error
    : loading
      ? "Searching…"
      : results
        ? `${results.length} result${results.length === 1 ? "" : "s"}`
        : "Type to search policies, contracts and runbooks.";

  return (
    <div className="lookup">
      <div className="lookup-controls" role="search">
        <label className="grow">
          <span className="sr-only">Search policies</span>
          <input
            ref={inputRef}
            type="search"
            value={query}
            onChange={(e) => changeQuery(e.target.value)}
            onKeyDown={onInputKey}
            placeholder="Search policies (press / to focus, ↓ to move into results)"
            aria-describedby={statusId}
            autoFocus
            autoComplete="off"
          />
        </label>
        <label>
          Source
          <select value={sourceId} onChange={(e) => setSourceId(e.target.value)}>
            <option value="">All sources</option>
            {facets.sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Type
          <select value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">All types</option>
            {facets.types.map((t) => (
              <option key={t} value={t}>
                {t.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tag
          <select value={tag} onChange={(e) => setTag(e.target.value)}>
            <option value="">All tags</option>
            {facets.tags.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p id={statusId} className={error ? "error" : "muted"} role="status" aria-live="polite">
        {status}
      </p>
      {results && <SearchedForLine text={searched.query} corrections={searched.corrections} />}
      {results && results.length > 0 && (
        <ol className="results" ref={listRef} onKeyDown={onListKey} aria-label="Search results">
          {results.map((r) => {
            const href = viewerHref(r);
            const page = pageLabel(r.pageFrom, r.pageTo);
            // The breadcrumb usually starts with the title, which the row already shows.
            const crumbs = r.headings[0] === r.title ? r.headings.slice(1) : r.headings;
            return (
              <li key={r.chunkId} className="result">
                <div className="result-head">
                  <Link className="result-title" href={href}>
                    {r.title}
                  </Link>
                  <span className="muted small">
                    {r.sourceName} · v{r.version}
                    {page ? ` · ${page}` : ""}
                    {r.effectiveDate ? ` · effective ${r.effectiveDate}` : ""}
                  </span>
                </div>
                {crumbs.length > 0 && <p className="breadcrumb-line small muted">{crumbs.join(" › ")}</p>}
                <p className="snippet">
                  <Snippet text={r.snippet} />
                </p>
                <div className="result-actions">
                  <button type="button" className="button secondary small" onClick={() => void copy(r)}>
                    {copied === r.chunkId ? "Copied" : "Copy citation link"}
                  </button>
                  <Link className="button secondary small" href={href}>
                    Open in viewer
                  </Link>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <p className="muted small">Keys: / search · ↓ ↑ move · Enter open · c copy citation · Esc back to search</p>
    </div>
  );
}
