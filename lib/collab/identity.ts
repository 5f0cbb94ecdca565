/**
 * What other participants see of someone: stamped into awareness by the server
 * from the token and the database, never taken from the client.
 */
export interface PresenceIdentity {
  userId: string;
  name: string;
  /** Caret colour: per person, so two members of one group stay distinguishable. */
  color: string;
  role: string;
  group: { id: string; key: string | null; name: string; colour: string };
}

const CARET_COLOURS = ["#c2410c", "#0369a1", "#15803d", "#a21caf", "#b91c1c", "#4d7c0f", "#1d4ed8", "#92400e", "#0f766e", "#7c3aed"];

export function caretColour(userId: string): string {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0;
  return CARET_COLOURS[hash % CARET_COLOURS.length];
}
