"use client";

import { useEffect } from "react";

/** The sign-in window opened by the widget closes itself; a tab the browser opened instead stays (close() is refused). */
export function CloseWindow() {
  useEffect(() => {
    const timer = window.setTimeout(() => window.close(), 1200);
    return () => window.clearTimeout(timer);
  }, []);
  return (
    <button type="button" className="button" onClick={() => window.close()}>
      Close this window
    </button>
  );
}
