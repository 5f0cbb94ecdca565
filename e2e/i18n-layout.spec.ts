import { expect, test, type Page } from "@playwright/test";
import { openDemoProcess, signedInContext } from "./support/app";

async function noHorizontalScroll(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, `page is ${scroll}px wide in a ${client}px viewport`).toBeLessThanOrEqual(client);
}

test("the interface switches to French and to Arabic with a right-to-left layout", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Interface language").selectOption("fr");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Sign in to Accord");
  await expect(page.getByRole("button", { name: "Se connecter" })).toBeVisible();

  await page.getByRole("combobox").selectOption("ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  const heading = await page.getByRole("heading", { level: 1 }).textContent();
  expect(heading).toMatch(/[\u0600-\u06FF]/);
  // In RTL the brand sits at the right edge and the form fields align right.
  const viewport = page.viewportSize()!;
  const brand = await page.locator(".brand").boundingBox();
  expect(brand!.x).toBeGreaterThan(viewport.width / 2);
  expect(await page.locator("input#email").evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");

  await page.getByRole("combobox").selectOption("en");
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
});

test("every page fits a 360 px wide phone and is keyboard-usable", async ({ browser }) => {
  const { page, context } = await signedInContext(browser, "convenor");
  await page.setViewportSize({ width: 360, height: 740 });
  await noHorizontalScroll(page);
  const processId = await openDemoProcess(page);
  await noHorizontalScroll(page);
  await page.goto(`/processes/${processId}/members`);
  await noHorizontalScroll(page);
  await page.goto(`/processes/${processId}/activity`);
  await noHorizontalScroll(page);
  await page.goto("/processes/new");
  await noHorizontalScroll(page);

  // The first Tab reaches the skip link, which moves focus to the main content.
  await page.goto(`/processes/${processId}`);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
  await context.close();
});

test("pages are served with a strict Content-Security-Policy and anti-framing headers", async ({ page }) => {
  const response = await page.goto("/signin");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).not.toContain("unsafe-eval");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  // The app works under that policy: client-side sign-in runs (no script was blocked).
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
  });
  await page.reload();
  await page.getByLabel("Email address").fill("nobody@example.org");
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signin-error")).toBeVisible();
  expect(violations).toEqual([]);
});
