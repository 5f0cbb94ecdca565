import { Extension, mergeAttributes, Node } from "@tiptap/core";
import { TextSelection } from "@tiptap/pm/state";

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    accordTable: {
      insertTable: (options?: { rows?: number; cols?: number; withHeaderRow?: boolean }) => ReturnType;
    };
  }
}

/*
 * Tables as Tiptap's table extension defines them (same names, content and attributes,
 * so stored drafts keep their tables), without its editing machinery: cell selection,
 * Tab between cells and row insertion come from prosemirror-tables, which the editor
 * loads only once someone works in a table (components/editor/table-editing.ts). The
 * server, which only converts documents, never needs it.
 */

function parseAlign(element: HTMLElement): string | null {
  const value = (element.style.textAlign || element.getAttribute("align") || "").trim().toLowerCase();
  return value === "left" || value === "right" || value === "center" ? value : null;
}

const cellAttributes = () => ({
  colspan: { default: 1 },
  rowspan: { default: 1 },
  colwidth: {
    default: null,
    parseHTML: (element: HTMLElement) => element.getAttribute("colwidth")?.split(",").map((w) => parseInt(w, 10)) ?? null,
  },
  align: {
    default: null,
    parseHTML: parseAlign,
    renderHTML: (attributes: Record<string, unknown>) => (attributes.align ? { style: `text-align: ${String(attributes.align)}` } : {}),
  },
});

const cellNode = (name: string, tag: "td" | "th") =>
  Node.create({
    name,
    content: "block+",
    isolating: true,
    addAttributes: cellAttributes,
    parseHTML: () => [{ tag }],
    renderHTML: ({ HTMLAttributes }) => [tag, mergeAttributes(HTMLAttributes), 0],
  });

export const TableCell = cellNode("tableCell", "td");
export const TableHeader = cellNode("tableHeader", "th");

export const TableRow = Node.create({
  name: "tableRow",
  content: "(tableCell | tableHeader)*",
  parseHTML: () => [{ tag: "tr" }],
  renderHTML: ({ HTMLAttributes }) => ["tr", mergeAttributes(HTMLAttributes), 0],
});

export const Table = Node.create({
  name: "table",
  content: "tableRow+",
  group: "block",
  isolating: true,
  parseHTML: () => [{ tag: "table" }],
  renderHTML: ({ HTMLAttributes }) => ["table", mergeAttributes(HTMLAttributes), ["tbody", 0]],
  addCommands() {
    return {
      insertTable:
        ({ rows = 3, cols = 3, withHeaderRow = true } = {}) =>
        ({ tr, dispatch, editor }) => {
          const { nodes } = editor.schema;
          const row = (header: boolean) =>
            nodes.tableRow.create(null, Array.from({ length: cols }, () => (header ? nodes.tableHeader : nodes.tableCell).createAndFill()!));
          const table = nodes.table.create(null, Array.from({ length: rows }, (_, r) => row(withHeaderRow && r === 0)));
          if (dispatch) {
            const start = tr.selection.from + 1;
            tr.replaceSelectionWith(table).scrollIntoView();
            tr.setSelection(TextSelection.near(tr.doc.resolve(start)));
          }
          return true;
        },
    };
  },
});

const ROLES: Record<string, string> = { table: "table", tableRow: "row", tableCell: "cell", tableHeader: "header_cell" };

/** prosemirror-tables finds the table node types by this field of their spec. */
export const TableRoles = Extension.create({
  name: "tableRoles",
  extendNodeSchema: (extension) => (ROLES[extension.name] ? { tableRole: ROLES[extension.name] } : {}),
});

export const TableNodes = [Table, TableCell, TableHeader, TableRow, TableRoles];
