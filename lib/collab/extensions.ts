import type { AnyExtension } from "@tiptap/core";
import { TableKit } from "@tiptap/extension-table";
import StarterKit from "@tiptap/starter-kit";
import { isSafeHref } from "@/lib/domain/draft-doc";
import { ClauseIds, type ClauseIdsOptions } from "./clause-ids";

export { DOC_FIELD } from "./doc-json-field";

/**
 * The document schema, shared by the browser editor and the server (which uses it
 * to turn stored JSON into the Yjs document and back). Headings, paragraphs,
 * lists, bold/italic, links limited to http/https/mailto, tables.
 */
export function documentExtensions(options: ClauseIdsOptions = {}): AnyExtension[] {
  return [
    StarterKit.configure({
      undoRedo: false,
      heading: { levels: [1, 2, 3] },
      link: {
        openOnClick: false,
        autolink: true,
        protocols: ["mailto"],
        defaultProtocol: "https",
        isAllowedUri: (url) => isSafeHref(url),
        HTMLAttributes: { rel: "noopener noreferrer nofollow", target: "_blank" },
      },
    }),
    TableKit.configure({ table: { resizable: false } }),
    ClauseIds.configure(options),
  ];
}
