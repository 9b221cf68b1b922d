// Launches Debian's Chromium through playwright-core with the flags this closed network needs.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export async function launch(extraArgs = []) {
  const userDataDir = mkdtempSync(join(tmpdir(), "ah-chromium-"));
  const ctx = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-dev-shm-usage",
      "--disable-background-networking", "--disable-component-update", "--disable-sync", ...extraArgs],
  });
  return { ctx, close: async () => { await ctx.close(); rmSync(userDataDir, { recursive: true, force: true }); } };
}

// Opens a page that records page errors and console errors into `errors`.
export async function openPage(ctx, url, errors) {
  const page = await ctx.newPage();
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") errors.push(`console: ${m.text()}`); });
  await page.goto(url);
  return page;
}
