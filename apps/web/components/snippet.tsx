import { Fragment } from "react";

/** Renders a retrieval snippet: text between «» is a matched term and becomes <mark>; never HTML. */
export function Snippet({ text }: { text: string }) {
  const parts = text.split(/(«[^«»]*»)/g);
  return (
    <>
      {parts.map((p, i) =>
        p.startsWith("«") && p.endsWith("»") ? (
          <mark key={i}>{p.slice(1, -1)}</mark>
        ) : (
          <Fragment key={i}>{p.replace(/[«»]/g, "")}</Fragment>
        ),
      )}
    </>
  );
}
