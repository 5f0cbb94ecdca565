import { expect, test } from "@playwright/test";
import { openDemoProcess, signedInContext } from "./support/app";

test.describe("bad input gets a clear 4xx with {error:{code,message}}", () => {
  test("signed out", async ({ request, baseURL }) => {
    const origin = { origin: baseURL ?? "" };
    const cases = [
      { res: await request.post("/api/signup", { headers: { ...origin, "content-type": "application/json" }, data: "{not json" }), status: 400, code: "invalid_input" },
      { res: await request.post("/api/signup", { headers: origin, data: { name: "X", email: "nope", password: "short" } }), status: 400, code: "invalid_input" },
      { res: await request.post("/api/signup", { headers: origin, data: { name: "x".repeat(70_000) } }), status: 413, code: "payload_too_large" },
      { res: await request.post("/api/signup", { headers: { origin: "https://evil.example" }, data: { name: "X", email: "x@example.org", password: "long enough password" } }), status: 403, code: "bad_origin" },
      { res: await request.post("/api/processes", { headers: origin, data: {} }), status: 401, code: "unauthenticated" },
      { res: await request.post("/api/invitations/accept", { headers: origin, data: { token: "x".repeat(43) } }), status: 401, code: "unauthenticated" },
      { res: await request.get("/api/no-such-endpoint"), status: 404, code: "not_found" },
      { res: await request.post("/api/locale", { headers: origin, data: { locale: "xx" } }), status: 400, code: "invalid_input" },
    ];
    for (const { res, status, code } of cases) {
      expect(res.status(), `${res.url()} → ${status}`).toBe(status);
      const body = await res.json();
      expect(body.error.code).toBe(code);
      expect(typeof body.error.message).toBe("string");
      expect(JSON.stringify(body)).not.toMatch(/at .+\.(ts|js):\d+/);
    }
  });

  test("signed in as convenor", async ({ browser, baseURL }) => {
    const { page, context } = await signedInContext(browser, "convenor");
    const processId = await openDemoProcess(page);
    const headers = { origin: baseURL ?? "" };
    const api = context.request;
    const cases = [
      { res: await api.post(`/api/processes/${processId}/invitations`, { headers, data: { email: "a@example.org", role: "admin", groupId: "g", organisation: "O" } }), status: 400, code: "invalid_input" },
      { res: await api.post(`/api/processes/${processId}/invitations`, { headers, data: { email: "a@example.org", role: "editor", groupId: "not-a-group-here", organisation: "O" } }), status: 400, code: "invalid_input" },
      { res: await api.post(`/api/processes/${processId}/invitations`, { headers, data: { email: "convenor@example.org", role: "editor", groupId: "x", organisation: "O" } }), status: 400, code: "invalid_input" },
      { res: await api.patch(`/api/processes/${processId}/members/no-such-member`, { headers, data: { role: "editor" } }), status: 404, code: "not_found" },
      { res: await api.patch(`/api/processes/${processId}/members/x`, { headers, data: {} }), status: 400, code: "invalid_input" },
      { res: await api.delete(`/api/processes/${processId}/invitations/nope`, { headers }), status: 404, code: "not_found" },
      { res: await api.post(`/api/processes/does-not-exist/groups`, { headers, data: { name: "Academia two" } }), status: 404, code: "not_found" },
      { res: await api.post(`/api/processes/${processId}/groups`, { headers, data: { name: "Government" } }), status: 409, code: "conflict" },
      { res: await api.post("/api/processes", { headers, data: { title: "x", language: "tlh" } }), status: 400, code: "invalid_input" },
      { res: await api.post(`/api/processes/${processId}/threads`, { headers, data: { clauseId: "nope", anchorStart: "{}", anchorEnd: "{}", quote: "q", body: "b" } }), status: 400, code: "invalid_input" },
      { res: await api.post(`/api/processes/${processId}/threads`, { headers, data: { clauseId: "s1-c1", anchorStart: "{}", anchorEnd: "{}", quote: "q", body: "b", groupId: "x" } }), status: 400, code: "invalid_input" },
      { res: await api.post(`/api/processes/${processId}/threads`, { headers, data: { clauseId: "s1-c1", anchorStart: JSON.stringify({ item: { client: 1, clock: 99999 }, assoc: 0 }), anchorEnd: JSON.stringify({ item: { client: 1, clock: 99999 }, assoc: 0 }), quote: "q", body: "b" } }), status: 400, code: "invalid_input" },
      { res: await api.patch(`/api/processes/${processId}/comments/nope`, { headers, data: { body: "x" } }), status: 404, code: "not_found" },
      { res: await api.get(`/api/processes/${processId}/comments/export?format=pdf`), status: 400, code: "invalid_input" },
    ];
    for (const { res, status, code } of cases) {
      expect(res.status(), `${res.url()} → ${status}`).toBe(status);
      expect((await res.json()).error.code).toBe(code);
    }
    await context.close();
  });
});
