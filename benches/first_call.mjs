// The first annotate() of a page, without the page: what V8's baseline compiler and the
// module's one-time set-up cost, measured quietly enough to compare two builds.
//
//   node benches/first_call.mjs                # www/ (run scripts/build first)
//   node benches/first_call.mjs DIR_A DIR_B …  # A/B: built www/ copies (their pkg/ is used)
//
// Each round compiles a fresh copy of the .wasm (a custom section with a counter makes the
// bytes differ, or V8 would return the module it compiled before, with its code), loads a
// fresh copy of the glue, and times annotate() on the demo's default article:
//   - "first call": lazy compilation of every function the call reaches, the set-up (model,
//     gazetteers, tables) and the annotation;
//   - "new instance": a second instance of the same module (its code already compiled):
//     the set-up, a new memory's first use, and the annotation;
//   - "warm call": the same instance again: the annotation alone.
// "first call" is the figure to compare builds by; the other two show roughly where its
// time goes (between builds they moved less than the set-up's instruction counts did, so
// they are not a split of it). Chromium runs with V8's tier-up off (--liftoff
// --no-wasm-tier-up), as a page's first highlight runs: in baseline code, with no optimised
// code yet, and without the background compiles that tier-up starts competing for the CPU.
// Builds are interleaved, the order alternating.
// Two copies of one build differed by 0.4 ms in "first call" (medians of 30 rounds); the
// build of 2026-11-27's session start against its end: 18.0 against 14.5 ms.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "../tests/js/serve.mjs";
import { launch } from "../tests/js/browser.mjs";

const root = fileURLToPath(new URL("../", import.meta.url));
const RUNS = Number(process.env.RUNS ?? 30);
const BATCH = 6;
const dirs = process.argv.length > 2 ? process.argv.slice(2) : [join(root, "www")];

const PAGE = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module">
const names = new URLSearchParams(location.search).get("b").split(",");
const bytes = {};
for (const n of names) bytes[n] = new Uint8Array(await (await fetch(\`./\${n}/article_highlighter_bg.wasm\`)).arrayBuffer());
const text = await (await fetch("./seed-article.txt")).text();
let v = 0;
async function glue(n) { return import(\`./\${n}/article_highlighter.js?v=\${v++}\`); }
function time(g) { const t0 = performance.now(); g.annotate(text); return performance.now() - t0; }
async function round(n, out) {
  v += 1;
  const tail = new Uint8Array([0, 6, 1, 118, v & 127, (v >> 7) & 127, (v >> 14) & 127, 0]);
  const copy = new Uint8Array(bytes[n].length + tail.length);
  copy.set(bytes[n]);
  copy.set(tail, bytes[n].length);
  const module = await WebAssembly.compile(copy);
  const a = await glue(n);
  a.initSync({ module });
  out.first.push(time(a));
  out.warm.push(time(a));
  const b = await glue(n);
  b.initSync({ module });
  out.instance.push(time(b));
}
window.run = async (R, flip) => {
  const res = Object.fromEntries(names.map((n) => [n, { first: [], instance: [], warm: [] }]));
  for (const n of names) await round(n, { first: [], instance: [], warm: [] });
  for (let r = 0; r < R; r++) for (const n of ((r + flip) % 2 ? names : [...names].reverse())) await round(n, res[n]);
  return res;
};
document.title = "ready";
</script>`;

const site = mkdtempSync(join(tmpdir(), "ah-first-call-"));
const names = dirs.map((_, i) => `b${i}`);
dirs.forEach((d, i) => cpSync(join(resolve(d), "pkg"), join(site, names[i]), { recursive: true }));
cpSync(join(resolve(dirs[0]), "seed-article.txt"), join(site, "seed-article.txt"));
writeFileSync(join(site, "index.html"), PAGE);

const server = await serve(site);
const browser = await launch(["--js-flags=--liftoff --no-wasm-tier-up"]);
const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
try {
  // A page keeps every instance it made (the glue copies stay in its module map), and each
  // reserves its own memory: a fresh page every BATCH rounds.
  const res = Object.fromEntries(names.map((n) => [n, { first: [], instance: [], warm: [] }]));
  for (let done = 0; done < RUNS; done += BATCH) {
    const page = await browser.ctx.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${server.url}index.html?b=${names.join(",")}`);
    await page.waitForFunction(() => document.title === "ready", null, { timeout: 60000 }).catch(() => {
      throw new Error(`the page did not start: ${errors.join("; ") || "no error reported"}`);
    });
    const batch = await page.evaluate(([R, flip]) => window.run(R, flip), [Math.min(BATCH, RUNS - done), done % 2]);
    for (const n of names) for (const k of ["first", "instance", "warm"]) res[n][k].push(...batch[n][k]);
    await page.close();
  }
  dirs.forEach((d, i) => {
    const r = res[names[i]];
    const [first, instance, warm] = [med(r.first), med(r.instance), med(r.warm)];
    console.log(`${d}: first call ${first.toFixed(1)} ms, new instance ${instance.toFixed(1)} ms, ` +
      `warm call ${warm.toFixed(1)} ms (medians of ${r.first.length} rounds)`);
  });
} finally {
  await browser.close();
  server.stop();
  rmSync(site, { recursive: true, force: true });
}
