// Every real page of ../shared/corpora/news-pages/*/source.html in headless Chromium, through
// the <article-highlighter> element (no `for`: it finds the article itself), in css mode and
// then wrap mode on the same load. Per page and mode it checks that every span's Range starts
// and ends in text nodes and reads as the span's text (modulo the virtual separators), that
// nothing outside the article root is painted, that css mode never touches the DOM, that wrap
// mode never nests (highlighting twice), never wraps inside tables/lists/select/editable
// regions and that clear() restores byte-identical markup with the same text nodes, that
// hovering a highlight shows the popover (highlightsFromPoint and the caret fallback), that
// the panel steps through mentions, and that we cause no console errors. Screenshots go to
// artifacts/pages/<site>.png, results to artifacts/pages/results.{json,md}.
// Remote requests are aborted and the pages' own scripts are off (see pages_site.mjs).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { harness } from "./harness.mjs";
import { launch } from "./browser.mjs";
import { root, corpus, sites, serveSite, openNewsPage } from "./pages_site.mjs";

const { check, done } = harness("news-pages");
const list = sites().filter((s) => !process.env.SITES || process.env.SITES.split(",").includes(s));
if (!list.length) {
  console.log(`news-pages: SKIPPED, no pages found in ${corpus} (set NEWS_PAGES to the corpus folder)`);
  process.exit(0);
}
const out = join(root, "artifacts/pages");
mkdirSync(out, { recursive: true });

