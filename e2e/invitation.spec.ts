import { expect, test } from "@playwright/test";
import { signedInContext, uniqueEmail } from "./support/app";

test("a convenor creates a process and invites a civil-society commenter who joins through the link", async ({ browser }) => {
  const convenor = await signedInContext(browser, "convenor");
  const page = convenor.page;
  const title = `Digital Cooperation Roadmap ${Date.now().toString(36)}`;

  await page.getByRole("link", { name: "New drafting process" }).first().click();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Description").fill("Joint roadmap with regional partners.");
  await page.getByLabel("Convenor's organisation").fill("Ministry of Foreign Affairs");
  await page.getByRole("button", { name: "Create drafting process" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByTestId("my-membership").getByTestId("role-badge")).toHaveText("Convenor");

  await page.getByTestId("tab-members").click();
  const email = uniqueEmail("ngo");
  const form = page.getByTestId("invite-form");
  await form.getByLabel("Email address").fill(email);
  await form.getByLabel("Organisation").fill("Community Media Network");
  await form.getByLabel("Role").selectOption({ label: "Commenter" });
  await form.getByLabel("Stakeholder group").selectOption({ label: "Civil society" });
  await form.getByRole("button", { name: "Create invitation link" }).click();
  const link = await page.getByTestId("invitation-url").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);
  await expect(page.getByTestId("invitation-row").filter({ hasText: email })).toBeVisible();

  // The invitee, in a browser of their own, with no account yet.
  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  await invitee.goto(link);
  const card = invitee.getByTestId("invitation");
  await expect(card).toContainText(title);
  await expect(card.getByTestId("role-badge")).toHaveText("Commenter");
  await expect(card.getByTestId("group-badge")).toHaveText("Civil society");
  await card.getByRole("link", { name: "Create account" }).click();

  await expect(invitee.getByLabel("Email address")).toHaveValue(email);
  await expect(invitee.getByLabel("Email address")).toHaveAttribute("readonly", "");
  await invitee.getByLabel("Full name").fill("Nadia Benali");
  await invitee.getByLabel("Password").fill("a long enough passphrase");
  await invitee.getByRole("button", { name: "Create account" }).click();

  await expect(invitee).toHaveURL(new URL(link).pathname);
  await invitee.getByRole("button", { name: "Accept and join" }).click();
  await expect(invitee.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const mine = invitee.getByTestId("my-membership");
  await expect(mine.getByTestId("role-badge")).toHaveText("Commenter");
  await expect(mine.getByTestId("group-badge")).toHaveText("Civil society");
  await expect(invitee.getByTestId("workspace")).toHaveAttribute("data-ready", "true");
  await invitee.getByTestId("tab-people").click();
  const civilSociety = invitee.getByRole("region", { name: "Civil society" });
  await expect(civilSociety.getByTestId("member")).toContainText("Nadia Benali");
  await expect(invitee.getByTestId("tab-members")).toHaveCount(0);

  await invitee.goto("/");
  const entry = invitee.getByTestId("process-card").filter({ hasText: title });
  await expect(entry.getByTestId("role-badge")).toHaveText("Commenter");
  await expect(entry.getByTestId("group-badge")).toHaveText("Civil society");

  // The link is single-use.
  await invitee.goto(link);
  await expect(invitee.getByTestId("invite-status")).toHaveText("This invitation has already been used.");

  // The convenor sees the new member and the recorded history.
  await page.reload();
  await expect(page.getByTestId("member-row").filter({ hasText: email })).toContainText("Nadia Benali");
  await expect(page.getByTestId("invitation-row")).toHaveCount(0);
  await page.getByTestId("tab-activity").click();
  await expect(page.getByTestId("audit-list")).toContainText("Invitation accepted");

  await inviteeContext.close();
  await convenor.context.close();
});

test("a convenor changes a member's role and group, revokes an invitation and adds a group", async ({ browser }) => {
  const { page, context } = await signedInContext(browser, "convenor");
  await page.goto("/");
  await page.getByRole("link", { name: "National Strategy for Tech Diplomacy" }).first().click();
  await page.getByTestId("tab-members").click();

  await page.getByLabel("New group name").fill("Academia");
  await page.getByRole("button", { name: "Add group" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Group Academia added.");

  const row = page.getByTestId("member-row").filter({ hasText: "observer.ngo@example.org" });
  await row.getByLabel("Role of Omar Haddad").selectOption({ label: "Commenter" });
  await row.getByLabel("Stakeholder group of Omar Haddad").selectOption({ label: "Academia" });
  await row.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Omar Haddad was updated.");
  await page.reload();
  await expect(row.getByLabel("Role of Omar Haddad")).toHaveValue("commenter");

  const email = uniqueEmail("revoked");
  const form = page.getByTestId("invite-form");
  await form.getByLabel("Email address").fill(email);
  await form.getByLabel("Organisation").fill("Somewhere");
  await form.getByRole("button", { name: "Create invitation link" }).click();
  const link = await page.getByTestId("invitation-url").inputValue();
  await page.getByTestId("invitation-row").filter({ hasText: email }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("notice")).toHaveText(`The invitation for ${email} was revoked.`);
  await page.goto(link);
  await expect(page.getByTestId("invite-status")).toHaveText("This invitation was withdrawn by the convenor.");

  // Put the demo back as it was for the other tests.
  await page.goBack();
  await row.getByLabel("Role of Omar Haddad").selectOption({ label: "Observer" });
  await row.getByLabel("Stakeholder group of Omar Haddad").selectOption({ label: "Civil society" });
  await row.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Omar Haddad was updated.");
  await context.close();
});
