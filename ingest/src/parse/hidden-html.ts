import { selectAll } from "css-select";
import { parse as parseSelector, type Selector } from "css-what";
import type { AnyNode, Document, Element } from "domhandler";
import type { AtRule, Node as PostcssNode, Root } from "postcss";
import safeParse from "postcss-safe-parser";
import { BLACK, WHITE, indistinguishable, parseColor, type Rgba } from "./color";

/**
 * Which parts of an HTML page a reader cannot see. Hidden text is how a page smuggles
 * instructions into answers ("ignore previous instructions…" in white on white), so what the
 * browser would not show must not be indexed either. Stylesheets in <style> blocks and inline
 * styles are parsed with postcss (its fault-tolerant parser, as browsers tolerate broken CSS),
 * selectors are matched with css-select, and the cascade (!important, specificity, order) and
 * inheritance decide each element's effective style.
 */

/** Properties that can hide text; every other declaration is ignored. */
const RELEVANT = new Set([
  "display",
  "visibility",
  "opacity",
  "filter",
  "font-size",
  "font",
  "color",
  "background-color",
  "background",
  "background-image",
  "height",
  "width",
  "max-height",
  "max-width",
  "overflow",
  "overflow-x",
  "overflow-y",
  "position",
  "left",
  "top",
  "right",
  "bottom",
  "text-indent",
  "margin-left",
  "margin-top",
  "clip",
  "clip-path",
  "transform",
  "content-visibility",
  "scale",
]);

/** At-rules whose rules apply to the page as shown (others hold fonts, keyframes, pages…). */
const CONDITIONAL = new Set(["media", "supports", "layer", "container", "document", "scope"]);

type Declaration = { value: string; important: boolean; specificity: number; order: number };
type Cascade = Map<string, Declaration>;

const INLINE = 1_000_000;

export type Visibility = {
  /** The element and everything inside it are invisible. */
  hiddenSubtree(element: Element): boolean;
  /** The element's own text (its direct text children) is invisible. */
  hiddenText(element: Element): boolean;
};

/** Specificity as one number: ids ×10⁴, classes/attributes/pseudo-classes ×10², types ×1. */
function specificity(tokens: Selector[]): number {
  let score = 0;
  for (const t of tokens) {
    if (t.type === "attribute") score += t.name === "id" && t.action === "equals" ? 10_000 : 100;
    else if (t.type === "tag" || t.type === "pseudo-element") score += 1;
    else if (t.type === "pseudo") {
      if (t.name === "where") continue;
      if (Array.isArray(t.data)) score += Math.max(0, ...t.data.map(specificity));
      else score += 100;
    }
  }
  return score;
}

function better(a: Declaration, b: Declaration | undefined): boolean {
  if (!b) return true;
  if (a.important !== b.important) return a.important;
  if (a.specificity !== b.specificity) return a.specificity > b.specificity;
  return a.order >= b.order;
}

function appliesToScreen(node: PostcssNode): boolean {
  for (
    let p = node.parent as PostcssNode | undefined;
    p && p.type !== "root";
    p = p.parent as PostcssNode | undefined
  ) {
    if (p.type !== "atrule") continue;
    const at = p as AtRule;
    const name = at.name.toLowerCase();
    if (!CONDITIONAL.has(name)) return false;
    // A print-only rule hides nothing on screen; every other media query is taken as matching,
    // since some reader's screen matches it.
    if (name === "media" && /^\s*(only\s+)?print\s*$/i.test(at.params)) return false;
  }
  return true;
}

function collectDeclarations(root: Root, add: (prop: string, value: string, important: boolean) => void): void {
  root.walkDecls((decl) => {
    const prop = decl.prop.toLowerCase();
    if (RELEVANT.has(prop)) add(prop, decl.value, decl.important || /!\s*important\s*$/i.test(decl.value));
  });
}

function parseCss(css: string): Root | null {
  try {
    // The safe parser always yields a stylesheet root (never a postcss Document).
    return safeParse(css) as Root;
  } catch {
    return null;
  }
}

/** Every element of the document, in document order, without recursion (pages can nest deeply). */
function elementsOf(document: Document): Element[] {
  const out: Element[] = [];
  const stack: AnyNode[] = [...document.children].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === "tag" || node.type === "script" || node.type === "style") {
      out.push(node);
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
  }
  return out;
}

