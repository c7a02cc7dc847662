import type { ReactNode } from "react";
import { TableWrap } from "~/components/table-wrap";
import type { Run, ViewBlock, ViewPage } from "~/lib/client/viewer-document";

function Runs({ runs }: { runs: Run[] }) {
  return runs.map((r, i) =>
    r.emphasis === 2 ? (
      <mark key={i} className="passage" data-passage="">
        {r.text}
      </mark>
    ) : r.emphasis === 1 ? (
      <span key={i} className="passage-context">
        {r.text}
      </span>
    ) : (
      <span key={i}>{r.text}</span>
    ),
  );
}

const plain = (runs: Run[]) => runs.map((r) => r.text).join("");

/**
 * Headings one level below the page's h1 at most one step deeper than the heading before, so a
 * document that starts at level 3 (or jumps from 1 to 4) still reads as an outline.
 */
function headingTags(pages: ViewPage[]): Map<ViewBlock, 2 | 3 | 4 | 5 | 6> {
  const tags = new Map<ViewBlock, 2 | 3 | 4 | 5 | 6>();
  const stack: { level: number; tag: number }[] = [];
  for (const b of pages.flatMap((p) => p.blocks)) {
    if (b.kind !== "heading") continue;
    while (stack.length && stack.at(-1)!.level >= b.level) stack.pop();
    const tag = Math.min(6, (stack.at(-1)?.tag ?? 1) + 1) as 2 | 3 | 4 | 5 | 6;
    stack.push({ level: b.level, tag });
    tags.set(b, tag);
  }
  return tags;
}

function Table({ block, n }: { block: Extract<ViewBlock, { kind: "table" }>; n: number }) {
  const labels = block.header?.map(plain) ?? [];
  // Explicit roles: the narrow-screen layout turns cells into blocks, which drops a table's
  // implicit semantics in some browsers.
  return (
    <TableWrap className="doc-table-wrap" label={`Table ${n}`}>
      <table className="doc-table" role="table">
        {block.header && (
          <thead role="rowgroup">
            <tr role="row">
              {block.header.map((cell, i) => (
                <th key={i} role="columnheader" scope="col">
                  <Runs runs={cell} />
                </th>
              ))}
            </tr>
          </thead>
        )}
        <tbody role="rowgroup">
          {block.rows.map((row, i) => (
            <tr key={i} role="row">
              {row.map((cell, j) => (
                <td key={j} role="cell" data-label={labels[j] || undefined}>
                  <Runs runs={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** The document's pages as headings, paragraphs, lists and tables, with page labels and the cited passage marked. */
export function DocumentBody({ pages, pageCount }: { pages: ViewPage[]; pageCount: number | null }) {
  const tags = headingTags(pages);
  let tables = 0;
  const block = (b: ViewBlock): ReactNode => {
    if (b.kind === "heading") {
      const Tag = `h${tags.get(b) ?? 2}` as const;
      return (
        <Tag key={b.start} className="doc-heading">
          <Runs runs={b.runs} />
        </Tag>
      );
    }
    if (b.kind === "list") {
      const List = b.ordered ? "ol" : "ul";
      return (
        <List key={b.start} className="doc-list" start={b.ordered ? b.continues?.number : undefined}>
          {b.items.map((item, i) => (
            // The rest of an item the page break cut: no marker of its own (and no number in an ordered list).
            <li key={i} className={i === 0 && b.continues ? "doc-list-continued" : undefined}>
              <Runs runs={item} />
            </li>
          ))}
        </List>
      );
    }
    if (b.kind === "table") return <Table key={b.start} block={b} n={++tables} />;
    return (
      <p key={b.start} className="doc-paragraph">
        <Runs runs={b.runs} />
      </p>
    );
  };
  // A page number seen again (blocks out of page order) labels its section but holds no second anchor.
  const anchored = new Set<number>();
  return pages.map((p, i) => (
    <section
      key={i}
      className="doc-page"
      aria-label={p.page != null ? `Page ${p.page}` : undefined}
      data-page={p.page ?? undefined}
    >
      {p.page != null && (
        <p className="page-marker" id={anchored.has(p.page) ? undefined : (anchored.add(p.page), `page-${p.page}`)}>
          Page {p.page}
          {pageCount != null ? ` of ${pageCount}` : ""}
        </p>
      )}
      <div className="doc-body">{p.blocks.map(block)}</div>
    </section>
  ));
}

/** Links to each page's label, for documents of more than one page. */
export function PageNav({ pages }: { pages: ViewPage[] }) {
  const numbers = [...new Set(pages.map((p) => p.page).filter((p): p is number => p != null))];
  if (numbers.length < 2) return null;
  return (
    <nav aria-label="Pages" className="page-nav">
      <span className="muted small">Pages</span>
      <ul>
        {numbers.map((n) => (
          <li key={n}>
            <a href={`#page-${n}`}>{n}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
