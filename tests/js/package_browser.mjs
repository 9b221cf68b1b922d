// The packed npm package, not the source tree: `npm pack`, unpack into a temporary site,
// import it from a plain page through an import map (no bundler) in headless Chromium.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { harness } from "./harness.mjs";
import { serve } from "./serve.mjs";
import { launch, openPage } from "./browser.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const { check, done } = harness("package-browser");
const site = mkdtempSync(join(tmpdir(), "ah-pack-"));
const tgz = execFileSync("npm", ["pack", "--silent", "--pack-destination", site], { cwd: root }).toString().trim().split("\n").pop();
mkdirSync(join(site, "node_modules/article-highlighter"), { recursive: true });
execFileSync("tar", ["-xzf", join(site, tgz), "-C", join(site, "node_modules/article-highlighter"), "--strip-components=1"]);
writeFileSync(join(site, "index.html"), `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="importmap">{"imports":{"article-highlighter":"./node_modules/article-highlighter/pkg/article_highlighter.js",
"article-highlighter/element":"./node_modules/article-highlighter/js/element.js"}}</script>
<article id="a"><p>"We will manage this," Angela Merkel said in Berlin on Monday.</p></article>
<article id="b"><p>Emmanuel Macron spoke in Paris on Tuesday.</p></article>
<article-highlighter id="w" for="b" mode="css" labels="person place" palette="person: #ffd8a8"></article-highlighter>
<script type="module">
import init, { annotate, highlight } from "article-highlighter";
await init();
window.result = annotate(document.getElementById("a").textContent);
window.handle = highlight(document.getElementById("a"), { mode: "wrap" });
await import("article-highlighter/element");
window.widget = await document.getElementById("w").refresh();
document.body.dataset.ready = "1";
</script>`);
const server = await serve(site);
const browser = await launch();
try {
  const errors = [];
  const page = await openPage(browser.ctx, `${server.url}index.html`, errors);
  await page.waitForSelector("body[data-ready='1']", { timeout: 20000 });
  const r = await page.evaluate(() => ({
    people: window.result.entities.filter((e) => e.label === "person").map((e) => e.text),
    speaker: window.result.quotes[0]?.speakerName,
    marks: [...document.querySelectorAll("mark")].map((m) => m.textContent),
    widget: window.widget.annotation.entities.map((e) => `${e.label}:${e.text}`),
    widgetPanel: [...document.getElementById("w").shadowRoot.querySelectorAll("button[data-entity]")].map((b) => b.textContent),
  }));
  check(r.widget.includes("person:Emmanuel Macron") && r.widget.includes("place:Paris") && !r.widget.some((e) => e.startsWith("date:")),
    "the packed <article-highlighter> (subpath ./element) highlights with its labels attribute", r.widget);
  check(r.widgetPanel.includes("Emmanuel Macron"), "the packed element builds its panel", r.widgetPanel);
  check(r.people.includes("Angela Merkel"), "the packed module annotates", r);
  check(r.speaker === "Angela Merkel", "the packed module finds the speaker", r);
  check(r.marks.includes("Berlin"), "the packed module highlights", r.marks);
  check(errors.length === 0, "no console or page errors", errors);
} finally {
  await browser.close();
  server.stop();
  rmSync(site, { recursive: true, force: true });
}
done();