function textOf(element: Element): string {
  return element.children.map((c) => ("data" in c && typeof c.data === "string" ? c.data : "")).join("");
}

function buildCascades(document: Document, elements: Element[]): Map<Element, Cascade> {
  const cascades = new Map<Element, Cascade>();
  const put = (el: Element, prop: string, decl: Declaration) => {
    let c = cascades.get(el);
    if (!c) cascades.set(el, (c = new Map()));
    if (better(decl, c.get(prop))) c.set(prop, decl);
  };
  let order = 0;
  for (const styleEl of elements) {
    if (styleEl.name !== "style") continue;
    const root = parseCss(textOf(styleEl));
    if (!root) continue;
    root.walkRules((rule) => {
      if (!appliesToScreen(rule)) return;
      const decls: [string, string, boolean][] = [];
      for (const node of rule.nodes) {
        if (node.type !== "decl") continue;
        const prop = node.prop.toLowerCase();
        if (RELEVANT.has(prop)) decls.push([prop, node.value, node.important === true]);
      }
      if (!decls.length) return;
      let compounds: Selector[][];
      try {
        compounds = parseSelector(rule.selector);
      } catch {
        return;
      }
      const ruleOrder = order++;
      for (const compound of compounds) {
        // Pseudo-elements style generated boxes, not the element's own text.
        if (compound.some((t) => t.type === "pseudo-element")) continue;
        let matched: Element[];
        try {
          matched = selectAll<AnyNode, Element>([compound], document);
        } catch {
          continue;
        }
        const spec = specificity(compound);
        for (const el of matched)
          for (const [prop, value, important] of decls)
            put(el, prop, { value, important, specificity: spec, order: ruleOrder });
      }
    });
  }
  for (const el of elements) {
    // Presentational attributes sit below every stylesheet rule.
    if (el.name === "font" && el.attribs.color)
      put(el, "color", { value: el.attribs.color, important: false, specificity: -1, order: -1 });
    if (el.attribs.bgcolor)
      put(el, "background-color", { value: el.attribs.bgcolor, important: false, specificity: -1, order: -1 });
    const style = el.attribs.style;
    if (!style) continue;
    const root = parseCss(`x{${style}}`);
    if (!root) continue;
    const inlineOrder = order++;
    collectDeclarations(root, (prop, value, important) =>
      put(el, prop, { value, important, specificity: INLINE, order: inlineOrder }),
    );
  }
  return cascades;
}

const LENGTH = /^(-?(?:\d+\.?\d*|\.\d+))(px|pt|pc|in|cm|mm|q|em|rem|ex|ch|%|vw|vh|vmin|vmax)?$/i;
const VIEWPORT = { w: 1280, h: 800 };

/** A CSS length in px; `em`-like units are relative to `fontPx`, % to `percentOf` (null: unknown). */
function toPx(raw: string, fontPx: number, percentOf: number | null = null): number | null {
  const m = LENGTH.exec(raw.trim().replace(/\s*!important$/i, ""));
  if (!m) return null;
  const n = Number(m[1]);
  switch ((m[2] ?? "").toLowerCase()) {
    case "":
      return n === 0 ? 0 : null;
    case "px":
      return n;
    case "pt":
      return (n * 4) / 3;
    case "pc":
      return n * 16;
    case "in":
      return n * 96;
    case "cm":
      return (n * 96) / 2.54;
    case "mm":
      return (n * 96) / 25.4;
    case "q":
      return (n * 96) / 101.6;
    case "em":
      return n * fontPx;
    case "ex":
    case "ch":
      return n * fontPx * 0.5;
    case "rem":
      return n * 16;
    case "%":
      return percentOf === null ? null : (n / 100) * percentOf;
    case "vw":
      return (n / 100) * VIEWPORT.w;
    case "vh":
      return (n / 100) * VIEWPORT.h;
    case "vmin":
      return (n / 100) * Math.min(VIEWPORT.w, VIEWPORT.h);
    case "vmax":
      return (n / 100) * Math.max(VIEWPORT.w, VIEWPORT.h);
    default:
      return null;
  }
}

const KEYWORD_SIZES: Record<string, number> = {
  "xx-small": 9,
  "x-small": 10,
  small: 13,
  medium: 16,
  large: 18,
  "x-large": 24,
  "xx-large": 32,
};

