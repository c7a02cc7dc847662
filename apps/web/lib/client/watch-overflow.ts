/** What watchOverflow reads of an element: its visible and its scrollable width. */
export type OverflowBox = { clientWidth: number; scrollWidth: number };

/** Does the box scroll sideways? A pixel of slack: browsers round sub-pixel widths differently. */
export const overflowsHorizontally = (box: OverflowBox) => box.scrollWidth > box.clientWidth + 1;

/**
 * Calls `onChange` with whether `element` overflows horizontally now and each time that changes
 * as the element or its content is resized (a narrower window, a table filled in later). Returns
 * the function that stops watching. The observer is passed in so tests need no browser.
 */
export function watchOverflow<E extends OverflowBox & { firstElementChild?: unknown }>({
  element,
  onChange,
  observe,
}: {
  element: E;
  onChange: (overflows: boolean) => void;
  /** Makes a ResizeObserver-like watcher calling back on every resize of what it observes. */
  observe: (callback: () => void) => { observe: (target: E) => void; disconnect: () => void };
}): () => void {
  let last: boolean | undefined;
  const check = () => {
    const now = overflowsHorizontally(element);
    if (now !== last) onChange((last = now));
  };
  const observer = observe(check);
  observer.observe(element);
  // The content can outgrow the box without the box itself changing size: watch the table too.
  const child = element.firstElementChild;
  if (child) observer.observe(child as E);
  check();
  return () => observer.disconnect();
}
