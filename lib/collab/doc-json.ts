import { getSchema } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import { prosemirrorJSONToYDoc, yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import type { DocNode } from "@/lib/domain/draft-doc";
import { DOC_FIELD, documentExtensions } from "./extensions";

let schema: Schema | null = null;
export function documentSchema(): Schema {
  schema ??= getSchema(documentExtensions());
  return schema;
}

/** Stored JSON → the Yjs state the collaboration server starts from (used once per document). */
export function docJsonToYUpdate(json: DocNode): Uint8Array {
  const doc = prosemirrorJSONToYDoc(documentSchema(), json, DOC_FIELD);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** The Yjs document's current text as ProseMirror JSON. */
export function yDocToDocJson(doc: Y.Doc): DocNode {
  return yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(DOC_FIELD)) as DocNode;
}