function fontSizeFrom(value: string, parentPx: number): number | null {
  const v = value.trim().toLowerCase();
  if (v in KEYWORD_SIZES) return KEYWORD_SIZES[v]!;
  if (v === "smaller") return parentPx / 1.2;
  if (v === "larger") return parentPx * 1.2;
  return toPx(v, parentPx, parentPx);
}

/** The size token of the `font` shorthand ("italic bold 1px/2 serif" → 1px). */
function fontShorthandSize(value: string, parentPx: number): number | null {
  for (const token of value.split(/\s+/)) {
    const size = fontSizeFrom(token.split("/")[0]!, parentPx);
    if (size !== null) return size;
  }
  return null;
}

/** Colour of the `background` shorthand; "unknown" when an image or gradient may paint behind the text. */
function backgroundFrom(value: string): Rgba | "unknown" | null {
  const v = value.toLowerCase();
  if (/url\(|gradient\(|image\(|var\(/.test(v)) return "unknown";
  // Colour functions contain spaces; take them whole before splitting the rest on spaces.
  const fn = /(?:rgba?|hsla?)\([^)]*\)/.exec(v);
  if (fn) return parseColor(fn[0]);
  for (const token of v.split(/\s+/)) {
    const c = parseColor(token);
    if (c) return c;
  }
  return null;
}

function numbersIn(text: string): number[] {
  return [...text.matchAll(/-?(?:\d+\.?\d*|\.\d+)/g)].map((m) => Number(m[0]));
}

function hidesByTransform(value: string): boolean {
  const v = value.toLowerCase();
  for (const m of v.matchAll(/(scale(?:x|y|3d)?)\(([^)]*)\)/g)) {
    const nums = numbersIn(m[2]!);
    if (nums.some((n) => Math.abs(n) <= 0.05)) return true;
  }
  for (const m of v.matchAll(/matrix\(([^)]*)\)/g)) {
    const [a = 1, b = 0, c = 0, d = 1] = numbersIn(m[1]!);
    if (Math.abs(a * d - b * c) < 0.0025) return true;
  }
  for (const m of v.matchAll(/translate(?:x|y|3d)?\(([^)]*)\)/g)) {
    if (m[1]!.split(",").some((part) => (toPx(part, 16) ?? 0) <= -1000)) return true;
  }
  return false;
}

function hidesByClip(cascade: Cascade): boolean {
  const clip = cascade.get("clip")?.value.toLowerCase();
  if (clip && /rect\(/.test(clip)) {
    const [top = 0, right = 0, bottom = 0, left = 0] = numbersIn(clip);
    if (bottom - top <= 1 || right - left <= 1) return true;
  }
  const path = cascade.get("clip-path")?.value.toLowerCase();
  if (path) {
    const inset = /inset\(([^)]*)\)/.exec(path);
    if (inset && (inset[1]!.match(/-?[\d.]+%/g) ?? []).some((p) => Number.parseFloat(p) >= 50)) return true;
    if (/(circle|ellipse)\(\s*0*\.?0*(px|%|em)?\s*(\)|at|\s)/.test(path)) return true;
    const poly = /polygon\(([^)]*)\)/.exec(path);
    if (poly) {
      const points = poly[1]!.split(",").map((p) => p.trim());
      if (new Set(points).size <= 1 || points.length < 3) return true;
    }
  }
  return false;
}

