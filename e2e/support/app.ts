import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { DEMO_MEMBERS, DEMO_PASSWORD } from "../../lib/server/demo/demo-members";

export type DemoRole = "convenor" | "editorGov" | "editorIndustry" | "commenterIndustry" | "commenterNgo" | "observer";
const INDEX: Record<DemoRole, number> = {
  convenor: 0,
  editorGov: 1,
  editorIndustry: 2,
  commenterIndustry: 3,
  commenterNgo: 4,
  observer: 5,
};

export function demoMember(who: DemoRole) {
  return DEMO_MEMBERS[INDEX[who]];
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/");
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

/** A separate browser profile (own cookies) signed in as one of the demo members. */
export async function signedInContext(browser: Browser, who: DemoRole): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, demoMember(who).email, DEMO_PASSWORD);
  return { context, page };
}

/** Opens the seeded demo process from the dashboard and returns its id. */
export async function openDemoProcess(page: Page): Promise<string> {
  await page.goto("/");
  await page.getByRole("link", { name: "National Strategy for Tech Diplomacy" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "National Strategy for Tech Diplomacy" })).toBeVisible();
  const id = new URL(page.url()).pathname.split("/")[2];
  expect(id).toBeTruthy();
  return id;
}

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@example.org`;
}
