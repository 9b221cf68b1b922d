// A/B of builds, one headless Chromium run: highlight({ mode: "wrap", annotation }) + clear()
// against mark.js mark() + unmark() on the texts of benches/browser.mjs, timed as that suite
// times them (all runs of one contender, then a GC), every contender twice over so that load
// from other jobs on the machine hits all alike. Compare the ratios, not the times.
//
//   cp -r pkg /tmp/pkg-before   # (on the old commit, after scripts/build)
//   scripts/build && VARIANTS=/tmp/pkg-before,pkg RUNS=15 node benches/wrap_ab.mjs
//
// VARIANTS: built pkg/ folders (default: pkg); RUNS: timed runs per pass (2 warm-up runs
// first); SIZES: which texts, by index (default 0,1,2). Each variant is its own module
// instance in the page; its restore is checked (the serialized markup byte-identical after clear()).
import { cpSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { texts } from "./texts.mjs";
import { serve } from "../tests/js/serve.mjs";
import { launch } from "../tests/js/browser.mjs";

const root = fileURLToPath(new URL("../", import.meta.url));
const variants = (process.env.VARIANTS ?? "pkg").split(",").map((v) => resolve(root, v));
const RUNS = Number(process.env.RUNS ?? 15);
const SIZES = (process.env.SIZES ?? "0,1,2").split(",").map(Number);
const site = mkdtempSync(join(tmpdir(), "ah-wrap-ab-"));
copyFileSync(join(root, "node_modules/mark.js/dist/mark.min.js"), join(site, "mark.min.js"));
variants.forEach((v, i) => cpSync(v, join(site, `v${i}`), { recursive: true }));
writeFileSync(join(site, "bench.html"), '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><div id="view"></div>');
const { texts: articles } = texts();
articles.forEach((a, i) => writeFileSync(join(site, `text-${i}.txt`), a.text));

const server = await serve(site);
const browser = await launch(["--js-flags=--expose-gc"]);
try {
  const page = await browser.ctx.newPage();
  await page.goto(`${server.url}bench.html`);
  const out = await page.evaluate(async ({ count, RUNS, SIZES }) => {
    await new Promise((ok, bad) => { const s = document.createElement("script"); s.src = "mark.min.js"; s.onload = ok; s.onerror = bad; document.head.append(s); });
    const mods = [];
    for (let i = 0; i < count; i++) { const m = await import(`./v${i}/article_highlighter.js`); await m.default(); mods.push(m); }
    const view = document.getElementById("view");
    const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
    const gc = () => window.gc?.();
    // Warm-up as in benches/browser.mjs: every contender's code reaches the optimising tier.
    const warm = await (await fetch("text-1.txt")).text();
    for (let i = 0; i < 25; i++) for (const ah of mods) {
      ah.renderText(view, warm);
      const annotation = ah.annotate(ah.textOf(view));
      ah.highlight(view, { mode: "wrap", annotation }).clear();
      const terms = [...new Set(annotation.entities.map((e) => e.text))].slice(0, 50);
      const m = new window.Mark(view);
      m.mark(terms, { separateWordSearch: false, diacritics: false });
      m.unmark();
    }
    const rows = [];
    for (const si of SIZES) {
      const text = await (await fetch(`text-${si}.txt`)).text();
      mods[0].renderText(view, text);
      const annotation = mods[0].annotate(mods[0].textOf(view));
      const terms = [...new Set(annotation.entities.map((e) => e.text))].slice(0, 50);
      const markup = (el) => new XMLSerializer().serializeToString(el);
      const before = markup(view);
      const markjs = [];
      const ours = mods.map(() => ({ total: [], marks: 0, restored: true }));
      for (let pass = 0; pass < 2; pass++) {
        gc();
        for (let r = 0; r < RUNS + 2; r++) {
          mods[0].renderText(view, text);
          const t0 = performance.now();
          const m = new window.Mark(view);
          m.mark(terms, { separateWordSearch: false, diacritics: false });
          m.unmark();
          if (r >= 2) markjs.push(performance.now() - t0);
        }
        gc();
        mods.forEach((ah, i) => {
          for (let r = 0; r < RUNS + 2; r++) {
            ah.renderText(view, text);
            const a = ah.annotate(ah.textOf(view));
            const t0 = performance.now();
            const h = ah.highlight(view, { mode: "wrap", annotation: a });
            const t1 = performance.now();
            if (r === 0) ours[i].marks = view.querySelectorAll("mark").length;
            const t2 = performance.now();
            h.clear();
            const t3 = performance.now();
            if (r === 0) ours[i].restored &&= markup(view) === before;
            if (r >= 2) ours[i].total.push(t1 - t0 + (t3 - t2));
          }
          gc();
        });
      }
      const mj = median(markjs);
      rows.push({ words: text.split(/\s+/).filter(Boolean).length, markjs: mj,
        ours: ours.map((x) => ({ ms: median(x.total), ratio: mj / median(x.total), marks: x.marks, restored: x.restored })) });
    }
    view.replaceChildren();
    return rows;
  }, { count: variants.length, RUNS, SIZES });
  for (const r of out) {
    console.log(`${r.words} words: mark.js ${r.markjs.toFixed(1)} ms`);
    r.ours.forEach((x, i) => console.log(`  ${variants[i]}: wrap paint + clear ${x.ms.toFixed(2)} ms, ${x.ratio.toFixed(1)}x mark.js (${x.marks} marks, restored ${x.restored})`));
  }
} finally {
  await browser.close();
  server.stop();
  rmSync(site, { recursive: true, force: true });
}