/** True when the element's own box (and so its whole subtree) cannot be seen. */
function hidesSubtree(element: Element, cascade: Cascade | undefined, fontPx: number): boolean {
  if ("hidden" in element.attribs || element.attribs["aria-hidden"]?.toLowerCase() === "true") return true;
  if (!cascade) return false;
  const get = (p: string) =>
    cascade
      .get(p)
      ?.value.trim()
      .toLowerCase()
      .replace(/\s*!important$/, "");
  if (get("display") === "none") return true;
  if (get("content-visibility") === "hidden") return true;
  const opacity = get("opacity");
  if (opacity !== undefined) {
    const o = opacity.endsWith("%") ? Number.parseFloat(opacity) / 100 : Number.parseFloat(opacity);
    if (Number.isFinite(o) && o <= 0.05) return true;
  }
  const filter = get("filter");
  if (filter) {
    const m = /opacity\(\s*(-?[\d.]+)(%?)\s*\)/.exec(filter);
    if (m && (m[2] ? Number(m[1]) / 100 : Number(m[1])) <= 0.05) return true;
  }
  const position = get("position");
  const offsets = ["left", "top", "right", "bottom"].map((p) => {
    const v = get(p);
    return v === undefined ? null : toPx(v, fontPx);
  });
  // Moved thousands of pixels away: the classic off-screen trick (left: -9999px).
  if (
    (position === "absolute" || position === "fixed") &&
    offsets.some((o) => o !== null && (o <= -1000 || o >= 10_000))
  )
    return true;
  for (const p of ["text-indent", "margin-left", "margin-top"]) {
    const v = get(p);
    const px = v === undefined ? null : toPx(v, fontPx);
    if (px !== null && px <= -1000) return true;
  }
  const overflow = [get("overflow"), get("overflow-x"), get("overflow-y")].some(
    (v) => v !== undefined && /hidden|clip/.test(v),
  );
  if (overflow) {
    for (const p of ["height", "width", "max-height", "max-width"]) {
      const v = get(p);
      const px = v === undefined ? null : toPx(v, fontPx, p.endsWith("height") ? null : VIEWPORT.w);
      if (px !== null && px <= 1) return true;
    }
  }
  if (hidesByClip(cascade)) return true;
  const transform = get("transform");
  if (transform && hidesByTransform(transform)) return true;
  const scale = get("scale");
  if (scale && numbersIn(scale).some((n) => Math.abs(n) <= 0.05)) return true;
  return false;
}

type Inherited = { fontPx: number; color: Rgba | null; background: Rgba | "unknown"; visible: boolean };

/** Smallest font a reader can make out; below this text is a hiding trick, not content. */
const MIN_FONT_PX = 4;

export function computeVisibility({ document }: { document: Document }): Visibility {
  const elements = elementsOf(document);
  const cascades = buildCascades(document, elements);
  const hiddenSubtrees = new Set<Element>();
  const hiddenTexts = new Set<Element>();
  const root: Inherited = { fontPx: 16, color: BLACK, background: WHITE, visible: true };
  const stack: [AnyNode, Inherited][] = [...document.children].reverse().map((n) => [n, root]);
  while (stack.length) {
    const [node, parent] = stack.pop()!;
    if (node.type !== "tag") continue;
    const el = node;
    const cascade = cascades.get(el);
    const value = (p: string) =>
      cascade
        ?.get(p)
        ?.value.trim()
        .replace(/\s*!important$/i, "");
    let fontPx = parent.fontPx;
    const fs = value("font-size");
    const font = value("font");
    const size =
      fs !== undefined
        ? fontSizeFrom(fs, parent.fontPx)
        : font !== undefined
          ? fontShorthandSize(font, parent.fontPx)
          : null;
    if (size !== null) fontPx = size;
    if (hidesSubtree(el, cascade, fontPx)) {
      hiddenSubtrees.add(el);
      continue;
    }
    let color = parent.color;
    const c = value("color");
    if (c !== undefined && !/^(inherit|unset)$/i.test(c)) color = /^(initial|revert)$/i.test(c) ? BLACK : parseColor(c);
    let background = parent.background;
    const bg = value("background-color") ?? value("background");
    const bgImage = value("background-image");
    if (bgImage && !/^none$/i.test(bgImage)) background = "unknown";
    else if (bg !== undefined) {
      const parsed = value("background-color") !== undefined ? parseColor(bg) : backgroundFrom(bg);
      // A see-through background shows the one behind it; one we cannot read (var(), an
      // image) may be anything, so the text on it is never judged by colour.
      if (parsed === "unknown" || (parsed === null && !/^(none|initial|inherit|unset|revert)$/i.test(bg)))
        background = "unknown";
      else if (parsed && parsed.a >= 0.5) background = parsed;
    }
    let visible = parent.visible;
    const vis = value("visibility")?.toLowerCase();
    if (vis === "hidden" || vis === "collapse") visible = false;
    else if (vis === "visible") visible = true;
    const sameColor = color !== null && background !== "unknown" && indistinguishable({ text: color, background });
    if (!visible || fontPx < MIN_FONT_PX || sameColor) hiddenTexts.add(el);
    const state: Inherited = { fontPx, color, background, visible };
    for (let i = el.children.length - 1; i >= 0; i--) stack.push([el.children[i]!, state]);
  }
  return {
    hiddenSubtree: (el) => hiddenSubtrees.has(el),
    hiddenText: (el) => hiddenTexts.has(el),
  };
}
