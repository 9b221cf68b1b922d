// Benchmark: painting and clearing the same spans as mark.js, on the same real pages, side by
// side in one headless Chromium run. Not a test; run it on a quiet machine:
//
//   scripts/build && node benches/markjs.mjs            # all pages of the news-pages corpus
//   SITES=lwn-1,nytimes-4 REPS=20 node benches/markjs.mjs
//
// Per page: our highlight() finds the article root and its entity mentions (quotes: false, so
// the spans never overlap, which mark.js cannot mark); the same spans are converted to offsets
// into mark.js's own text (all text nodes of the root joined, no separators) and given to
// `new Mark(root).markRanges(ranges)`. Timed, median of REPS runs each:
//   ours wrap: the paint step of highlight({mode:"wrap"}) (handle.timings.paint) and clear();
//   ours css:  the paint step of highlight({mode:"css"}) and clear();
//   mark.js:   markRanges() and unmark().
// Our reading of the text and the annotation itself are reported apart (they are work mark.js
// does not do). Writes BENCHMARKS-dom.md.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus, totalmem, release } from "node:os";
import { join } from "node:path";
import { launch } from "../tests/js/browser.mjs";
import { root, sites, serveSite, openNewsPage } from "../tests/js/pages_site.mjs";

const REPS = Number(process.env.REPS ?? 9);
const list = sites().filter((s) => !process.env.SITES || process.env.SITES.split(",").includes(s));
if (!list.length) { console.log("markjs bench: no news pages found; nothing to do"); process.exit(0); }

async function measure(reps) {
  const { highlight } = await import("/pkg/article_highlighter.js");
  const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
  const now = () => performance.now();
  const probe = highlight(null, { mode: "css", quotes: false });
  const rootEl = probe.root;
  // mark.js's text: every text node under the root except script/style/title/head/html.
  const starts = new Map();
  let pos = 0;
  const it = document.createNodeIterator(rootEl, NodeFilter.SHOW_TEXT);
  for (let n; (n = it.nextNode());) {
    if (n.parentElement?.closest("script,style,title,head")) continue;
    starts.set(n, pos);
    pos += n.data.length;
  }
  const ranges = [];
  let last = -1;
  for (const s of probe.spans()) {
    const a = starts.get(s.range.startContainer), b = starts.get(s.range.endContainer);
    if (a === undefined || b === undefined) continue;
    const start = a + s.range.startOffset, end = b + s.range.endOffset;
    if (start < last) continue; // overlapping: mark.js cannot mark it
    ranges.push({ start, length: end - start });
    last = end;
  }
  probe.clear();
  const before = rootEl.innerHTML;
  const out = { spans: ranges.length, root: rootEl.tagName.toLowerCase(), textNodes: starts.size };
  for (const mode of ["wrap", "css"]) {
    const paint = [], clear = [], model = [], annotate = [];
    let marks = 0;
    for (let i = 0; i < reps; i++) {
      const h = highlight(rootEl, { mode, quotes: false });
      const t = h.timings;
      paint.push(t.paint); model.push(t.textModel); annotate.push(t.annotate);
      if (mode === "wrap") marks = rootEl.querySelectorAll("mark").length;
      const t0 = now(); h.clear(); clear.push(now() - t0);
    }
    out[mode] = { paint: median(paint), clear: median(clear), model: median(model), annotate: median(annotate), marks };
    out[mode].restored = rootEl.innerHTML === before;
  }
  const mark = [], unmark = [];
  let marks = 0, ok = true;
  for (let i = 0; i < reps; i++) {
    const m = new window.Mark(rootEl);
    let t0 = now();
    m.markRanges(ranges, { acrossElements: true });
    mark.push(now() - t0);
    marks = rootEl.querySelectorAll("mark[data-markjs]").length;
    t0 = now();
    m.unmark();
    unmark.push(now() - t0);
    ok = ok && rootEl.innerHTML === before;
  }
  out.markjs = { mark: median(mark), unmark: median(unmark), marks, restored: ok };
  return out;
}