// In the page: highlight with a fresh <article-highlighter mode=…> and check everything that
// needs no real pointer. Returns a report; the element stays for the hover checks.
async function paintAndCheck(mode) {
  const LABELS = ["person", "organization", "place", "misc", "date", "time", "money", "percent", "quote"];
  const textNodes = (n) => { const w = document.createTreeWalker(n, NodeFilter.SHOW_TEXT); const a = []; while (w.nextNode()) a.push(w.currentNode); return a; };
  const r = { mode, problems: [] };
  const problem = (what, detail) => { if (r.problems.length < 12) r.problems.push(detail === undefined ? what : `${what}: ${JSON.stringify(detail).slice(0, 300)}`); };
  // The body's markup, child by child, serialized with XMLSerializer.
  const markup = () => { const s = new XMLSerializer(); return [...document.body.childNodes].map((n) => s.serializeToString(n)).join(""); };
  const before = markup();
  const nodesBefore = textNodes(document.body);
  const ah = document.createElement("article-highlighter");
  ah.setAttribute("mode", mode);
  ah.setAttribute("floating", "");
  document.body.append(ah);
  const handle = await ah.refresh();
  const rootEl = handle.root;
  r.root = `${rootEl.tagName.toLowerCase()}${rootEl.id ? `#${rootEl.id}` : ""}${typeof rootEl.className === "string" && rootEl.className.trim() ? `.${rootEl.className.trim().split(/\s+/).slice(0, 2).join(".")}` : ""}`;
  r.rootIsBody = rootEl === document.body;
  const a = handle.annotation;
  r.entities = a.entities.length; r.quotes = a.quotes.length; r.chars = handle.text.length;
  r.timings = handle.timings;
  const spans = handle.spans();
  r.spans = spans.length;
  if (spans.length !== a.entities.length + a.quotes.length) problem("a span has no range", { spans: spans.length, entities: a.entities.length, quotes: a.quotes.length });
  // Range.toString() equals the span text: exactly, or with the whitespace that the virtual
  // separators and collapsed line breaks stand for.
  let exact = 0, modulo = 0;
  for (const s of spans) {
    const text = s.type === "entity" ? a.entities[s.index].text : a.quotes[s.index].text;
    const got = s.range.toString();
    if (s.range.startContainer.nodeType !== 3 || s.range.endContainer.nodeType !== 3) problem("range not in text nodes", text);
    if (!rootEl.contains(s.range.startContainer) || !rootEl.contains(s.range.endContainer)) problem("range outside the root", text);
    // Never in navigation, asides, footers or comments inside the root.
    const furniture = s.range.startContainer.parentElement.closest("nav, aside, footer, [role=navigation], [role=complementary], [id*=comment], [class*=comments]");
    if (furniture && rootEl.contains(furniture)) problem("painted inside page furniture", { text, in: furniture.tagName + "." + furniture.className });
    const ws = (t) => t.replace(/\s+/g, " ").trim(), none = (t) => t.replace(/\s+/g, "");
    if (got === text) exact++;
    else if (ws(got) === ws(text) || none(got) === none(text)) modulo++;
    else problem("range text differs", { span: text, range: got });
  }
  r.exact = exact; r.modulo = modulo;
  // Nothing outside the root is painted.
  if (mode === "css") {
    if (markup() !== before + new XMLSerializer().serializeToString(ah)) problem("css mode changed the DOM");
    let outside = 0, n = 0;
    for (const name of LABELS) for (const range of CSS.highlights.get(`ah-${name}`) ?? []) {
      n++;
      if (!rootEl.contains(range.startContainer) || !rootEl.contains(range.endContainer)) outside++;
    }
    r.painted = n;
    if (outside) problem("css ranges outside the root", outside);
    if (n !== spans.length) problem("registered ranges != spans", { n, spans: spans.length });
  } else {
    const marks = [...document.querySelectorAll("mark.ah-mark")];
    r.painted = marks.length;
    if (marks.some((m) => !rootEl.contains(m))) problem("marks outside the root");
    if (document.querySelector("mark.ah-mark mark.ah-mark")) problem("nested marks");
    const bad = marks.filter((m) => /^(TABLE|TBODY|THEAD|TFOOT|TR|UL|OL|DL|SELECT|OPTION|TEXTAREA)$/.test(m.parentElement.tagName) || m.closest("[contenteditable]:not([contenteditable=false])"));
    if (bad.length) problem("marks in forbidden places", bad.map((m) => m.parentElement.tagName));
    // Text on every highlight: contrast at least 4.5:1.
    const rgb = (c) => c.match(/[\d.]+/g).map(Number);
    const lum = ([R, G, B]) => [R, G, B].map((x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; }).reduce((s, x, i) => s + x * [0.2126, 0.7152, 0.0722][i], 0);
    let worst = 99;
    for (const m of marks.slice(0, 200)) {
      const cs = getComputedStyle(m);
      const bg = rgb(cs.backgroundColor);
      if (bg.length > 3 && bg[3] === 0) { problem("a mark without background", m.className); continue; }
      const [l1, l2] = [lum(rgb(cs.color)), lum(bg)];
      worst = Math.min(worst, (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05));
    }
    r.worstContrast = Math.round(worst * 100) / 100;
    if (worst < 4.5) problem("text on a highlight below 4.5:1", worst);
    // Highlighting twice never nests and replaces the first highlight.
    const again = await ah.refresh();
    if (handle.active) problem("the first handle is still active after highlighting again");
    if (document.querySelectorAll("mark.ah-mark").length !== marks.length) problem("highlighting twice changed the marks", { before: marks.length, after: document.querySelectorAll("mark.ah-mark").length });
    if (document.querySelector("mark.ah-mark mark.ah-mark")) problem("highlighting twice nested marks");
    if (!again.active) problem("the second handle is not active");
  }
  // The panel: the first entity button steps through that entity's mentions.
  const button = ah.shadowRoot.querySelector("button[data-entity]");
  if (button) {
    button.click();
    const said = ah.shadowRoot.getElementById("announce").textContent;
    if (!/: mention 1 of \d+$/.test(said)) problem("panel did not announce the mention", said);
    const current = mode === "css" ? (CSS.highlights.get("ah-current")?.size ?? 0) : document.querySelectorAll("mark.ah-current").length;
    if (!current) problem("the current mention is not marked");
    ah.popup.hide();
  } else if (a.entities.length) problem("no entity button in the panel");
  window.__ah = { ah, before, nodesBefore, textNodes, markup };
  return r;
}

