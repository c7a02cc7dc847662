/** The reader's theme choice: "system" follows prefers-color-scheme; light and dark override it. */
export type ThemeChoice = "system" | "light" | "dark";

/** Read by the root layout (server) and written here: the page is rendered in the chosen theme, no flash. */
export const THEME_COOKIE = "gw_theme";

export function parseTheme(value: string | null | undefined): ThemeChoice {
  return value === "light" || value === "dark" ? value : "system";
}

export function nextTheme(current: ThemeChoice): ThemeChoice {
  return current === "system" ? "dark" : current === "dark" ? "light" : "system";
}

/** Applies a choice to the page and keeps it for a year (a preference, not a secret: readable by scripts). */
export function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === "system") delete root.dataset.theme;
  else root.dataset.theme = choice;
  document.cookie =
    choice === "system"
      ? `${THEME_COOKIE}=; path=/; max-age=0; samesite=lax`
      : `${THEME_COOKIE}=${choice}; path=/; max-age=31536000; samesite=lax`;
}
