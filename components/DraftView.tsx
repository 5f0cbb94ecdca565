import { Fragment, type ReactNode } from "react";
import { isSafeHref, LIST_BLOCKS, type DocMark, type DocNode } from "@/lib/domain/draft-doc";
import { RTL_LANGUAGES } from "@/lib/domain/languages";

/**
 * Server-rendered, read-only draft. Text goes through React (escaped); only
 * http/https/mailto links survive; unknown node types render their text only.
 */
function renderMarks(text: string, marks: DocMark[] | undefined, key: number): ReactNode {
  let node: ReactNode = text;
  for (const mark of marks ?? []) {
    if (mark.type === "bold") node = <strong>{node}</strong>;
    else if (mark.type === "italic") node = <em>{node}</em>;
    else if (mark.type === "code") node = <code>{node}</code>;
    else if (mark.type === "link" && isSafeHref(mark.attrs?.href)) {
      node = (
        <a href={mark.attrs.href} rel="noopener noreferrer nofollow" target="_blank">
          {node}
        </a>
      );
    }
  }
  return <Fragment key={key}>{node}</Fragment>;
}

function renderInline(nodes: DocNode[] | undefined): ReactNode[] {
  return (nodes ?? []).map((n, i) => {
    if (n.type === "text") return renderMarks(n.text ?? "", n.marks, i);
    if (n.type === "hardBreak") return <br key={i} />;
    return <Fragment key={i}>{renderInline(n.content)}</Fragment>;
  });
}

function renderBlock(node: DocNode, key: number | string): ReactNode {
  switch (node.type) {
    case "paragraph":
      return <p key={key}>{renderInline(node.content)}</p>;
    case "bulletList":
      return <ul key={key}>{(node.content ?? []).map((item, i) => <li key={i}>{(item.content ?? []).map(renderBlock)}</li>)}</ul>;
    case "orderedList":
      return <ol key={key}>{(node.content ?? []).map((item, i) => <li key={i}>{(item.content ?? []).map(renderBlock)}</li>)}</ol>;
    case "blockquote":
      return <blockquote key={key}>{(node.content ?? []).map(renderBlock)}</blockquote>;
    case "table":
      return (
        <table key={key} className="table">
          <tbody>
            {(node.content ?? []).map((row, r) => (
              <tr key={r}>
                {(row.content ?? []).map((cell, c) => (
                  <td key={c}>{(cell.content ?? []).map(renderBlock)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    default:
      return <p key={key}>{renderInline(node.content)}</p>;
  }
}

function Clause({ id, number, children }: { id: string; number: string; children: ReactNode }) {
  return (
    <div className="clause" id={`clause-${id}`} data-clause-id={id} data-clause-number={number}>
      <span className="clause__number" aria-hidden={number ? undefined : true}>
        {number}
      </span>
      <div className="clause__body">{children}</div>
    </div>
  );
}

export function DraftView({
  doc,
  numbers,
  language,
  emptyLabel,
  firstBlocks,
  more,
}: {
  doc: DocNode;
  numbers: Record<string, string>;
  language: string;
  emptyLabel: string;
  /** Render only this many top-level blocks (a first screen while the editor loads)… */
  firstBlocks?: number;
  /** …followed by this note. */
  more?: ReactNode;
}) {
  const all = doc.content ?? [];
  if (all.length === 0) return <p className="draft-empty">{emptyLabel}</p>;
  const cut = firstBlocks !== undefined && all.length > firstBlocks;
  const blocks = cut ? all.slice(0, firstBlocks) : all;
  const idOf = (n: DocNode) => (typeof n.attrs?.clauseId === "string" ? n.attrs.clauseId : "");
  return (
    <article className="draft" lang={language} dir={RTL_LANGUAGES.has(language) ? "rtl" : "ltr"} data-testid="draft">
      {blocks.map((block, i) => {
        const id = idOf(block);
        if (block.type === "heading") {
          const level = Number(block.attrs?.level ?? 2);
          const Tag = level <= 2 ? "h2" : "h3";
          return (
            <Tag key={i} id={id ? `clause-${id}` : undefined}>
              {numbers[id] ? <span className="section-number">{numbers[id]}</span> : null}
              <span>{renderInline(block.content)}</span>
            </Tag>
          );
        }
        if (LIST_BLOCKS.has(block.type)) {
          // Each list item is its own numbered clause; the list's own bullets would be a second numbering.
          return (block.content ?? []).map((item, j) => (
            <Clause key={`${i}-${j}`} id={idOf(item)} number={numbers[idOf(item)] ?? ""}>
              {(item.content ?? []).map(renderBlock)}
            </Clause>
          ));
        }
        return (
          <Clause key={i} id={id} number={numbers[id] ?? ""}>
            {renderBlock(block, 0)}
          </Clause>
        );
      })}
      {cut ? more : null}
    </article>
  );
}
