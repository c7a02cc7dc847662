"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { watchOverflow } from "~/lib/client/watch-overflow";

/**
 * The box a wide table scrolls sideways in on a narrow screen, instead of widening the page. While
 * the table overflows it takes focus (tabIndex 0) so a keyboard user can scroll it with the arrow
 * keys even when the table holds nothing focusable (axe: scrollable-region-focusable), and it is a
 * named region so a screen reader says what that tab stop is. A table that fits is no tab stop and
 * no region: a stop that does nothing costs every keyboard user a key press per table. It is
 * re-checked on every resize of the box or its table. Every data table in the app sits in one.
 */
export function TableWrap({
  label,
  className = "table-wrap",
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // Focusable until measured: the server's HTML (and a browser without script) keeps the tab stop,
  // so a wide table is never an unscrollable region before hydration; the first check drops it.
  const [overflows, setOverflows] = useState(true);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    return watchOverflow({ element, onChange: setOverflows, observe: (callback) => new ResizeObserver(callback) });
  }, []);
  return (
    <div ref={ref} className={className} {...(overflows ? { tabIndex: 0, role: "region", "aria-label": label } : {})}>
      {children}
    </div>
  );
}
