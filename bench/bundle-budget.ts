// Benchmark: JavaScript each route makes the browser load, from the production build,
// measured in Chromium (what the page really requests) and compressed here with
// gzip and brotli at their default levels.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { DEMO_PASSWORD } from "../lib/server/demo/demo-members";
import { freePort, ROOT, startApp } from "./support";

export interface RouteBundle {
  route: string;
  scripts: number;
  rawKiB: number;
  gzipKiB: number;
  brotliKiB: number;
  budgetGzipKiB: number;
}

const kib = (n: number) => Math.round((n / 1024) * 10) / 10;

export async function runBundleBench(): Promise<RouteBundle[]> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "accord-bench-bundle-"));
  const app = await startApp(dataDir, await freePort());
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const measure = async (route: string, url: string, budget: number): Promise<RouteBundle> => {
      const scripts = new Set<string>();
      const onResponse = (response: { url: () => string }) => {
        const u = new URL(response.url());
        if (u.pathname.startsWith("/_next/static/") && u.pathname.endsWith(".js")) scripts.add(u.pathname);
      };
      page.on("response", onResponse);
      await page.goto(url, { waitUntil: "networkidle" });
      page.off("response", onResponse);
      let raw = 0;
      let gz = 0;
      let br = 0;
      for (const script of scripts) {
        const file = readFileSync(path.join(ROOT, ".next", "static", script.slice("/_next/static/".length)));
        raw += file.length;
        gz += gzipSync(file).length;
        br += brotliCompressSync(file).length;
      }
      if (process.env.BUNDLE_LIST) console.log(route, [...scripts].map((s) => `${s} ${kib(gzipSync(readFileSync(path.join(ROOT, ".next", "static", s.slice("/_next/static/".length)))).length)}`).join("\n"));
      return { route, scripts: scripts.size, rawKiB: kib(raw), gzipKiB: kib(gz), brotliKiB: kib(br), budgetGzipKiB: budget };
    };
    const out: RouteBundle[] = [];
    out.push(await measure("/signin", `${app.url}/signin`, 180));
    out.push(await measure("/verify", `${app.url}/verify`, 180));
    await page.goto(`${app.url}/signin`);
    await page.getByLabel("Email address").fill("convenor@example.org");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${app.url}/`);
    const href = (await page.getByRole("link", { name: "National Strategy for Tech Diplomacy" }).first().getAttribute("href"))!;
    // Each measured from a fresh page load, so shared chunks are counted for every route.
    out.push(await measure("/ (dashboard)", `${app.url}/`, 180));
    out.push(await measure("/processes/[id] (editor)", `${app.url}${href}`, 320));
    out.push(await measure("/processes/[id]/consensus", `${app.url}${href}/consensus`, 180));
    out.push(await measure("/processes/[id]/members", `${app.url}${href}/members`, 180));
    return out;
  } finally {
    await browser.close();
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
