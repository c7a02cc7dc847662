"use client";

import { useState } from "react";
import { applyTheme, nextTheme, type ThemeChoice } from "~/lib/client/theme";

const LABEL: Record<ThemeChoice, string> = { system: "Theme: system", dark: "Theme: dark", light: "Theme: light" };

/** Cycles the theme (system → dark → light); the server rendered the page with `initial` already applied. */
export function ThemeToggle({ initial }: { initial: ThemeChoice }) {
  const [choice, setChoice] = useState(initial);
  return (
    <button
      type="button"
      className="button secondary small theme-toggle"
      title="Switch between the system's theme, dark and light"
      onClick={() => {
        const next = nextTheme(choice);
        applyTheme(next);
        setChoice(next);
      }}
    >
      {LABEL[choice]}
    </button>
  );
}
