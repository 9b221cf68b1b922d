// The demo page's "first highlight" time alone (the last section of benches/browser.mjs):
// module load start → the article's first `ah-highlight`, median of RUNS page loads.
//
//   node benches/first_highlight.mjs                 # www/ (run scripts/build first)
//   node benches/first_highlight.mjs DIR_A DIR_B …   # A/B: copies of built www/ dirs,
//                                                    # page loads interleaved, the order
//                                                    # rotated each round (A, B; B, A; …)
//
// Also prints, per site, the median resource timings of the page (ms from navigation start)
// and any performance marks the page made, to see where the time goes.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "../tests/js/serve.mjs";
import { launch } from "../tests/js/browser.mjs";
import { loadDemo } from "./demo_load.mjs";

const root = fileURLToPath(new URL("../", import.meta.url));
const RUNS = Number(process.env.RUNS ?? 15);
// An argument may end in a query string for the page (`DIR?x=1`).
const args = process.argv.length > 2 ? process.argv.slice(2) : [join(root, "www")];
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const sites = args.map((arg) => {
  const [dir, query = ""] = arg.split("?");
  const site = mkdtempSync(join(tmpdir(), "ah-first-"));
  cpSync(resolve(dir), site, { recursive: true });
  return { dir: arg, query: query && `?${query}`, site, ms: [], detail: [] };
});
const servers = await Promise.all(sites.map((s) => serve(s.site)));
const browser = await launch();
try {
  // One warm-up load per site (the HTTP cache and the browser's first-use costs).
  // The order of the sites rotates each round, so that none is always loaded first. The
  // machine is noisy: medians of 20 loads of two copies of one build differed by up to
  // 7 ms, so smaller differences need more loads (the standard error is printed).
  for (let k = -1; k < RUNS; k++) {
    for (let r = 0; r < sites.length; r++) {
      const i = (r + Math.max(k, 0)) % sites.length;
      const s = sites[i];
      const { ms, mentions, page: p } = await loadDemo(browser.ctx, `${servers[i].url}index.html${s.query}`);
      if (!(mentions > 30)) throw new Error(`${s.dir}: the first highlight carries ${mentions} mentions`);
      const detail = await p.evaluate(() => {
        const out = {};
        for (const e of performance.getEntriesByType("resource")) out[`${e.name.replace(/^.*\//, "")} end`] = e.responseEnd;
        for (const e of performance.getEntriesByType("mark")) out[`mark ${e.name}`] = e.startTime;
        return out;
      });
      await p.close();
      if (k >= 0) { s.ms.push(ms); s.detail.push(detail); }
    }
  }
} finally {
  await browser.close();
  servers.forEach((s) => s.stop());
  sites.forEach((s) => rmSync(s.site, { recursive: true, force: true }));
}
for (const s of sites) {
  const mean = s.ms.reduce((a, b) => a + b, 0) / s.ms.length;
  const sd = Math.sqrt(s.ms.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, s.ms.length - 1));
  console.log(`${s.dir}: first highlight median ${med(s.ms).toFixed(1)} ms over ${s.ms.length} loads (mean ${mean.toFixed(1)} ± ${(sd / Math.sqrt(s.ms.length)).toFixed(1)} standard error, min ${Math.min(...s.ms).toFixed(1)}, max ${Math.max(...s.ms).toFixed(1)})`);
  if (process.env.DETAIL) {
    const keys = [...new Set(s.detail.flatMap(Object.keys))];
    const rows = keys.map((k) => [k, med(s.detail.map((d) => d[k]).filter((x) => x !== undefined))]).sort((a, b) => a[1] - b[1]);
    for (const [k, v] of rows) console.log(`  ${v.toFixed(1).padStart(7)}  ${k}`);
  }
}
