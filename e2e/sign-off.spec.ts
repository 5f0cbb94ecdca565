import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { openDemoProcess, signedInContext } from "./support/app";
import { caretAtEndOf, editorText, liveEditor } from "./support/editor";
import { E2E_DATA_DIR } from "./support/env";

const run = promisify(execFile);

async function takePosition(page: Page, clause: string, stance: string, rationale = "") {
  await caretAtEndOf(page, clause);
  await page.getByTestId("tab-position").click();
  const panel = page.getByTestId("position-panel");
  await expect(panel.getByRole("heading", { name: `Clause ${clause}` })).toBeVisible();
  await panel.getByRole("radio", { name: stance, exact: true }).check();
  if (rationale) await panel.getByLabel("Rationale").fill(rationale);
  await panel.getByTestId("take-position").click();
  await expect(panel.getByRole("status")).toHaveText("Position recorded.");
}

async function verifyCli(file: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(path.resolve("node_modules/.bin/tsx"), ["scripts/verify.ts", file], {
      env: { ...process.env, DATABASE_URL: `file:${path.join(E2E_DATA_DIR, "accord.db")}` },
    });
    return { code: 0, output: stdout };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, output: e.stderr };
  }
}

test("consensus on clause 1.1, staleness, a block and its disposition, sign-off, verification and a frozen text", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const gov = await signedInContext(browser, "editorGov");
  const industry = await signedInContext(browser, "editorIndustry");
  const ngo = await signedInContext(browser, "commenterNgo");
  const convenor = await signedInContext(browser, "convenor");
  const processId = await openDemoProcess(gov.page);
  for (const s of [gov, industry, ngo]) {
    if (s !== gov) await openDemoProcess(s.page);
    await liveEditor(s.page);
  }
  const dashboard = convenor.page;
  await dashboard.goto(`/processes/${processId}/consensus`);
  const row = (n: string) => dashboard.getByTestId("matrix-row").and(dashboard.locator(`[data-clause="${n}"]`));

  // Three members of three groups agree: consensus.
  await takePosition(gov.page, "1.1", "Agree");
  await takePosition(industry.page, "1.1", "Agree");
  await takePosition(ngo.page, "1.1", "Agree");
  await expect(row("1.1")).toHaveAttribute("data-status", "consensus");

  // An editor changes the text: the positions go stale, the status falls back.
  await caretAtEndOf(gov.page, "1.1");
  await gov.page.keyboard.type(" Amended after consultation.");
  await expect(row("1.1")).toHaveAttribute("data-status", "awaiting_input");
  await expect(row("1.1")).toContainText("3 stale positions");
  // Positions bind to the wording the server has derived: wait until it holds the whole amendment,
  // or a position taken now would go stale again when the last keystrokes arrive.
  await expect(row("1.1").locator("th")).toHaveAttribute("title", /Amended after consultation\.$/);
  await caretAtEndOf(ngo.page, "1.1");
  await ngo.page.getByTestId("tab-position").click();
  await expect(ngo.page.getByTestId("stale-mine")).toContainText("reconfirm");

  // Civil society blocks; only the convenor's disposition lifts the block.
  await takePosition(gov.page, "1.1", "Agree");
  await takePosition(industry.page, "1.1", "Agree");
  await takePosition(ngo.page, "1.1", "Block", "The amendment removes parliamentary oversight.");
  await expect(row("1.1")).toHaveAttribute("data-status", "blocked");
  await row("1.1").getByRole("button").nth(2).click();
  const detail = dashboard.getByTestId("cell-detail");
  await expect(detail).toContainText("The amendment removes parliamentary oversight.");
  await detail.getByLabel("Record disposition").selectOption("not_accommodated");
  await detail.getByPlaceholder("What was changed, or why it could not be accommodated").fill("Oversight is covered by clause 2.2.");
  await detail.getByTestId("record-disposition").click();
  await expect(row("1.1")).toHaveAttribute("data-status", "contested");

  // Sign-off with a justification for every clause not at consensus.
  const form = dashboard.getByTestId("sign-off-form");
  for (const box of await form.locator("textarea").all()) await box.fill("Approved by the Minister after the final consultation round.");
  dashboard.once("dialog", (dialog) => void dialog.accept());
  await form.getByTestId("sign-off").click();
  await expect(dashboard.getByTestId("signed-off")).toContainText("Signed off on");
  const hash = (await dashboard.getByTestId("record-hash").textContent())!.trim();
  expect(hash).toMatch(/^[0-9a-f]{64}$/);

  // The bundle verifies; one changed byte does not.
  const bundle = await (await convenor.context.request.get(`/api/processes/${processId}/record?format=json`)).text();
  const dir = mkdtempSync(path.join(os.tmpdir(), "accord-record-"));
  writeFileSync(path.join(dir, "good.json"), bundle);
  const good = await verifyCli(path.join(dir, "good.json"));
  expect(good.code).toBe(0);
  expect(good.output).toContain(`valid: ${hash}`);
  const index = bundle.indexOf("Amended after consultation.");
  const bad = bundle.slice(0, index) + "a" + bundle.slice(index + 1);
  writeFileSync(path.join(dir, "bad.json"), bad);
  const refused = await verifyCli(path.join(dir, "bad.json"));
  expect(refused.code).toBe(1);
  expect(refused.output).toMatch(/differs from the signed record/);
  await dashboard.goto("/verify");
  await dashboard.getByTestId("verify-input").fill(bad);
  await dashboard.getByRole("button", { name: "Verify" }).click();
  await expect(dashboard.getByTestId("verify-result")).toHaveAttribute("data-valid", "false");
  await dashboard.getByTestId("verify-input").fill(bundle);
  await dashboard.getByRole("button", { name: "Verify" }).click();
  await expect(dashboard.getByTestId("verify-result")).toContainText(hash);

  // After sign-off the collaboration server refuses a raw update; the text is unchanged.
  const { token } = (await (await gov.context.request.get(`/api/processes/${processId}/collab-session`)).json()) as { token: string };
  const ws = new WebSocket(`${baseURL!.replace(/^http/, "ws")}/collab/${processId}?token=${token}`);
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText("INJECTED AFTER SIGN-OFF")]);
  doc.getXmlFragment("default").insert(0, [paragraph]);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc));
  ws.send(encoding.toUint8Array(encoder));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  ws.close();
  await gov.page.goto(`/processes/${processId}`);
  await liveEditor(gov.page);
  await expect(gov.page.getByTestId("editor")).toHaveAttribute("contenteditable", "false");
  expect(await editorText(gov.page)).not.toContain("INJECTED");
  expect(await editorText(gov.page)).toContain("Amended after consultation.");
  for (const s of [gov, industry, ngo, convenor]) await s.context.close();
});
