// Serves the real news pages (../shared/corpora/news-pages/<site>/source.html) together with
// the built package from one temporary directory on 127.0.0.1, and opens them in Chromium
// the way the tests and the benchmark need: every non-localhost request is aborted (there is
// no network, and pages must load fast), and the pages' own scripts are switched off by a
// Content-Security-Policy header (script-src 'self' 'wasm-unsafe-eval') added to the page
// response, so only our module runs. That also proves the widget works under a strict CSP.
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "./serve.mjs";

export const root = fileURLToPath(new URL("../../", import.meta.url));
export const corpus = resolve(process.env.NEWS_PAGES ?? join(root, "../shared/corpora/news-pages"));

// The sites with a source.html, sorted; [] when the corpus folder is absent.
export function sites() {
  if (!existsSync(corpus)) return [];
  return readdirSync(corpus, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(corpus, d.name, "source.html")))
    .map((d) => d.name)
    .sort();
}

// A temporary site: /pages -> the corpus, /pkg -> pkg/, /js -> js/, /node_modules -> node_modules/.
export async function serveSite() {
  const dir = mkdtempSync(join(tmpdir(), "ah-pages-"));
  symlinkSync(corpus, join(dir, "pages"));
  symlinkSync(join(root, "pkg"), join(dir, "pkg"));
  symlinkSync(join(root, "js"), join(dir, "js"));
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
  const server = await serve(dir);
  return { url: server.url, stop: () => { server.stop(); rmSync(dir, { recursive: true, force: true }); } };
}

const CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; frame-src 'none'";

// Messages that come from the page itself (its blocked scripts, remote resources), not from us.
export const pageNoise = (msg) =>
  /Content Security Policy|Failed to load resource|net::ERR_|Refused to (execute|load|frame|apply|connect)|ERR_FAILED|favicon|Manifest|Not allowed to load local resource/i.test(msg);

// Opens `url` (a page of the site) with remote requests aborted and page scripts blocked.
// Console errors and page errors not matching pageNoise are pushed to `errors`.
export async function openNewsPage(ctx, url, errors) {
  const page = await ctx.newPage();
  page.on("pageerror", (e) => { if (!pageNoise(e.message)) errors.push(`pageerror: ${e.message}`); });
  page.on("console", (m) => { if (m.type() === "error" && !pageNoise(m.text())) errors.push(`console: ${m.text()}`); });
  await page.route("**/*", async (route) => {
    const req = route.request();
    const u = new URL(req.url());
    if (u.protocol === "data:" || u.protocol === "blob:") return route.continue();
    if (u.hostname !== "127.0.0.1" && u.hostname !== "localhost") return route.abort("blockedbyclient");
    if (req.isNavigationRequest()) {
      const resp = await route.fetch();
      return route.fulfill({ response: resp, headers: { ...resp.headers(), "content-security-policy": CSP } });
    }
    return route.continue();
  });
  await page.goto(url, { waitUntil: "domcontentloaded", timeout: 30000 });
  return page;
}
