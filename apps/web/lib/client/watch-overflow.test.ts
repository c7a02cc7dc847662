import { describe, expect, it } from "vitest";
import { overflowsHorizontally, watchOverflow } from "./watch-overflow";

/** A box whose widths the test sets, and a resize observer the test fires by hand. */
function setup({ clientWidth, scrollWidth }: { clientWidth: number; scrollWidth: number }) {
  const table = { clientWidth: scrollWidth, scrollWidth };
  const box = { clientWidth, scrollWidth, firstElementChild: table };
  const observed: unknown[] = [];
  let fire = () => {};
  let disconnected = false;
  const seen: boolean[] = [];
  const stop = watchOverflow({
    element: box,
    onChange: (o) => seen.push(o),
    observe: (callback) => {
      fire = callback;
      return { observe: (t) => observed.push(t), disconnect: () => (disconnected = true) };
    },
  });
  return { box, table, observed, seen, resize: () => fire(), stop, disconnected: () => disconnected };
}

describe("watchOverflow", () => {
  it("reports a table that fits as not overflowing, and one wider than its box as overflowing", () => {
    expect(setup({ clientWidth: 600, scrollWidth: 600 }).seen).toEqual([false]);
    expect(setup({ clientWidth: 320, scrollWidth: 610 }).seen).toEqual([true]);
    // Sub-pixel rounding is no overflow.
    expect(overflowsHorizontally({ clientWidth: 600, scrollWidth: 601 })).toBe(false);
  });

  it("updates on resize, only when the answer changes, and watches the box and its table", () => {
    const w = setup({ clientWidth: 800, scrollWidth: 700 });
    expect(w.observed).toEqual([w.box, w.table]);
    w.box.clientWidth = 360; // the window narrowed to a phone's
    w.resize();
    w.resize();
    w.box.clientWidth = 900;
    w.box.scrollWidth = 900;
    w.resize();
    expect(w.seen).toEqual([false, true, false]);
    w.stop();
    expect(w.disconnected()).toBe(true);
  });
});
