// Tests of the PACKED npm package, not the source tree: `npm pack`, install the tarball into
// a temporary project, then (a) a Node ESM script annotates the seed article, (b) a Vite
// build of a page that imports it runs in headless Chromium, (c) a plain static page with an
// import map runs in headless Chromium, (d) a TypeScript file using the API type-checks
// with `tsc --strict`.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync, mkdirSync, copyFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { harness } from "./harness.mjs";
import { serve } from "./serve.mjs";
import { launch, openPage } from "./browser.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const { check, done } = harness("package");
const project = mkdtempSync(join(tmpdir(), "ah-pack-"));
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { cwd: project, stdio: ["ignore", "pipe", "pipe"], ...opts }).toString();

const tgz = run("npm", ["pack", "--silent", "--pack-destination", project], { cwd: root }).trim().split("\n").pop();
writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
run("npm", ["install", "--no-audit", "--no-fund", "--offline", join(project, tgz)]);
// Dev tools come from the project's own node_modules (no second download).
mkdirSync(join(project, "tools"));
for (const tool of ["vite", "tsc"]) symlinkSync(join(root, "node_modules", ".bin", tool), join(project, "tools", tool));
copyFileSync(join(root, "www", "seed-article.txt"), join(project, "seed-article.txt"));

const browser = await launch();
try {
  // (a) Node ESM: import and annotate, no init() call.
  writeFileSync(join(project, "node-check.mjs"), `
import { readFileSync } from "node:fs";
import { annotate } from "article-highlighter";
const a = annotate(readFileSync("seed-article.txt", "utf8"));
console.log(JSON.stringify({ people: a.entities.filter((e) => e.label === "person").map((e) => e.text),
  speakers: a.quotes.map((q) => q.speakerName) }));
`);
  try {
    const out = JSON.parse(run("node", ["node-check.mjs"]));
    check(out.people.includes("Jay Carney") && out.speakers.includes("Jay Carney"), "(a) Node ESM import annotates the seed article", out);
  } catch (e) { check(false, "(a) Node ESM import", e.stderr?.toString() ?? e.message); }

  // (c) plain static page with an import map.
  writeFileSync(join(project, "importmap.html"), `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
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
// An attribute changed after a highlight, while the panel's lists are still to be built,
// highlights again with it.
const w = document.getElementById("w");
window.again = await new Promise((done) => {
  let n = 0;
  w.addEventListener("ah-highlight", (ev) => {
    n += 1;
    if (n === 1) setTimeout(() => w.setAttribute("labels", "place"), 0);
    else done(ev.detail.annotation.entities.map((e) => e.label));
  });
  w.refresh();
});
await w.settled();
window.againPanel = [...w.shadowRoot.querySelectorAll("button[data-entity]")].map((b) => b.textContent);
w.setAttribute("labels", "person place");
await w.settled();
document.body.dataset.ready = "1";
</script>`);

  // (b) a Vite build of a page that imports the package.
  mkdirSync(join(project, "vite-app"));
  writeFileSync(join(project, "vite-app", "index.html"), `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<article id="a"><p>"We will manage this," Angela Merkel said in Berlin on Monday.</p></article>
<script type="module" src="./main.js"></script>`);
  writeFileSync(join(project, "vite-app", "main.js"), `import init, { annotate, highlight } from "article-highlighter";
await init();
window.result = annotate(document.getElementById("a").textContent);
window.handle = highlight(document.getElementById("a"), { mode: "wrap" });
document.body.dataset.ready = "1";
`);
  try {
    run(join(project, "tools", "vite"), ["build", "vite-app", "--base", "./", "--outDir", "../vite-dist", "--emptyOutDir", "--logLevel", "error"]);
    check(true, "(b) vite build");
  } catch (e) { check(false, "(b) vite build", e.stderr?.toString() ?? e.message); }

  const server = await serve(project);
  try {
    for (const [what, path] of [["(c) import-map page", "importmap.html"], ["(b) Vite-built page", "vite-dist/index.html"]]) {
      const errors = [];
      const page = await openPage(browser.ctx, `${server.url}${path}`, errors);
      try {
        await page.waitForSelector("body[data-ready='1']", { timeout: 20000 });
        const r = await page.evaluate(() => ({
          people: window.result.entities.filter((e) => e.label === "person").map((e) => e.text),
          speaker: window.result.quotes[0]?.speakerName,
          marks: [...document.querySelectorAll("mark")].map((m) => m.textContent),
        }));
        check(r.people.includes("Angela Merkel") && r.speaker === "Angela Merkel", `${what}: annotates`, r);
        check(r.marks.includes("Berlin"), `${what}: highlights`, r.marks);
        if (path === "importmap.html") {
          const w = await page.evaluate(() => ({
            entities: window.widget.annotation.entities.map((e) => `${e.label}:${e.text}`),
            panel: [...document.getElementById("w").shadowRoot.querySelectorAll("button[data-entity]")].map((b) => b.textContent),
          }));
          check(w.entities.includes("person:Emmanuel Macron") && w.entities.includes("place:Paris") && !w.entities.some((e) => e.startsWith("date:")),
            "the packed <article-highlighter> (subpath ./element) highlights with its labels attribute", w.entities);
          check(w.panel.includes("Emmanuel Macron"), "the packed element builds its panel", w.panel);
          const again = await page.evaluate(() => ({ labels: window.again, panel: window.againPanel }));
          check(again.labels.length > 0 && again.labels.every((l) => l === "place") && again.panel.includes("Paris") && !again.panel.includes("Emmanuel Macron"),
            "an attribute changed while the panel is being built highlights again with it", again);
        }
      } catch (e) { check(false, `${what}: loads`, e.message); }
      check(errors.length === 0, `${what}: no console or page errors`, errors);
      await page.close();
    }
  } finally { server.stop(); }

  // (d) TypeScript, strict, against the package's own types.
  writeFileSync(join(project, "use.ts"), `import init, { annotate, highlight, type Annotation, type EntityMention, type Quotation, type Label } from "article-highlighter";
export async function main(root: Element): Promise<string[]> {
  await init();
  const a: Annotation = annotate("Jay Carney said so.", { labels: ["person"], quotes: true });
  const people: EntityMention[] = a.entities.filter((e) => e.label === "person");
  const who: (string | null)[] = a.quotes.map((q: Quotation) => q.speakerName);
  const label: Label = people[0]?.label ?? "misc";
  const plain: Annotation = annotate("Jay Carney said so.");   // options are optional
  const auto = highlight();                                       // so is the root
  auto.clear();
  void plain;
  const h = highlight(root, { mode: "css" });
  const ranges: Range[] = h.mentionRanges(0);
  h.clear();
  return [label, ...who.filter((w): w is string => w !== null), String(ranges.length)];
}
`);
  writeFileSync(join(project, "tsconfig.json"), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: "ES2022", module: "ESNext", moduleResolution: "Bundler", lib: ["ESNext", "DOM"], skipLibCheck: false },
    files: ["use.ts"],
  }));
  try {
    run(join(project, "tools", "tsc"), ["-p", "tsconfig.json"]);
    check(true, "(d) tsc --strict type-checks a file using the API");
  } catch (e) { check(false, "(d) tsc --strict", (e.stdout?.toString() ?? "") + (e.stderr?.toString() ?? e.message)); }
} finally {
  await browser.close();
  rmSync(project, { recursive: true, force: true });
}
done();