const server = await serveSite();
const browser = await launch();
const rows = [];
try {
  for (const site of list) {
    const errors = [];
    const page = await openNewsPage(browser.ctx, `${server.url}pages/${site}/source.html`, errors);
    await page.addScriptTag({ url: "/node_modules/mark.js/dist/mark.min.js" });
    await page.evaluate(async () => { const m = await import("/pkg/article_highlighter.js"); await m.default(); });
    const r = await page.evaluate(measure, REPS);
    await page.close();
    rows.push({ site, ...r });
    const ours = r.wrap.paint + r.wrap.clear, theirs = r.markjs.mark + r.markjs.unmark;
    console.log(`${site.padEnd(20)} ${String(r.spans).padStart(4)} spans  mark.js ${theirs.toFixed(2)} ms  ours wrap ${ours.toFixed(2)} ms (${(theirs / ours).toFixed(1)}x)  css ${(r.css.paint + r.css.clear).toFixed(2)} ms`);
  }
} finally {
  await browser.close();
  server.stop();
}

const f = (x) => x.toFixed(2);
const sum = (k) => rows.reduce((s, r) => s + k(r), 0);
const chromiumVersion = (() => { try { return execFileSync(process.env.CHROMIUM ?? "/usr/bin/chromium", ["--version"], { stdio: ["ignore", "pipe", "ignore"] }).toString().trim(); } catch { return "unknown"; } })();
const table = [
  "| page | spans | text nodes | mark.js mark | mark.js unmark | ours wrap paint | ours wrap clear | wrap speed-up | ours css paint | ours css clear | css speed-up | our text model + annotate | mark.js restores innerHTML | ours restores |",
  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
  ...rows.map((r) => `| ${r.site} | ${r.spans} | ${r.textNodes} | ${f(r.markjs.mark)} | ${f(r.markjs.unmark)} | ${f(r.wrap.paint)} | ${f(r.wrap.clear)} | ${((r.markjs.mark + r.markjs.unmark) / (r.wrap.paint + r.wrap.clear)).toFixed(1)}× | ${f(r.css.paint)} | ${f(r.css.clear)} | ${((r.markjs.mark + r.markjs.unmark) / Math.max(0.01, r.css.paint + r.css.clear)).toFixed(1)}× | ${f(r.wrap.model)} + ${f(r.wrap.annotate)} | ${r.markjs.restored ? "yes" : "no"} | ${r.wrap.restored && r.css.restored ? "yes" : "no"} |`),
  `| **all ${rows.length} pages** | ${sum((r) => r.spans)} | ${sum((r) => r.textNodes)} | ${f(sum((r) => r.markjs.mark))} | ${f(sum((r) => r.markjs.unmark))} | ${f(sum((r) => r.wrap.paint))} | ${f(sum((r) => r.wrap.clear))} | **${(sum((r) => r.markjs.mark + r.markjs.unmark) / sum((r) => r.wrap.paint + r.wrap.clear)).toFixed(1)}×** | ${f(sum((r) => r.css.paint))} | ${f(sum((r) => r.css.clear))} | **${(sum((r) => r.markjs.mark + r.markjs.unmark) / Math.max(0.01, sum((r) => r.css.paint + r.css.clear))).toFixed(1)}×** | ${f(sum((r) => r.wrap.model))} + ${f(sum((r) => r.wrap.annotate))} | | |`,
];
const md = `# DOM painting benchmark: article-highlighter vs mark.js

Marking and clearing **the same spans** (the entity mentions our annotator finds in each page's
article root; quotations left out so no two spans overlap) on the real pages of
\`../shared/corpora/news-pages\`, in one headless Chromium run. mark.js ${"8.11.1"} gets them as
\`markRanges([{start, length}], { acrossElements: true })\` in its own offsets (every text node
of the root joined); we paint with \`highlight(root, { mode, quotes: false })\`.
Times in milliseconds, median of ${REPS} runs per page; speed-up = (mark.js mark + unmark) /
(our paint + clear). "Our text model + annotate" is the work before painting (reading the
text, the NLP itself), which mark.js does not do and which is not in the speed-up.

- Date: ${new Date().toISOString()}
- Machine: ${cpus()[0]?.model ?? "unknown CPU"} (${cpus().length} logical cores, shared with other jobs), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Linux ${release()}
- Browser: ${chromiumVersion}, headless, via playwright-core; release wasm build (\`scripts/build\`)
- Command: \`scripts/build && node benches/markjs.mjs\` (env: \`SITES=a,b\`, \`REPS=n\`)
- Timer: \`performance.now()\`, which Chromium coarsens to 0.1 ms without cross-origin isolation, so
  sub-millisecond figures are approximate.

${table.join("\n")}
`;
writeFileSync(join(root, "BENCHMARKS-dom.md"), md);
console.log("wrote BENCHMARKS-dom.md");
