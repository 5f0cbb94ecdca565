import { expect, test } from "@playwright/test";
import { openDemoProcess, signedInContext, uniqueEmail } from "./support/app";

test("an observer can read the process but cannot reach member management, in the UI or by direct requests", async ({ browser, baseURL }) => {
  const observer = await signedInContext(browser, "observer");
  const page = observer.page;
  const processId = await openDemoProcess(page);
  await expect(page.getByTestId("my-membership").getByTestId("role-badge")).toHaveText("Observer");
  await expect(page.getByTestId("tab-members")).toHaveCount(0);
  await expect(page.getByTestId("tab-activity")).toHaveCount(0);

  const response = await page.goto(`/processes/${processId}/members`);
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toBeVisible();
  await expect(page.getByTestId("invite-form")).toHaveCount(0);
  expect((await page.goto(`/processes/${processId}/activity`))?.status()).toBe(403);
  expect((await page.goto("/processes/new"))?.status()).toBe(403);

  // Direct requests with the observer's own session cookie, same origin.
  const api = observer.context.request;
  const headers = { origin: baseURL ?? "" };
  const email = uniqueEmail("smuggled");
  const invite = await api.post(`/api/processes/${processId}/invitations`, {
    headers,
    data: { email, role: "convenor", groupId: "anything", organisation: "X" },
  });
  expect(invite.status()).toBe(403);
  expect((await invite.json()).error.code).toBe("forbidden");

  const addGroup = await api.post(`/api/processes/${processId}/groups`, { headers, data: { name: "Observers united" } });
  expect(addGroup.status()).toBe(403);
  const patch = await api.patch(`/api/processes/${processId}/members/whatever`, { headers, data: { role: "convenor" } });
  expect(patch.status()).toBe(403);
  const create = await api.post("/api/processes", {
    headers,
    data: { title: "Rogue", language: "en", convenorEmail: "observer.ngo@example.org", convenorGroupKey: "government", convenorOrganisation: "X" },
  });
  expect(create.status()).toBe(403);
  expect((await create.json()).error.code).toBe("forbidden");
  const comment = await api.post(`/api/processes/${processId}/threads`, {
    headers,
    data: { clauseId: "s1-c1", anchorStart: "{}", anchorEnd: "{}", quote: "q", body: "An observer's comment" },
  });
  expect(comment.status()).toBe(403);

  // Nothing was stored: the convenor sees no such invitation and no such group.
  const convenor = await signedInContext(browser, "convenor");
  await convenor.page.goto(`/processes/${processId}/members`);
  await expect(convenor.page.getByTestId("members-table")).toBeVisible();
  await expect(convenor.page.getByText(email)).toHaveCount(0);
  await expect(convenor.page.getByText("Observers united")).toHaveCount(0);
  await convenor.context.close();
  await observer.context.close();
});

test("editors and commenters cannot manage members either", async ({ browser, baseURL }) => {
  for (const who of ["editorIndustry", "commenterNgo"] as const) {
    const { page, context } = await signedInContext(browser, who);
    const processId = await openDemoProcess(page);
    await expect(page.getByTestId("tab-members")).toHaveCount(0);
    expect((await page.goto(`/processes/${processId}/members`))?.status()).toBe(403);
    const res = await context.request.post(`/api/processes/${processId}/groups`, {
      headers: { origin: baseURL ?? "" },
      data: { name: `Group by ${who}` },
    });
    expect(res.status()).toBe(403);
    await context.close();
  }
});