// In the page: a visible entity (or quote) not covered by the panel, scrolled into view.
function target() {
  const ah = window.__ah.ah;
  ah.popup.hide();
  for (const s of ah.handle.spans().slice(0, 60)) {
    s.range.startContainer.parentElement.scrollIntoView({ block: "center" });
    const rect = [...s.range.getClientRects()].find((b) => b.width > 2 && b.height > 2);
    if (!rect) continue;
    const x = rect.left + Math.min(rect.width / 2, 8), y = rect.top + rect.height / 2;
    const hitEl = document.elementFromPoint(x, y);
    if (hitEl && ah.handle.root.contains(hitEl)) return { x, y, type: s.type, label: s.label ?? "quote" };
  }
  return null;
}

function popoverText() {
  const p = window.__ah.ah.shadowRoot.querySelector(".popover");
  return p.hidden ? null : { text: p.textContent, top: p.getBoundingClientRect().top, bottom: p.getBoundingClientRect().bottom };
}

// In the page: clear, remove the element, and check the DOM is back.
function clearAndCheck(mode) {
  const { ah, before, nodesBefore, textNodes, markup } = window.__ah;
  const problems = [];
  const handle = ah.handle;
  ah.clear();
  if (handle.active) problems.push("handle still active after clear()");
  ah.remove();
  const now = markup();
  if (now !== before) {
    let i = 0;
    while (i < now.length && now[i] === before[i]) i++;
    problems.push(`${mode}: markup differs after clear() at ${i}: ${JSON.stringify(before.slice(i - 40, i + 80))} -> ${JSON.stringify(now.slice(i - 40, i + 80))}`);
  }
  const after = textNodes(document.body);
  if (after.length !== nodesBefore.length || after.some((n, i) => n !== nodesBefore[i])) problems.push(`${mode}: text nodes are not the same objects after clear()`);
  const left = [...CSS.highlights.keys()].filter((k) => k.startsWith("ah-"));
  if (left.length) problems.push(`highlights left: ${left}`);
  if (document.querySelector("mark.ah-mark")) problems.push("marks left");
  return problems;
}

// Word overlap of the annotated text with the corpus's article.txt (information only).
function overlap(text, truth) {
  const words = (s) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const T = new Map();
  for (const w of words(truth)) T.set(w, (T.get(w) ?? 0) + 1);
  const W = words(text);
  let hit = 0;
  for (const w of W) { const n = T.get(w); if (n) { hit++; T.set(w, n - 1); } }
  return { precision: hit / Math.max(1, W.length), recall: hit / Math.max(1, words(truth).length) };
}

