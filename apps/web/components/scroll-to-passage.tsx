"use client";

import { useEffect } from "react";

/** Brings the first highlighted passage into view and gives it focus for screen readers. */
export function ScrollToPassage() {
  useEffect(() => {
    const mark = document.querySelector<HTMLElement>("mark[data-passage]");
    if (!mark) return;
    mark.tabIndex = -1;
    mark.scrollIntoView({ block: "center" });
    mark.focus({ preventScroll: true });
  }, []);
  return null;
}
