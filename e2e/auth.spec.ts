import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../lib/server/demo/demo-members";
import { demoMember, signIn } from "./support/app";

test("an unauthenticated visit redirects to sign-in and comes back after signing in", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F$/);
  await page.goto("/processes/some-process/members");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fprocesses%2Fsome-process%2Fmembers/);
  await expect(page.getByRole("heading", { name: "Sign in to Accord" })).toBeVisible();
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email address").fill(demoMember("editorGov").email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signin-error")).toHaveText("The email address or password is not correct.");
  await expect(page).toHaveURL(/\/signin/);
});

test("the dashboard lists my processes with my role and group, and sign-out ends the session", async ({ page }) => {
  await signIn(page, demoMember("commenterNgo").email, DEMO_PASSWORD);
  const card = page.getByTestId("process-card").filter({ hasText: "National Strategy for Tech Diplomacy" });
  await expect(card.getByTestId("role-badge")).toHaveText("Commenter");
  await expect(card.getByTestId("group-badge")).toHaveText("Civil society");
  await expect(page.getByRole("link", { name: "New drafting process" })).toHaveCount(0);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
});

test("the process page serves the numbered draft as HTML, then the live editor, with members by group", async ({ page }) => {
  await signIn(page, demoMember("editorIndustry").email, DEMO_PASSWORD);
  await page.getByRole("link", { name: "National Strategy for Tech Diplomacy" }).first().click();
  await expect(page).toHaveURL(/\/processes\/[^/]+$/);
  // Server-rendered first: the clause text is in the HTML itself (readable before any script runs).
  const html = await (await page.request.get(page.url())).text();
  expect(html).toContain('data-clause-number="2.5"');
  expect(html).toContain("This strategy sets out how our country will use its foreign policy");

  await expect(page.getByTestId("workspace")).toHaveAttribute("data-ready", "true");
  const editor = page.getByTestId("editor");
  await expect(editor.locator("[data-clause-number]:not(h1):not(h2)")).toHaveCount(30);
  await expect(editor.locator('[data-clause-number="2.5"]')).toContainText("In the second phase");
  await page.getByTestId("tab-people").click();
  const groups = page.getByTestId("group-block");
  await expect(groups).toHaveCount(3);
  for (const block of await groups.all()) await expect(block.getByTestId("member")).toHaveCount(2);
  await page.getByTestId("live-outline").getByRole("button", { name: /^3\s*Digital public infrastructure/ }).click();
  await expect(editor.locator('h2[data-clause-number="3"]')).toBeInViewport();
});
