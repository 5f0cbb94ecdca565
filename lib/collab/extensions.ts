import type { AnyExtension } from "@tiptap/core";
import { Blockquote } from "@tiptap/extension-blockquote";
import { Bold } from "@tiptap/extension-bold";
import { Code } from "@tiptap/extension-code";
import { CodeBlock } from "@tiptap/extension-code-block";
import { Document } from "@tiptap/extension-document";
import { HardBreak } from "@tiptap/extension-hard-break";
import { Heading } from "@tiptap/extension-heading";
import { HorizontalRule } from "@tiptap/extension-horizontal-rule";
import { Italic } from "@tiptap/extension-italic";
import { BulletList, ListItem, ListKeymap, OrderedList } from "@tiptap/extension-list";
import { Paragraph } from "@tiptap/extension-paragraph";
import { Strike } from "@tiptap/extension-strike";
import { Text } from "@tiptap/extension-text";
import { Underline } from "@tiptap/extension-underline";
import { Dropcursor, Gapcursor, TrailingNode } from "@tiptap/extensions";
import { ClauseIds, type ClauseIdsOptions } from "./clause-ids";
import { SafeLink } from "./safe-link";
import { TableNodes } from "./table-nodes";

export { DOC_FIELD } from "./doc-json-field";

/**
 * The document schema, shared by the browser editor and the server (which uses it
 * to turn stored JSON into the Yjs document and back). Headings, paragraphs,
 * lists, bold/italic, links limited to http/https/mailto, tables.
 *
 * Tiptap's StarterKit, spelled out in its order (the schema is unchanged: see
 * extensions.test.ts) without two parts: undo/redo, which collaboration replaces, and
 * its Link extension, replaced by SafeLink. Tables are schema only here; their editing
 * commands load when first used (docs/decisions.md).
 */
export function documentExtensions(options: ClauseIdsOptions = {}): AnyExtension[] {
  return [
    Bold,
    Blockquote,
    BulletList,
    Code,
    CodeBlock,
    Document,
    Dropcursor,
    Gapcursor,
    HardBreak,
    Heading.configure({ levels: [1, 2, 3] }),
    HorizontalRule,
    Italic,
    ListItem,
    ListKeymap,
    SafeLink,
    OrderedList,
    Paragraph,
    Strike,
    Text,
    Underline,
    TrailingNode,
    ...TableNodes,
    ClauseIds.configure(options),
  ];
}
