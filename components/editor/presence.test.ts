import { describe, expect, it } from "vitest";
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";
import * as Y from "yjs";
import type { PresenceIdentity } from "@/lib/collab/identity";
import { presenceStore } from "./presence";

const person = (userId: string, name: string): PresenceIdentity => ({
  userId,
  name,
  color: "#0369a1",
  role: "editor",
  group: { id: "g1", key: null, name: "Industry", colour: "#0369a1" },
});

/** Another participant's tab, whose awareness reaches ours as the server relays it. */
function otherTab(into: Awareness, user: PresenceIdentity) {
  const awareness = new Awareness(new Y.Doc());
  awareness.setLocalState({ user });
  const relay = () => applyAwarenessUpdate(into, encodeAwarenessUpdate(awareness, [awareness.clientID]), "server");
  relay();
  return { awareness, relay };
}

describe("presenceStore", () => {
  it("tells its listener when someone arrives or leaves, and not when a caret moves", () => {
    const me = person("u-me", "Amina");
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalState({ user: me });
    const store = presenceStore(awareness, me);
    let calls = 0;
    store.subscribe(() => calls++);
    const alone = store.getSnapshot();
    expect(alone.map((p) => p.user.name)).toEqual(["Amina"]);

    // Our own caret, on every keystroke.
    for (let i = 0; i < 5; i++) awareness.setLocalStateField("cursor", { anchor: i, head: i });
    expect(calls).toBe(0);
    expect(store.getSnapshot()).toBe(alone);

    const bo = otherTab(awareness, person("u-bo", "Bo"));
    expect(calls).toBe(1);
    const two = store.getSnapshot();
    expect(two.map((p) => [p.user.name, p.isMe])).toEqual([
      ["Amina", true],
      ["Bo", false],
    ]);

    // Bo types: their caret moves, the bar stays as it is.
    bo.awareness.setLocalStateField("cursor", { anchor: 3, head: 3 });
    bo.relay();
    expect(calls).toBe(1);
    expect(store.getSnapshot()).toBe(two);

    // A second tab of Bo's counts once.
    otherTab(awareness, person("u-bo", "Bo"));
    expect(store.getSnapshot()).toBe(two);

    // Bo closes the first tab: still here, now through the second.
    removeAwarenessStates(awareness, [bo.awareness.clientID], "server");
    expect(store.getSnapshot().map((p) => p.user.name)).toEqual(["Amina", "Bo"]);
    expect(calls).toBe(2);
    const carol = otherTab(awareness, person("u-carol", "Carol"));
    expect(store.getSnapshot().map((p) => p.user.name)).toEqual(["Amina", "Bo", "Carol"]);
    removeAwarenessStates(awareness, [carol.awareness.clientID], "server");
    expect(store.getSnapshot().map((p) => p.user.name)).toEqual(["Amina", "Bo"]);
    expect(calls).toBe(4);
  });

  it("tells every subscriber, and stops listening when the last one leaves", () => {
    const me = person("u-me", "Amina");
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalState({ user: me });
    const store = presenceStore(awareness, me);
    const calls = [0, 0];
    const stops = calls.map((_, i) => store.subscribe(() => calls[i]++));
    otherTab(awareness, person("u-bo", "Bo"));
    expect(calls).toEqual([1, 1]);
    stops.forEach((stop) => stop());
    otherTab(awareness, person("u-carol", "Carol"));
    expect(calls).toEqual([1, 1]);
    // Subscribing again sees who came meanwhile.
    store.subscribe(() => undefined);
    expect(store.getSnapshot().map((p) => p.user.name)).toEqual(["Amina", "Bo", "Carol"]);
  });
});
