"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { LookupFacets, SearchResult } from "@groundwork/retrieval";
import { validCorrections, type Correction } from "~/lib/client/answer-presentation";
import { apiJson, ApiError } from "~/lib/client/api";
import { citationText, copyText, pageLabel, viewerHref } from "~/lib/client/citation-link";
import { noteReturnOnClick } from "~/lib/client/viewer-return";
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
  | "ranks"
>;

const DEBOUNCE_MS = 150;
/** Passages asked for per page; "Show more" asks again for the next page's worth (the API caps at 50). */
const PAGE_SIZE = 20;
const MAX_RESULTS = 50;

/** Filters a lookup starts with (from the URL), so a shared or restored lookup shows the same results. */
export type LookupFilters = { source?: string; type?: string; tag?: string };

/** The lookup's URL: query and filters, so Back, reload and a shared link restore the same search. */
function lookupUrl({ q, source, type, tag }: { q: string; source: string; type: string; tag: string }): string {
  const params = new URLSearchParams();
  if (q.trim()) params.set("q", q.trim());
  if (source) params.set("source", source);
  if (type) params.set("type", type);
  if (tag) params.set("tag", tag);
  const qs = params.toString();
  return `${window.location.pathname}${qs ? `?${qs}` : ""}`;
}

const scrollKey = (url: string) => `groundwork.lookup.scroll:${url}`;

