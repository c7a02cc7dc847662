"use client";

import { useEffect, useState } from "react";
import type { LookupFacets } from "@groundwork/retrieval";
import { EMBED_PATH } from "~/lib/http/security-headers";
import { ChatApp } from "../chat/chat-app";
import { PolicyLookup } from "../policy-lookup";

type Tab = "lookup" | "ask";

/**
 * Every other page of the app refuses to be framed (frame-ancestors 'none'), so a link followed
 * inside the widget's frame would show the browser's refusal, or, as a client-side navigation,
 * the full app squeezed into the frame. Links to anything but the widget itself open in a new
 * tab instead. Capture phase on the window: it runs before React's and Next's own handlers.
 */
function useLinksOpenOutside() {
  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const anchor = e.target instanceof Element ? e.target.closest("a[href]") : null;
      if (!(anchor instanceof HTMLAnchorElement) || anchor.target === "_blank") return;
      const url = new URL(anchor.href, window.location.href);
      if (url.origin === window.location.origin && url.pathname === EMBED_PATH) return;
      e.preventDefault();
      e.stopPropagation();
      window.open(url.href, "_blank", "noopener");
    };
    window.addEventListener("click", onClick, true);
    return () => window.removeEventListener("click", onClick, true);
  }, []);
}

/** The widget: lookup and ask side by side as tabs, both kept mounted so switching keeps each one's state. */
export function EmbedWidget({
  facets,
  displayName,
  initialTab,
}: {
  facets: LookupFacets;
  displayName: string;
  initialTab: Tab;
}) {
  const [tab, setTab] = useState<Tab>(initialTab);
  useLinksOpenOutside();
  return (
    <div className="embed-widget">
      <div className="embed-bar">
        <div role="tablist" aria-label="Groundwork" className="embed-tabs">
          {(
            [
              ["lookup", "Lookup"],
              ["ask", "Ask"],
            ] as const
          ).map(([id, label]) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`embed-tab-${id}`}
              aria-controls={`embed-panel-${id}`}
              aria-selected={tab === id}
              className="embed-tab"
              onClick={() => setTab(id)}
            >
              {label}
            </button>
          ))}
        </div>
        <span className="muted small embed-user" title="Answers come only from documents you can access.">
          {displayName}
        </span>
        <a className="small" href="/" target="_blank" rel="noopener">
          Open Groundwork ↗
        </a>
      </div>
      <div role="tabpanel" id="embed-panel-lookup" aria-labelledby="embed-tab-lookup" hidden={tab !== "lookup"}>
        <PolicyLookup facets={facets} initialQuery="" syncUrl={false} />
      </div>
      <div role="tabpanel" id="embed-panel-ask" aria-labelledby="embed-tab-ask" hidden={tab !== "ask"}>
        <ChatApp initialConversationId={null} syncUrl={false} />
      </div>
    </div>
  );
}
