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

test("the process page shows the numbered draft read-only and members by group", async ({ page }) => {
  await signIn(page, demoMember("editorIndustry").email, DEMO_PASSWORD);
  await page.getByRole("link", { name: "National Strategy for Tech Diplomacy" }).first().click();
  const draft = page.getByTestId("draft");
  await expect(draft.locator('[data-clause-number]:not([data-clause-number=""])')).toHaveCount(30);
  await expect(draft.locator('[data-clause-number="2.5"]')).toBeVisible();
  await expect(draft.locator("[contenteditable]")).toHaveCount(0);
  const groups = page.getByTestId("group-block");
  await expect(groups).toHaveCount(3);
  for (const block of await groups.all()) await expect(block.getByTestId("member")).toHaveCount(2);
  await page.getByRole("navigation", { name: "Outline" }).getByRole("link", { name: /Digital public infrastructure/ }).click();
  await expect(page).toHaveURL(/#clause-s3$/);
});
