import { defineConfig } from "@playwright/test";
import { E2E_DATA_DIR } from "./e2e/support/env";

const port = Number(process.env.E2E_PORT || 3210);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "e2e",
  testMatch: /.*\.spec\.ts$/,
  // One server, one database: tests run one at a time so their data never collides.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    // A fresh build and a fresh instance (empty data dir → demo seeded) for every run.
    command: `rm -rf "${E2E_DATA_DIR}" && ./node_modules/.bin/next build && ./node_modules/.bin/tsx scripts/start.ts`,
    url: `${baseURL}/signin`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      ACCORD_DATA_DIR: E2E_DATA_DIR,
      ACCORD_DEMO: "1",
      DATABASE_URL: "",
      NEXTAUTH_URL: baseURL,
      NEXTAUTH_SECRET: "",
    },
  },
});
