// Copies of the seeded demo draft, so each benchmark run starts from the same document
// on Accord as the stock servers do (a fresh document per run).
import Database from "better-sqlite3";
import type { AccordMember } from "./servers";

/** Copies the demo process (its group, the member's membership, draft and Yjs snapshot, if it has one yet) under these ids. */
export function cloneProcesses(file: string, demo: AccordMember, ids: string[]): void {
  const db = new Database(file);
  try {
    const columns = (table: string) => (db.prepare(`PRAGMA table_info("${table}")`).all() as Array<{ name: string }>).map((c) => c.name);
    const clone = (table: string, where: string, overrides: Record<string, string>) => {
      const cols = columns(table);
      const select = cols.map((c) => (c in overrides ? "?" : `"${c}"`)).join(", ");
      const statement = db.prepare(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) SELECT ${select} FROM "${table}" WHERE ${where}`);
      return (values: Record<string, string>, ...whereArgs: string[]) => statement.run(...cols.filter((c) => c in overrides).map((c) => values[c]), ...whereArgs);
    };
    const process = clone("Process", '"id" = ?', { id: "" });
    const group = clone("StakeholderGroup", '"id" = ?', { id: "", processId: "" });
    const membership = clone("Membership", '"processId" = ? AND "userId" = ?', { id: "", processId: "", groupId: "" });
    const draft = clone("Draft", '"processId" = ?', { processId: "" });
    const snapshot = clone("DocSnapshot", '"processId" = ?', { processId: "" });
    db.transaction(() => {
      for (const id of ids) {
        process({ id }, demo.processId);
        group({ id: `${id}-group`, processId: id }, demo.groupId);
        membership({ id: `${id}-member`, processId: id, groupId: `${id}-group` }, demo.processId, demo.userId);
        draft({ processId: id }, demo.processId);
        snapshot({ processId: id }, demo.processId);
      }
    })();
  } finally {
    db.close();
  }
}

/** The member of a copy made by cloneProcesses. */
export function memberOfCopy(demo: AccordMember, id: string): AccordMember {
  return { ...demo, processId: id, groupId: `${id}-group` };
}

/**
 * A `member` function for startServer that gives each document id its own copy of the
 * demo draft, made on first use: Accord's side of "a new document per run".
 */
export function freshCopies(file: string, demo: AccordMember): (id: string) => AccordMember {
  const made = new Set<string>();
  return (id) => {
    if (!made.has(id)) {
      cloneProcesses(file, demo, [id]);
      made.add(id);
    }
    return memberOfCopy(demo, id);
  };
}
