import { expect, test } from "@playwright/test";
import { openDemoProcess, signedInContext } from "./support/app";
import { caretAtEndOf, liveEditor } from "./support/editor";

const LAST_CLAUSE = "The Minister will report to parliament on implementation every year";

test("without JavaScript the draft page shows its first clauses and links to the whole text, which has every clause", async ({ browser }) => {
  const { context, page } = await signedInContext(browser, "commenterNgo");
  const processId = await openDemoProcess(page);
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await context.storageState() });
  const reader = await noScript.newPage();
  await reader.goto(`/processes/${processId}`);
  await expect(reader.getByTestId("draft")).toContainText("This strategy sets out how our country");
  await expect(reader.getByTestId("draft")).not.toContainText(LAST_CLAUSE);
  await reader.getByTestId("draft-continues").getByRole("link").click();
  await expect(reader).toHaveURL(/\?view=text$/);
  await expect(reader.getByTestId("text-view")).toBeVisible();
  await expect(reader.getByTestId("draft")).toContainText(LAST_CLAUSE);
  await expect(reader.locator("[data-testid=draft] [data-clause-id]").last()).toHaveAttribute("data-clause-number", /^\d+\.\d+$/);
  await expect(reader.getByTestId("editor")).toHaveCount(0);
  await noScript.close();
  await context.close();
});

test("an editor inserts a table, moves between cells with Tab and adds a row from the last cell", async ({ browser }) => {
  const { context, page } = await signedInContext(browser, "editorGov");
  await openDemoProcess(page);
  await liveEditor(page);
  await caretAtEndOf(page, "1.1");
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Insert table" }).click();
  const table = page.getByTestId("editor").locator("table").last();
  await expect(table.locator("tr")).toHaveCount(3);
  await page.keyboard.type("Measure");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Owner");
  await expect(table.locator("th").nth(0)).toHaveText("Measure");
  await expect(table.locator("th").nth(1)).toHaveText("Owner");
  // Tab from the last cell of the last row adds a row (3 columns × 3 rows: 7 more presses).
  for (let i = 0; i < 8; i++) await page.keyboard.press("Tab");
  await expect(table.locator("tr")).toHaveCount(4);
  await page.keyboard.type("Added row");
  await expect(table.locator("tr").nth(3).locator("td").first()).toHaveText("Added row");
  await context.close();
});