export function PolicyLookup({
  facets,
  initialQuery,
  initialFilters = {},
  syncUrl = true,
}: {
  facets: LookupFacets;
  initialQuery: string;
  initialFilters?: LookupFilters;
  /** Keep query and filters in the page URL (off where the lookup is embedded in another page). */
  syncUrl?: boolean;
}) {
  // Back to this lookup restores the page from the router's cache, rendered for the address it was
  // first opened at (often a bare /lookup); the query and filters written into the URL since then
  // come from the URL itself. Filters are kept only when the server offered them (initialFilters is
  // checked against the facets, the URL is not).
  const url = useSearchParams();
  const fromUrl = (name: string, allowed: string[] | null) => {
    const v = syncUrl ? url?.get(name) : null;
    return v != null && (allowed == null || allowed.includes(v)) ? v : null;
  };
  const [query, setQuery] = useState(() => fromUrl("q", null) ?? initialQuery);
  const [sourceId, setSourceId] = useState(
    () =>
      fromUrl(
        "source",
        facets.sources.map((s) => s.id),
      ) ??
      initialFilters.source ??
      "",
  );
  const [type, setType] = useState(() => fromUrl("type", facets.types) ?? initialFilters.type ?? "");
  const [tag, setTag] = useState(() => fromUrl("tag", facets.tags) ?? initialFilters.tag ?? "");
  const [limit, setLimit] = useState(PAGE_SIZE);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const pendingScrollRef = useRef<number | null>(null);
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
    setLimit(PAGE_SIZE);
    if (syncUrl)
      window.history.replaceState(window.history.state, "", lookupUrl({ q: next, source: sourceId, type, tag }));
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
        if (syncUrl)
          window.history.replaceState(window.history.state, "", lookupUrl({ q, source: sourceId, type, tag }));
        const res = await apiJson<{ results: Result[]; corrections?: unknown }>("/api/search", {
          method: "POST",
          json: { query: q, limit, filters },
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
  }, [query, sourceId, type, tag, limit, syncUrl]);

  // Back to this lookup (from the viewer): the scroll position it was left at comes back with its results.
  // It is read once on arrival and nothing is saved until it is applied: the page is short until the
  // results load, and the scroll events of that moment (the browser clamping to 0) must not overwrite it.
  useEffect(() => {
    if (!syncUrl) return;
    const key = scrollKey(window.location.search);
    try {
      const saved = window.sessionStorage.getItem(key);
      pendingScrollRef.current = saved == null ? null : Number(saved);
    } catch {
      pendingScrollRef.current = null; // storage unavailable: Back still restores the search, from the URL
    }
    const onScroll = () => {
      if (pendingScrollRef.current != null) return;
      try {
        window.sessionStorage.setItem(scrollKey(window.location.search), String(Math.round(window.scrollY)));
      } catch {
        // as above
      }
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => window.removeEventListener("scroll", onScroll);
  }, [syncUrl]);
  useEffect(() => {
    if (!syncUrl || results == null) return;
    const pending = pendingScrollRef.current;
    pendingScrollRef.current = null;
    if (pending != null && Number.isFinite(pending) && results.length) window.scrollTo({ top: pending });
  }, [results, syncUrl]);

  // Text typed before the page hydrated is in the box but never reached state (React fires no
  // change for it): on a slow phone the query would sit there unsearched. Taken up once, on mount.
  useEffect(() => {
    const typed = inputRef.current?.value ?? "";
    if (typed !== query) changeQuery(typed);
    // Once, on mount: later the box and the state move together.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

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
    } else if (e.key === "c" && index >= 0) {
      const hit = results?.find((r) => r.chunkId === links[index]?.dataset.chunk);
      if (!hit) return;
      e.preventDefault();
      void copy(hit);
    } else if (e.key === "Escape") {
      inputRef.current?.focus();
    }
  }

  const groups = groupByDocument(results ?? []);
  // Honest emptiness: when no readable passage contains any query word (the lexical leg found
  // nothing), the vector leg's nearest passages are only "least unlike", not matches: none are shown.
  const matched = (results ?? []).some((r) => r.ranks.lexical !== null);
  const shownGroups = matched ? groups : [];
  const passageCount = shownGroups.reduce((n, g) => n + g.passages.length, 0);

  const status = error
    ? error
    : loading
      ? "Searching…"
      : results
        ? passageCount === 0
          ? "0 results: no document you can read contains these words."
          : `${passageCount} result${passageCount === 1 ? "" : "s"} in ${shownGroups.length} document${shownGroups.length === 1 ? "" : "s"}`
        : "Type to search policies, contracts and runbooks.";

  return (
    <div className="lookup" onClickCapture={noteReturnOnClick("results")}>
      <div className="lookup-controls" role="search">
        <label className="grow">
          <span className="sr-only">Search policies</span>
          <input
            ref={inputRef}
            type="search"
            value={query}
            onChange={(e) => changeQuery(e.target.value)}
            onKeyDown={(e) => {
              // The hint says Esc goes back to search: in the box it keeps the query (the browser would clear it).
              if (e.key === "Escape") e.preventDefault();
              onInputKey(e);
            }}
            placeholder="Search policies (press / to focus, ↓ to move into results)"
            aria-describedby={statusId}
            autoFocus
            autoComplete="off"
          />
        </label>
        <label>
          Source
          <select
            value={sourceId}
            onChange={(e) => {
              setSourceId(e.target.value);
              setLimit(PAGE_SIZE);
            }}
          >
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
          <select
            value={type}
            onChange={(e) => {
              setType(e.target.value);
              setLimit(PAGE_SIZE);
            }}
          >
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
          <select
            value={tag}
            onChange={(e) => {
              setTag(e.target.value);
              setLimit(PAGE_SIZE);
            }}
          >
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
      {results && passageCount === 0 && (
        <div className="lookup-empty">
          <p>Try fewer or different words, check the spelling, or clear the filters.</p>
          {facets.tags.length > 0 && (
            <p className="small muted">
              Topics in your documents:{" "}
              {facets.tags.slice(0, 8).map((t, i) => (
                <span key={t}>
                  {i > 0 ? ", " : ""}
                  <button type="button" className="link-button" onClick={() => changeQuery(t)}>
                    {t}
                  </button>
                </span>
              ))}
            </p>
          )}
        </div>
      )}
      {passageCount > 0 && (
        <ol className="results" ref={listRef} onKeyDown={onListKey} aria-label="Search results">
          {shownGroups.map((g) => {
            const open = expanded.has(g.documentId);
            const more = g.passages.length - 1;
            return (
              <li key={g.documentId} className="result">
                {(open ? g.passages : g.passages.slice(0, 1)).map((r, i) => (
                  <ResultPassage
                    key={r.chunkId}
                    r={r}
                    first={i === 0}
                    copied={copied === r.chunkId}
                    onCopy={() => void copy(r)}
                  />
                ))}
                {more > 0 && (
                  <button
                    type="button"
                    className="link-button small"
                    aria-expanded={open}
                    onClick={() =>
                      setExpanded((s) => {
                        const next = new Set(s);
                        if (open) next.delete(g.documentId);
                        else next.add(g.documentId);
                        return next;
                      })
                    }
                  >
                    {open ? "Show fewer from this document" : `${more} more in this document`}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {passageCount > 0 && results && results.length >= limit && limit < MAX_RESULTS && (
        <button
          type="button"
          className="button secondary small"
          onClick={() => setLimit((l) => Math.min(MAX_RESULTS, l + PAGE_SIZE))}
        >
          Show more results
        </button>
      )}
      <p className="muted small">Keys: / search · ↓ ↑ move · Enter open · c copy citation · Esc back to search</p>
    </div>
  );
}

type DocumentGroup = { documentId: string; passages: Result[] };

/** Results by document, in the order of each document's best passage; within one, best first. */
function groupByDocument(results: Result[]): DocumentGroup[] {
  const byDoc = new Map<string, DocumentGroup>();
  for (const r of results) {
    const g = byDoc.get(r.documentId);
    if (g) g.passages.push(r);
    else byDoc.set(r.documentId, { documentId: r.documentId, passages: [r] });
  }
  return [...byDoc.values()];
}

/**
 * A snippet without the headings the breadcrumb already shows: chunk text often starts with its
 * section heading, which would otherwise read twice.
 */
function snippetWithoutHeadings(snippet: string, headings: string[]): string {
  let text = snippet.trimStart();
  for (const h of headings) {
    // Only a plain prefix: a heading with a highlighted term in it stays (the highlight is the point).
    if (h && text.toLowerCase().startsWith(h.toLowerCase())) text = text.slice(h.length).replace(/^[\s:–—-]+/, "");
  }
  return text || snippet;
}

function ResultPassage({
  r,
  first,
  copied,
  onCopy,
}: {
  r: Result;
  first: boolean;
  copied: boolean;
  onCopy: () => void;
}) {
  const href = viewerHref(r);
  const page = pageLabel(r.pageFrom, r.pageTo);
  // The breadcrumb usually starts with the title, which the row already shows.
  const crumbs = r.headings[0] === r.title ? r.headings.slice(1) : r.headings;
  return (
    <div className={first ? "result-passage" : "result-passage more"}>
      <div className="result-head">
        <Link className="result-title" href={href} data-chunk={r.chunkId}>
          {first ? r.title : (crumbs.at(-1) ?? r.title)}
        </Link>
        <span className="muted small">
          {r.sourceName} · v{r.version}
          {page ? ` · ${page}` : ""}
          {r.effectiveDate ? ` · effective ${r.effectiveDate}` : ""}
        </span>
      </div>
      {crumbs.length > 0 && <p className="breadcrumb-line small muted">{crumbs.join(" › ")}</p>}
      <p className="snippet">
        <Snippet text={snippetWithoutHeadings(r.snippet, r.headings)} />
      </p>
      <div className="result-actions">
        <button type="button" className="button secondary small" onClick={onCopy}>
          {copied ? "Copied" : "Copy citation link"}
        </button>
        <Link className="button secondary small" href={href}>
          Open in viewer
        </Link>
      </div>
    </div>
  );
}
