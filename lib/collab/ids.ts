/** A short random clause id, unique enough for one document (48 random bits). */
export function newClauseId(): string {
  const bytes = new Uint8Array(6);
  globalThis.crypto.getRandomValues(bytes);
  let out = "c";
  for (const b of bytes) out += b.toString(36).padStart(2, "0");
  return out;
}
