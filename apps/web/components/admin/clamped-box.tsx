"use client";

import { useId, useLayoutEffect, useRef, useState, type ReactNode } from "react";

/**
 * Long content shown a few lines high with "Show more": the whole content is always rendered
 * (clamped by CSS), so rendered markdown is never cut mid-syntax the way slicing its source would.
 * The button appears only when the content overflows the box.
 */
export function ClampedBox({ children, label }: { children: ReactNode; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const id = useId();
  const [open, setOpen] = useState(false);
  const [overflows, setOverflows] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && !open) setOverflows(el.scrollHeight > el.clientHeight + 1);
  }, [open, children]);
  return (
    <div>
      <div id={id} ref={ref} className={open ? "clamped-box open" : "clamped-box"}>
        {children}
      </div>
      {(overflows || open) && (
        <button
          type="button"
          className="link-button small"
          aria-expanded={open}
          aria-controls={id}
          aria-label={`${open ? "Show less" : "Show more"} of ${label}`}
          onClick={() => setOpen(!open)}
        >
          {open ? "Show less" : "Show more"}
        </button>
      )}
    </div>
  );
}
