import type { PresenceIdentity } from "@/lib/collab/identity";

/**
 * The label on a remote caret: name and stakeholder group, in the person's
 * colour. Built with textContent, so a name can never inject markup.
 */
export function caretRenderer(groupLabel: (group: PresenceIdentity["group"]) => string) {
  return (user: Record<string, unknown>): HTMLElement => {
    const identity = user as unknown as Partial<PresenceIdentity>;
    const colour = typeof identity.color === "string" && /^#[0-9a-f]{6}$/i.test(identity.color) ? identity.color : "#444444";
    const caret = document.createElement("span");
    caret.className = "collaboration-carets__caret";
    caret.style.borderColor = colour;
    const label = document.createElement("span");
    label.className = "collaboration-carets__label";
    label.style.backgroundColor = colour;
    label.setAttribute("data-testid", "remote-caret");
    label.textContent = identity.group ? `${identity.name ?? "?"} · ${groupLabel(identity.group)}` : (identity.name ?? "?");
    caret.append(label);
    return caret;
  };
}

export function selectionRenderer(user: Record<string, unknown>) {
  const colour = typeof user.color === "string" && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : "#444444";
  return { style: `background-color: ${colour}33`, class: "collaboration-carets__selection" };
}