const server = await serveSite();
const browser = await launch();
const results = [];
const t0 = Date.now();
try {
  for (const site of list) {
    const errors = [];
    const row = { site, modes: {} };
    const page = await openNewsPage(browser.ctx, `${server.url}pages/${site}/source.html`, errors);
    try {
      await page.evaluate(async () => { const m = await import("/js/element.js"); await m.ready(); });
      for (const mode of ["css", "wrap"]) {
        const r = await page.evaluate(paintAndCheck, mode);
        // Hovering a highlight shows the one popover.
        const t = await page.evaluate(target);
        const hover = async () => {
          await page.mouse.move(2, 2);
          await page.mouse.move(t.x, t.y);
          await page.waitForTimeout(80);
          return page.evaluate(popoverText);
        };
        if (t) {
          const shown = await hover();
          if (!shown) r.problems.push(`hovering a ${t.label} at ${Math.round(t.x)},${Math.round(t.y)} showed no popover`);
          else if (Math.min(Math.abs(shown.top - t.y), Math.abs(shown.bottom - t.y)) > 60) r.problems.push(`the popover is not next to the highlight: ${JSON.stringify(shown)} vs y ${t.y}`);
          if (mode === "css") {
            // Straight from DevTools: page.screenshot() touches the DOM (style="" on inputs).
            const cdp = await page.context().newCDPSession(page);
            const shot = await cdp.send("Page.captureScreenshot", { format: "png" });
            writeFileSync(join(out, `${site}.png`), Buffer.from(shot.data, "base64"));
            await cdp.detach();
            // The fallback without highlightsFromPoint: caret position + range comparison.
            await page.evaluate(() => { CSS.highlights.highlightsFromPoint = undefined; });
            const viaCaret = await hover();
            await page.evaluate(() => { delete CSS.highlights.highlightsFromPoint; });
            if (!viaCaret) r.problems.push("caret fallback: no popover");
          }
          const popups = await page.evaluate(() => window.__ah.ah.shadowRoot.querySelectorAll(".popover").length);
          if (popups !== 1) r.problems.push(`${popups} popovers`);
        } else if (r.spans) r.problems.push("no visible highlight to hover");
        if (mode === "css") {
          const truth = readFileSync(join(corpus, site, "article.txt"), "utf8");
          const text = await page.evaluate(() => window.__ah.ah.handle.text);
          row.overlap = overlap(text, truth);
        }
        r.problems.push(...await page.evaluate(clearAndCheck, mode));
        row.modes[mode] = r;
      }
    } catch (e) {
      row.error = String(e?.message ?? e).split("\n")[0];
    }
    row.errors = errors;
    await page.close();
    results.push(row);
    const ok = (m) => (row.modes[m] && !row.modes[m].problems.length ? "pass" : "FAIL");
    const c = row.modes.css ?? {};
    console.log(`${site.padEnd(20)} css ${ok("css")}  wrap ${ok("wrap")}  root ${c.root ?? "?"}  ` +
      `${c.entities ?? "?"} mentions ${c.quotes ?? "?"} quotes, ranges exact ${c.exact ?? "?"} + ws ${c.modulo ?? "?"}  ` +
      `P ${row.overlap?.precision.toFixed(2) ?? "?"} R ${row.overlap?.recall.toFixed(2) ?? "?"}  ` +
      `${c.timings ? `${c.timings.textModel.toFixed(0)}+${c.timings.annotate.toFixed(0)}+${c.timings.paint.toFixed(0)} ms (css) ${row.modes.wrap?.timings.paint.toFixed(0)} ms (wrap paint)` : ""}`);
    check(!row.error, `${site}: ran`, row.error);
    for (const m of ["css", "wrap"]) check(row.modes[m] && !row.modes[m].problems.length, `${site} (${m})`, row.modes[m]?.problems);
    check(!errors.length, `${site}: no console errors caused by us`, errors);
    check(c.rootIsBody === false, `${site}: an article root was found (not <body>)`, c.root);
    check((row.overlap?.recall ?? 0) >= 0.6, `${site}: the root holds the article text (recall >= 0.6)`, row.overlap);
  }
} finally {
  await browser.close();
  server.stop();
}
writeFileSync(join(out, "results.json"), JSON.stringify(results, null, 1));
const md = ["| site | css | wrap | root | mentions | quotes | ranges exact + modulo ws | precision | recall | ms (model+annotate+paint, css) |", "|---|---|---|---|---|---|---|---|---|---|",
  ...results.map((r) => {
    const c = r.modes.css ?? {}, w = r.modes.wrap ?? {};
    const st = (m) => (m.problems && !m.problems.length ? "pass" : "FAIL");
    return `| ${r.site} | ${st(c)} | ${st(w)} | \`${c.root ?? "?"}\` | ${c.entities ?? "?"} | ${c.quotes ?? "?"} | ${c.exact ?? "?"} + ${c.modulo ?? "?"} | ${r.overlap?.precision.toFixed(2) ?? "?"} | ${r.overlap?.recall.toFixed(2) ?? "?"} | ${c.timings ? `${c.timings.textModel.toFixed(1)} + ${c.timings.annotate.toFixed(1)} + ${c.timings.paint.toFixed(1)}` : "?"} |`;
  })];
writeFileSync(join(out, "results.md"), md.join("\n") + "\n");
console.log(`${results.length} pages in ${((Date.now() - t0) / 1000).toFixed(1)} s; screenshots and results in artifacts/pages/`);
done();
