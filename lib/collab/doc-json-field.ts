/** The Yjs fragment the editor binds to (Tiptap's default). Kept apart so Node clients need no Tiptap. */
export const DOC_FIELD = "default";
