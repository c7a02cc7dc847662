import type { AnyNode, Element } from "domhandler";
import { parseDocument } from "htmlparser2";
import { WHITE, indistinguishable, parseColor, type Rgba } from "./color";

/**
 * Word text a reader never sees: hidden runs (w:vanish, w:specVanish, w:webHidden), text in
 * the page's own colour (white on white), and fonts under 4 pt. mammoth ignores all three
 * and converts such runs like any other, so they are cut from the XML parts before mammoth
 * reads them. Run properties cascade as Word applies them: document defaults, then the
 * paragraph style, then the character style (each with its basedOn chain), then the run's own.
 */

/** Parts whose paragraphs mammoth turns into text. */
export const TEXT_PARTS = ["word/document.xml", "word/footnotes.xml", "word/endnotes.xml", "word/comments.xml"];

type RunProps = { hidden?: boolean; color?: Rgba | null; size?: number; shade?: Rgba | null };

/** Smallest size a reader can make out, in half-points (w:sz): 4 pt. */
const MIN_HALF_POINTS = 8;

function children(el: Element, name: string): Element[] {
  return el.children.filter((c): c is Element => c.type === "tag" && c.name === name);
}

function child(el: Element | undefined, name: string): Element | undefined {
  return el ? children(el, name)[0] : undefined;
}

function allElements(nodes: AnyNode[], name: string): Element[] {
  const out: Element[] = [];
  const stack = [...nodes].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type !== "tag") continue;
    const el = n;
    if (el.name === name) out.push(el);
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]!);
  }
  return out;
}

function onOff(el: Element | undefined): boolean | undefined {
  if (!el) return undefined;
  const v = (el.attribs["w:val"] ?? "true").toLowerCase();
  return !(v === "false" || v === "0" || v === "off");
}

function hexColor(value: string | undefined): Rgba | null | undefined {
  if (value === undefined) return undefined;
  if (!value || value.toLowerCase() === "auto") return null;
  return parseColor(`#${value}`) ?? null;
}

const HIGHLIGHT: Record<string, string> = {
  black: "000000",
  blue: "0000ff",
  cyan: "00ffff",
  green: "00ff00",
  magenta: "ff00ff",
  red: "ff0000",
  yellow: "ffff00",
  white: "ffffff",
  darkblue: "000080",
  darkcyan: "008080",
  darkgreen: "008000",
  darkmagenta: "800080",
  darkred: "800000",
  darkyellow: "808000",
  darkgray: "808080",
  lightgray: "c0c0c0",
};

/** The run properties an rPr element sets (absent ones stay undefined, so they inherit). */
function readRunProps(rPr: Element | undefined): RunProps {
  if (!rPr) return {};
  const props: RunProps = {};
  const hidden = [onOff(child(rPr, "w:vanish")), onOff(child(rPr, "w:specVanish")), onOff(child(rPr, "w:webHidden"))];
  if (hidden.some((h) => h !== undefined)) props.hidden = hidden.some((h) => h === true);
  const color = hexColor(child(rPr, "w:color")?.attribs["w:val"]);
  if (color !== undefined) props.color = color;
  const sz = child(rPr, "w:sz")?.attribs["w:val"];
  if (sz !== undefined && /^\d+$/.test(sz)) props.size = Number(sz);
  const highlight = child(rPr, "w:highlight")?.attribs["w:val"]?.toLowerCase();
  const shd = child(rPr, "w:shd")?.attribs["w:fill"];
  const shade =
    highlight && highlight !== "none" && HIGHLIGHT[highlight] ? hexColor(HIGHLIGHT[highlight]) : hexColor(shd);
  if (shade !== undefined) props.shade = shade;
  return props;
}

function merge(base: RunProps, over: RunProps): RunProps {
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

type Styles = { defaults: RunProps; byId: Map<string, { basedOn?: string; rPr: RunProps }> };

export function readStyles(stylesXml: string | undefined): Styles {
  const styles: Styles = { defaults: {}, byId: new Map() };
  if (!stylesXml) return styles;
  const doc = parseDocument(stylesXml, { xmlMode: true });
  const rPrDefault = allElements(doc.children, "w:rPrDefault")[0];
  styles.defaults = readRunProps(child(rPrDefault, "w:rPr"));
  for (const style of allElements(doc.children, "w:style")) {
    const id = style.attribs["w:styleId"];
    if (!id) continue;
    const basedOn = child(style, "w:basedOn")?.attribs["w:val"];
    styles.byId.set(id, { ...(basedOn ? { basedOn } : {}), rPr: readRunProps(child(style, "w:rPr")) });
  }
  return styles;
}

function styleProps(styles: Styles, id: string | undefined): RunProps {
  const chain: RunProps[] = [];
  const seen = new Set<string>();
  for (let cur = id; cur && !seen.has(cur);) {
    seen.add(cur);
    const s = styles.byId.get(cur);
    if (!s) break;
    chain.unshift(s.rPr);
    cur = s.basedOn;
  }
  return chain.reduce(merge, {});
}

function nearest(el: Element, name: string): Element | undefined {
  for (let p = el.parent; p && p.type === "tag"; p = p.parent) if (p.name === name) return p;
  return undefined;
}

function runHidden({ run, styles, page }: { run: Element; styles: Styles; page: Rgba }): boolean {
  const paragraph = nearest(run, "w:p");
  const pPr = child(paragraph, "w:pPr");
  const pStyle = child(pPr, "w:pStyle")?.attribs["w:val"];
  const rPr = child(run, "w:rPr");
  const rStyle = child(rPr, "w:rStyle")?.attribs["w:val"];
  const props = [styles.defaults, styleProps(styles, pStyle), styleProps(styles, rStyle), readRunProps(rPr)].reduce(
    merge,
    {},
  );
  if (props.hidden) return true;
  if (props.size !== undefined && props.size < MIN_HALF_POINTS) return true;
  if (props.color) {
    // What is behind the text: the run's highlight or shading, else the paragraph's or the
    // table cell's shading, else the page.
    const cellShade = hexColor(child(child(nearest(run, "w:tc"), "w:tcPr"), "w:shd")?.attribs["w:fill"]);
    const paraShade = hexColor(child(pPr, "w:shd")?.attribs["w:fill"]);
    const background = props.shade ?? paraShade ?? cellShade ?? page;
    if (indistinguishable({ text: props.color, background })) return true;
  }
  return false;
}

/**
 * Removes the hidden runs from one XML part, cutting their exact source ranges so everything
 * else reaches mammoth byte for byte. Returns null when nothing is hidden.
 */
export function stripHiddenRuns({ xml, styles }: { xml: string; styles: Styles }): string | null {
  const doc = parseDocument(xml, { xmlMode: true, withStartIndices: true, withEndIndices: true });
  const background = allElements(doc.children, "w:background")[0];
  const page = hexColor(background?.attribs["w:color"]) ?? WHITE;
  const cuts: [number, number][] = [];
  let coveredUntil = -1;
  for (const run of allElements(doc.children, "w:r")) {
    if (run.startIndex === null || run.endIndex === null || run.startIndex <= coveredUntil) continue;
    if (runHidden({ run, styles, page })) {
      cuts.push([run.startIndex, run.endIndex + 1]);
      coveredUntil = run.endIndex;
    }
  }
  if (!cuts.length) return null;
  let out = "";
  let at = 0;
  for (const [from, to] of cuts) {
    out += xml.slice(at, from);
    at = to;
  }
  return out + xml.slice(at);
}
