import { Mark, mergeAttributes } from "@tiptap/core";
import { isSafeHref } from "@/lib/domain/draft-doc";

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    safeLink: {
      setLink: (attributes: { href: string }) => ReturnType;
      unsetLink: () => ReturnType;
    };
  }
}

const LINK_ATTRIBUTES = { rel: "noopener noreferrer nofollow", target: "_blank" };

/**
 * The `link` mark, with the attributes of Tiptap's Link extension (so stored drafts keep
 * their links) but without its autolinking, which pulls in linkify and its list of
 * every top-level domain — a tenth of the editor's script on a slow link. Links are made
 * from the toolbar; only http, https and mailto are kept, when parsed and when shown.
 */
export const SafeLink = Mark.create({
  name: "link",
  priority: 1000,
  keepOnSplit: false,
  exitable: true,
  inclusive: false,

  addAttributes() {
    return {
      href: { default: null, parseHTML: (element) => element.getAttribute("href") },
      target: { default: LINK_ATTRIBUTES.target },
      rel: { default: LINK_ATTRIBUTES.rel },
      class: { default: null },
      title: { default: null },
    };
  },

  parseHTML() {
    return [{ tag: "a[href]", getAttrs: (dom) => (isSafeHref(dom.getAttribute("href")) ? null : false) }];
  },

  renderHTML({ HTMLAttributes }) {
    const href = isSafeHref(HTMLAttributes.href) ? HTMLAttributes.href : "";
    return ["a", mergeAttributes(LINK_ATTRIBUTES, { ...HTMLAttributes, href }), 0];
  },

  addCommands() {
    return {
      setLink:
        ({ href }) =>
        ({ chain }) =>
          isSafeHref(href) ? chain().setMark(this.name, { href }).run() : false,
      unsetLink:
        () =>
        ({ chain }) =>
          chain().unsetMark(this.name, { extendEmptyMarkRange: true }).run(),
    };
  },
});
