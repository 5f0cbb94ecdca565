import { expect, test, type Page } from "@playwright/test";
import { openDemoProcess, signedInContext } from "./support/app";
import { liveEditor, selectInClause } from "./support/editor";

async function commentOn(page: Page, clause: string, word: string, body: string) {
  await selectInClause(page, clause, word);
  await expect(page.getByTestId("comment-selection")).toBeEnabled();
  await page.getByTestId("comment-selection").click();
  await page.getByTestId("composer").getByLabel("Your comment").fill(body);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByTestId("composer")).toHaveCount(0);
}

const threadFor = (page: Page, text: string) => page.getByTestId("threads").getByTestId("thread").filter({ hasText: text });

test("three groups comment on clause 2.1, see each other live, filter, resolve, detach, and stay safe from markup", async ({ browser }) => {
  const gov = await signedInContext(browser, "editorGov");
  const industry = await signedInContext(browser, "commenterIndustry");
  const ngo = await signedInContext(browser, "commenterNgo");
  const everyone = [gov, industry, ngo];
  for (const s of everyone) {
    await openDemoProcess(s.page);
    await liveEditor(s.page);
  }

  await commentOn(gov.page, "2.1", "Ambassador for Technology", "Government: the title follows protocol.");
  await commentOn(industry.page, "2.1", "technology companies", "Industry wants a single point of contact.");
  await commentOn(ngo.page, "2.1", "standards bodies", 'Civil society asks for open hearings. <img src=x onerror="window.__xss=1"> javascript:alert(1) https://example.org/hearings');

  // Everyone sees all three threads, live, each signed with the author's group.
  for (const s of everyone) {
    await expect(s.page.getByTestId("threads").getByTestId("thread")).toHaveCount(3);
    await expect(threadFor(s.page, "open hearings").getByTestId("group-badge")).toHaveText("Civil society");
    await expect(threadFor(s.page, "single point of contact").getByTestId("group-badge")).toHaveText("Private sector");
  }
  // The margin of clause 2.1 counts open threads per group.
  await expect(gov.page.getByTestId("comment-margin")).toContainText("1 Civil society");
  // Clicking highlighted text opens its thread; choosing a thread highlights its text.
  await gov.page.getByTestId("editor").locator(".comment-anchor", { hasText: "standards bodies" }).click();
  await expect(threadFor(gov.page, "open hearings")).toHaveClass(/is-active/);
  await threadFor(gov.page, "single point of contact").locator(".thread__head").click();
  await expect(gov.page.getByTestId("editor").locator(".comment-anchor.is-active")).toHaveText("technology companies");

  // The markup stayed text; only the https link became a link.
  const ngoThread = threadFor(gov.page, "open hearings");
  await expect(ngoThread).toContainText('<img src=x onerror="window.__xss=1">');
  await expect(ngoThread.locator("img")).toHaveCount(0);
  await expect(ngoThread.locator('a[href^="javascript"]')).toHaveCount(0);
  await expect(ngoThread.locator('a[href="https://example.org/hearings"]')).toHaveAttribute("rel", /noopener/);
  expect(await gov.page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

  // Filter by Civil society: only that thread; the filter is in the URL, so the view can be shared.
  await industry.page.getByTestId("comments-panel").getByRole("checkbox").nth(2).click();
  await expect(industry.page).toHaveURL(/groups=/);
  await expect(industry.page.getByTestId("threads").getByTestId("thread")).toHaveCount(1);
  await expect(industry.page.getByTestId("threads")).toContainText("open hearings");
  const shared = industry.page.url();
  await gov.page.goto(shared);
  await liveEditor(gov.page);
  await expect(gov.page.getByTestId("threads").getByTestId("thread")).toHaveCount(1);

  // The civil-society author resolves their thread: it leaves the open filter for everyone.
  await threadFor(ngo.page, "open hearings").getByRole("button", { name: "Resolve" }).click();
  await expect(ngo.page.getByTestId("threads").getByTestId("thread")).toHaveCount(2);
  await expect(gov.page.getByTestId("threads").getByTestId("thread")).toHaveCount(0);
  await gov.page.getByTestId("filter-status").selectOption("resolved");
  await expect(gov.page.getByTestId("threads").getByTestId("thread")).toHaveCount(1);

  // Deleting the anchored text moves the thread to "detached", with its quote kept.
  await gov.page.getByTestId("filter-status").selectOption("open");
  await industry.page.getByTestId("comments-panel").getByRole("checkbox").nth(2).click();
  await gov.page.goto(shared.split("?")[0]);
  await liveEditor(gov.page);
  await selectInClause(gov.page, "2.1", "technology companies");
  await gov.page.keyboard.press("Backspace");
  for (const s of [gov, industry]) {
    const detached = s.page.getByTestId("detached-threads");
    await expect(detached).toContainText("technology companies");
    await expect(detached).toContainText("single point of contact");
  }
  await expect(industry.page.getByTestId("threads")).not.toContainText("single point of contact");
  for (const s of everyone) await s.context.close();
});

test("an observer reads comments but cannot start or answer one", async ({ browser }) => {
  const observer = await signedInContext(browser, "observer");
  await openDemoProcess(observer.page);
  await liveEditor(observer.page);
  await expect(observer.page.getByTestId("comment-selection")).toHaveCount(0);
  await expect(observer.page.getByTestId("comments-panel")).toBeVisible();
  // The Government thread the test above started is still open: readable, but no reply box and no Resolve.
  const thread = observer.page.getByTestId("threads").getByTestId("thread").filter({ hasText: "the title follows protocol" });
  await expect(thread).toBeVisible();
  await expect(observer.page.getByPlaceholder("Write a reply…")).toHaveCount(0);
  await expect(thread.getByRole("button", { name: "Resolve" })).toHaveCount(0);
  await observer.context.close();
});
