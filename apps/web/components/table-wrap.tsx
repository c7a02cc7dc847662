import type { ReactNode } from "react";

/**
 * The box a wide table scrolls sideways in on a narrow screen, instead of widening the page. It
 * takes focus (tabIndex 0) so a keyboard user can scroll it with the arrow keys even when the
 * table holds nothing focusable (axe: scrollable-region-focusable), and it is a named region so a
 * screen reader says what that tab stop is. Every data table in the app sits in one of these.
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
