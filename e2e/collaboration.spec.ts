import { expect, test } from "@playwright/test";
import { openDemoProcess, signedInContext } from "./support/app";
import { caretAtEndOf, editorText, liveEditor } from "./support/editor";

test("edits appear in the other window, with carets labelled by name and group, and Saved is shown", async ({ browser }) => {
  const gov = await signedInContext(browser, "editorGov");
  const industry = await signedInContext(browser, "editorIndustry");
  await openDemoProcess(gov.page);
  await openDemoProcess(industry.page);
  await liveEditor(gov.page);
  await liveEditor(industry.page);

  await caretAtEndOf(gov.page, "1.1");
  await gov.page.keyboard.type(" Added by the government editor.");
  await expect.poll(() => editorText(industry.page)).toContain("niche portfolio. Added by the government editor.");
  await expect(gov.page.getByTestId("save-status")).toHaveText("Saved");

  await caretAtEndOf(industry.page, "2.1");
  await industry.page.keyboard.type(" Industry agrees.");
  await expect.poll(() => editorText(gov.page)).toContain("Industry agrees.");

  // Each sees the other's caret, labelled with the name and group the server vouches for.
  await expect(gov.page.getByTestId("remote-caret")).toHaveText("Li Wei · Private sector");
  await expect(industry.page.getByTestId("remote-caret")).toHaveText("Kwame Mensah · Government");
  await expect(gov.page.getByTestId("present-person")).toHaveCount(2);

  // Clause numbers follow structure live: a new paragraph after 1.1 becomes 1.2 for both.
  await caretAtEndOf(gov.page, "1.1");
  await gov.page.keyboard.press("Enter");
  await gov.page.keyboard.type("A brand new clause.");
  await expect(industry.page.getByTestId("editor").locator('[data-clause-number="1.2"]')).toContainText("A brand new clause.");
  await expect(industry.page.getByTestId("editor").locator('[data-clause-number="1.3"]')).toContainText("Our engagement will be guided");
  await gov.context.close();
  await industry.context.close();
});

test("the observer and the commenter see the same live text but cannot type into it", async ({ browser }) => {
  const editor = await signedInContext(browser, "editorGov");
  const observer = await signedInContext(browser, "observer");
  const commenter = await signedInContext(browser, "commenterNgo");
  for (const s of [editor, observer, commenter]) {
    await openDemoProcess(s.page);
    await liveEditor(s.page);
  }
  for (const s of [observer, commenter]) {
    const box = s.page.getByTestId("editor");
    await expect(box).toHaveAttribute("contenteditable", "false");
    await expect(s.page.getByTestId("toolbar")).toHaveCount(0);
    await expect(s.page.getByTestId("read-only-notice")).toBeVisible();
    await box.click();
    await s.page.keyboard.type("should not appear");
    await expect(s.page.getByTestId("save-status")).toHaveText("Live");
  }
  await caretAtEndOf(editor.page, "3.1");
  await editor.page.keyboard.type(" Seen by everyone.");
  for (const s of [observer, commenter]) await expect.poll(() => editorText(s.page)).toContain("Seen by everyone.");
  expect(await editorText(editor.page)).not.toContain("should not appear");
  for (const s of [editor, observer, commenter]) await s.context.close();
});

test("going offline, typing, reloading and coming back online keeps the text and syncs it", async ({ browser }) => {
  const writer = await signedInContext(browser, "convenor");
  const reader = await signedInContext(browser, "editorIndustry");
  await openDemoProcess(writer.page);
  await openDemoProcess(reader.page);
  await liveEditor(writer.page);
  await liveEditor(reader.page);
  // The page itself must be available offline (service worker + cache), not only the text.
  await expect
    .poll(() => writer.page.evaluate(async () => !!(navigator.serviceWorker.controller && (await caches.match(location.pathname)))))
    .toBe(true);

  await writer.context.setOffline(true);
  await expect(writer.page.getByTestId("save-status")).toHaveText(/^Offline/);
  await caretAtEndOf(writer.page, "4.1");
  const typed = " Typed without a network.";
  await writer.page.keyboard.type(typed);
  // Every typed character counts as a kept change once the editor's document (and with it
  // this device's buffer) has it: reload only then. The last key is in the page a moment
  // before ProseMirror reads it into the document.
  await expect
    .poll(async () => Number((await writer.page.getByTestId("save-status").textContent())?.match(/^Offline — (\d+) changes kept on this device$/)?.[1] ?? 0))
    .toBeGreaterThanOrEqual(typed.length);
  // What this device holds before the reload, for the failure message if the text is not back.
  const kept = await writer.page.evaluate(async () => {
    const buffered = Object.keys(localStorage).filter((k) => k.endsWith(":wal")).map((k) => JSON.parse(localStorage.getItem(k) ?? "[]").length);
    const text = (document.querySelector("[data-testid=editor]") as HTMLElement & { editor?: { state: { doc: { textContent: string } } } }).editor?.state.doc.textContent ?? "";
    return `buffered updates ${buffered.join("/") || 0}; document has the sentence: ${text.includes("Typed without a network.")}`;
  });

  const reloaded = await writer.page.reload();
  // Served by the service worker from this device's cache: there is no network.
  expect(reloaded?.fromServiceWorker()).toBe(true);
  await liveEditor(writer.page);
  await expect.poll(() => editorText(writer.page), { message: `kept before the reload: ${kept}` }).toContain("Typed without a network.");
  await expect(writer.page.getByTestId("save-status")).toHaveText(/^Offline — \d+ changes kept on this device$/);
  expect(await editorText(reader.page)).not.toContain("Typed without a network.");

  await writer.context.setOffline(false);
  await expect(writer.page.getByTestId("save-status")).toHaveText("Saved", { timeout: 20_000 });
  await expect.poll(() => editorText(reader.page)).toContain("Typed without a network.");
  const text = await editorText(reader.page);
  expect(text.split("Typed without a network.").length).toBe(2);
  await writer.context.close();
  await reader.context.close();
});
