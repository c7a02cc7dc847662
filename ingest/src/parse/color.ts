import colorNames from "color-name";

/** An sRGB colour with alpha, channels 0–255 and alpha 0–1. */
export type Rgba = { r: number; g: number; b: number; a: number };

export const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 1 };
export const BLACK: Rgba = { r: 0, g: 0, b: 0, a: 1 };

const HEX = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const FUNC = /^(rgba?|hsla?)\((.*)\)$/i;

function channel(part: string, scale: number): number | null {
  const m = /^(-?[\d.]+)(%?)$/.exec(part.trim());
  if (!m) return null;
  const n = Number(m[1]);
  if (!Number.isFinite(n)) return null;
  return m[2] ? (n / 100) * scale : n;
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  // CSS Color 4's hsl-to-rgb, with s and l in 0–1.
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    const a = s * Math.min(l, 1 - l);
    return 255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1)));
  };
  return [f(0), f(8), f(4)];
}

/**
 * Parses the colour forms a document can use to match its text to its background: hex, rgb(),
 * hsl() (comma or space syntax), names and `transparent`. Returns null for anything else
 * (gradients, var(), currentcolor), which callers treat as "unknown", never as hidden.
 */
export function parseColor(value: string): Rgba | null {
  const v = value
    .trim()
    .toLowerCase()
    .replace(/\s*!important$/, "");
  if (v === "transparent") return { r: 0, g: 0, b: 0, a: 0 };
  const hex = HEX.exec(v);
  if (hex) {
    let h = hex[1]!;
    if (h.length <= 4) h = [...h].map((c) => c + c).join("");
    const n = (i: number) => parseInt(h.slice(i, i + 2), 16);
    return { r: n(0), g: n(2), b: n(4), a: h.length === 8 ? n(6) / 255 : 1 };
  }
  const named = (colorNames as Record<string, [number, number, number] | undefined>)[v];
  if (named) return { r: named[0], g: named[1], b: named[2], a: 1 };
  const fn = FUNC.exec(v);
  if (!fn) return null;
  const parts = fn[2]!.split(/[\s,/]+/).filter(Boolean);
  if (parts.length < 3) return null;
  const alpha = parts[3] === undefined ? 1 : channel(parts[3], 1);
  if (alpha === null) return null;
  if (fn[1]!.startsWith("rgb")) {
    const [r, g, b] = parts.slice(0, 3).map((p) => channel(p, 255));
    if (r == null || g == null || b == null) return null;
    return { r, g, b, a: alpha };
  }
  const h = Number.parseFloat(parts[0]!);
  const s = channel(parts[1]!, 1);
  const l = channel(parts[2]!, 1);
  if (!Number.isFinite(h) || s === null || l === null) return null;
  const [r, g, b] = hslToRgb(((h % 360) + 360) % 360, s, l);
  return { r, g, b, a: alpha };
}

function luminance({ r, g, b }: Rgba): number {
  const lin = (c: number) => {
    const s = Math.min(255, Math.max(0, c)) / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/**
 * Text a reader cannot tell from its background: transparent text, or text whose colour is
 * (nearly) the background's. Both a luminance contrast and a channel distance must be tiny, so
 * red on a green of equal brightness still counts as readable.
 */
export function indistinguishable({ text, background }: { text: Rgba; background: Rgba }): boolean {
  if (text.a <= 0.1) return true;
  const [hi, lo] = [luminance(text), luminance(background)].sort((x, y) => y - x) as [number, number];
  const contrast = (hi + 0.05) / (lo + 0.05);
  const distance = Math.max(
    Math.abs(text.r - background.r),
    Math.abs(text.g - background.g),
    Math.abs(text.b - background.b),
  );
  return contrast < 1.25 && distance < 48;
}
