import { Fragment, type ReactNode } from "react";
import { TableWrap } from "~/components/table-wrap";
import { parseMarkdown, type Inline } from "~/lib/client/markdown";

export type MarkdownProps = {
  text: string;
  /** Renders a `[n]` marker (a citation chip); plain text `[n]` when omitted. */
  renderCite?: (n: number, key: string) => ReactNode;
  /** Sentences the verifier flagged; matching text is underlined with an explanation. */
  flagged?: string[];
  /**
   * Marks the answer text as the passage's key sentences (offline answers quote them verbatim):
   * each block's text sits in a <mark>, which assistive technology announces as highlighted.
   */
  highlight?: boolean;
};

const stripCites = (s: string) =>
  s
    .replace(/\s*\[\d{1,3}\]/g, "")
    .replace(/\s+/g, " ")
    .trim();

function markFlagged(text: string, flagged: string[], key: string): ReactNode {
  for (const sentence of flagged) {
    const at = sentence.length >= 8 ? text.indexOf(sentence) : -1;
    if (at >= 0) {
      return (
        <Fragment key={key}>
          {text.slice(0, at)}
          <span className="flagged" title="This sentence is not fully supported by its cited source.">
            {sentence}
          </span>
          {markFlagged(text.slice(at + sentence.length), flagged, `${key}r`)}
        </Fragment>
      );
    }
  }
  // A sentence split by inline formatting or citation chips: flag the pieces it contains.
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length >= 12 && flagged.some((s) => s.includes(t))) {
    return (
      <span key={key} className="flagged" title="This sentence is not fully supported by its cited source.">
        {text}
      </span>
    );
  }
  return <Fragment key={key}>{text}</Fragment>;
}

function renderInline(nodes: Inline[], props: MarkdownProps, flagged: string[], prefix: string): ReactNode[] {
  return nodes.map((n, i) => {
    const key = `${prefix}.${i}`;
    switch (n.t) {
      case "text":
        return flagged.length ? markFlagged(n.v, flagged, key) : <Fragment key={key}>{n.v}</Fragment>;
      case "strong":
        return <strong key={key}>{renderInline(n.c, props, flagged, key)}</strong>;
      case "em":
        return <em key={key}>{renderInline(n.c, props, flagged, key)}</em>;
      case "code":
        return <code key={key}>{n.v}</code>;
      case "link":
        return (
          <a key={key} href={n.href}>
            {renderInline(n.c, props, flagged, key)}
          </a>
        );
      case "cite":
        return props.renderCite ? props.renderCite(n.n, key) : <Fragment key={key}>[{n.n}]</Fragment>;
    }
  });
}

/** Safe markdown: every node becomes a React element or text; nothing is injected as HTML. */
export function Markdown(props: MarkdownProps) {
  const flagged = (props.flagged ?? []).map(stripCites).filter(Boolean);
  const blocks = parseMarkdown(props.text);
  const plain = (c: Inline[], key: string) => renderInline(c, props, flagged, key);
  const inl = (c: Inline[], key: string) => (props.highlight ? <mark>{plain(c, key)}</mark> : plain(c, key));
  return (
    <div className="md">
      {blocks.map((b, i) => {
        const key = String(i);
        switch (b.t) {
          case "p":
            return <p key={key}>{inl(b.c, key)}</p>;
          case "h": {
            // Answer headings sit below the page's own h1/h2.
            const Tag = `h${Math.min(6, b.level + 2)}` as "h3";
            return <Tag key={key}>{inl(b.c, key)}</Tag>;
          }
          case "ul":
          case "ol": {
            const List = b.t;
            return (
              <List key={key}>
                {b.items.map((item, j) => (
                  <li key={j}>{inl(item, `${key}.${j}`)}</li>
                ))}
              </List>
            );
          }
          case "quote":
            return <blockquote key={key}>{inl(b.c, key)}</blockquote>;
          case "pre":
            return (
              <pre key={key}>
                <code>{b.v}</code>
              </pre>
            );
          case "table":
            // A wide table scrolls inside its own box (focusable while it overflows, so keyboard users
            // can scroll it too) instead of widening the page.
            return (
              <TableWrap key={key} className="md-table" label="Table">
                <table>
                  <thead>
                    <tr>
                      {b.head.map((c, j) => (
                        <th key={j}>{plain(c, `${key}.h${j}`)}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {b.rows.map((r, j) => (
                      <tr key={j}>
                        {r.map((c, k) => (
                          <td key={k}>{inl(c, `${key}.${j}.${k}`)}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            );
        }
      })}
    </div>
  );
}
