// End-to-end: serves www/ (with the RELEASE build in www/pkg), loads the demo in headless
// Chromium, checks the highlights and the panel in both paint modes, saves a screenshot.
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { harness, checkSeed } from "./harness.mjs";
import { serve } from "./serve.mjs";
import { launch, openPage } from "./browser.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const { check, done } = harness("demo-e2e");
const server = await serve(`${root}www`);
const browser = await launch();
try {
  const errors = [];
  const page = await openPage(browser.ctx, `${server.url}index.html`, errors);
  await page.waitForSelector("body[data-ready='1']", { timeout: 20000 });
  // The "first highlight" time the benchmarks report is the article's highlight, not an
  // earlier one of an empty view.
  const firstMentions = Number(await page.getAttribute("body", "data-first-highlight-mentions"));
  check(firstMentions > 30, `the first highlight event carries the article's mentions (${firstMentions})`);

  // The annotation behind the page (release wasm, running in Chromium).
  const a = await page.evaluate(async () => {
    const m = await import("./pkg/article_highlighter.js");
    return m.annotate(await (await fetch("seed-article.txt")).text());
  });
  checkSeed(check, a, "chromium");

  // Wrap mode (default): labelled marks in the article view.
  const marks = await page.$$eval("#view mark.ah-mark", (ms) => ms.map((m) => ({ text: m.textContent, cls: m.className, label: m.getAttribute("data-ah-label") })));
  const marked = (text, label) => marks.some((m) => m.text === text && m.cls.includes(`ah-${label}`) && m.label === label);
  for (const [text, label] of [["Jay Carney", "person"], ["Obama", "person"], ["Arab League", "organization"], ["IAEA", "organization"], ["Middle East", "place"], ["Tuesday", "date"]]) {
    check(marked(text, label), `a labelled <mark> for ${text} (${label})`);
  }
  check(marks.some((m) => m.cls.includes("ah-quote") && m.text.includes("We have an important relationship")), "the quotation is marked");
  check(!marks.some((m) => m.cls.includes("ah-quote") && /^"?reset"?$/.test(m.text)), "scare quote \"reset\" is not marked as a quotation");

  // Panel (in the <article-highlighter> shadow root): entities by type with counts, quotes by speaker.
  const panel = await page.evaluate(() => {
    const sr = document.getElementById("ah").shadowRoot;
    return {
      people: [...sr.querySelectorAll('#entities section[data-label="person"] button')].map((b) => b.textContent),
      carneyCount: [...sr.querySelectorAll("#entities li")].find((li) => li.textContent.startsWith("Jay Carney"))?.querySelector(".count")?.textContent,
      quoteGroups: [...sr.querySelectorAll("#quotes h3")].map((h) => h.textContent),
      legend: sr.querySelectorAll("#legend li").length,
      lightDomPanel: document.querySelectorAll("#panel button").length,
    };
  });
  check(["Jay Carney", "Bashar al-Assad", "Vladimir Putin", "Obama"].every((n) => panel.people.includes(n)), "panel lists the people", panel.people);
  check(panel.carneyCount === "×2", "panel counts Jay Carney's mentions", panel.carneyCount);
  const carneyGroup = panel.quoteGroups.find((g) => g.startsWith("Jay Carney ("));
  check(carneyGroup && Number(carneyGroup.match(/\((\d+)\)/)[1]) >= 2, "panel groups the quotes under Jay Carney", panel.quoteGroups);
  check(panel.legend >= 9, "legend shows every label and quotations", panel.legend);
  check(panel.lightDomPanel === 0, "the panel lives in the shadow root only (one panel implementation)", panel.lightDomPanel);

  // Selecting an entity steps through its mentions and announces it.
  await page.click('#entities button[data-entity]:text("Jay Carney")');
  check((await page.textContent("#announce")) === "Jay Carney: mention 1 of 2", "selecting an entity announces the mention");
  await page.click('#entities button[data-entity]:text("Jay Carney")');
  check((await page.textContent("#announce")) === "Jay Carney: mention 2 of 2", "selecting again steps to the next mention");
  check(await page.evaluate(() => document.querySelectorAll("#view mark.ah-current").length >= 1), "the current mention is marked");

  // A quotation button shows that quotation, with its place among its speaker's.
  // (Jay Carney's quotations, by their index in the annotation.)
  const carney = await page.evaluate(() => document.getElementById("ah").handle.annotation.quotes
    .map((q, i) => [q.speakerName, i]).filter(([who]) => who === "Jay Carney").map(([, i]) => i));
  const n = carney.length;
  check(n >= 2, "Jay Carney has at least two quotations", carney);
  await page.click(`#quotes button[data-quote="${carney[1]}"]`);
  check((await page.textContent("#announce")) === `Jay Carney: quotation 2 of ${n}`, "a quotation button announces it", await page.textContent("#announce"));
  await page.click(`#quotes button[data-quote="${carney[0]}"]`);
  check((await page.textContent("#announce")) === `Jay Carney: quotation 1 of ${n}`, "another quotation button shows that one", await page.textContent("#announce"));

  // Keyboard: arrows move between the panel's buttons, Enter steps, Shift+Enter goes back.
  await page.focus('#entities button[data-entity]:text("Jay Carney")');
  await page.keyboard.press("ArrowDown");
  const next = await page.evaluate(() => document.getElementById("ah").shadowRoot.activeElement?.textContent);
  check(next && next !== "Jay Carney", "ArrowDown moves to the next button", next);
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Shift+Enter");
  check((await page.textContent("#announce")) === "Jay Carney: mention 1 of 2", "Shift+Enter steps back", await page.textContent("#announce"));
  await page.keyboard.press("Escape");

  // Hovering a highlight shows the one popover (wrap mode: the <mark> under the pointer).
  const box = await page.locator('#view mark[data-ah-entity]:text("Obama")').first().boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForTimeout(100);
  const pop = await page.evaluate(() => { const p = document.getElementById("ah").shadowRoot.querySelector(".popover"); return p.hidden ? null : p.textContent; });
  check(pop && /person/i.test(pop) && pop.includes("Obama"), "hovering a mark shows its popover", pop);
  await page.mouse.move(1, 1);
  // Tapping (a click without a pointer moving over it first) shows it too.
  const tapped = await page.evaluate(() => {
    const sr = document.getElementById("ah").shadowRoot;
    sr.querySelector(".popover").hidden = true;
    const first = document.getElementById("ah").handle.annotation.quotes.findIndex((q) => q.speakerName === "Jay Carney" && q.kind === "direct");
    const m = document.querySelector(`#view mark[data-ah-quote="${first}"]`);
    const r = m.getBoundingClientRect();
    m.dispatchEvent(new MouseEvent("click", { bubbles: true, clientX: r.left + 2, clientY: r.top + r.height / 2 }));
    const p = sr.querySelector(".popover");
    return { shown: !p.hidden, text: p.textContent, count: sr.querySelectorAll(".popover").length };
  });
  check(tapped.shown && /Speaker: Jay Carney/.test(tapped.text) && /Cue: said/.test(tapped.text), "tapping a quotation shows speaker and cue", tapped);
  check(tapped.count === 1, "one popover", tapped.count);

  mkdirSync(`${root}artifacts`, { recursive: true });
  await page.screenshot({ path: `${root}artifacts/demo.png`, fullPage: true });

  // Forced colors (Windows high contrast) and a dark colour scheme: marks use system colours
  // with readable text, the panel stays usable.
  await page.emulateMedia({ forcedColors: "active", colorScheme: "dark" });
  const forced = await page.evaluate(() => {
    const rgb = (c) => c.match(/[\d.]+/g).map(Number);
    const lum = (c) => rgb(c).slice(0, 3).map((x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; }).reduce((s, x, i) => s + x * [0.2126, 0.7152, 0.0722][i], 0);
    const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)]; return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
    const cs = getComputedStyle(document.querySelector("#view mark.ah-person"));
    const b = document.getElementById("ah").shadowRoot.querySelector("button[data-entity]");
    return { mark: ratio(cs.color, cs.backgroundColor), buttons: b.getBoundingClientRect().height > 0 && getComputedStyle(b).visibility === "visible" };
  });
  check(forced.mark >= 4.5, "forced colors: text on a mark keeps >= 4.5:1", forced);
  check(forced.buttons, "forced colors: the panel's buttons are shown", forced);
  await page.screenshot({ path: `${root}artifacts/demo-forced-colors.png` });
  await page.emulateMedia({ forcedColors: "none", colorScheme: "light" });

  // Palette: a colour per label; the text on it is black or white, whichever contrasts more.
  await page.evaluate(() => document.getElementById("ah").setAttribute("palette", "person: #1d3557; place: gold"));
  await page.waitForFunction(() => getComputedStyle(document.querySelector("#view mark.ah-person:not(.ah-quote)")).backgroundColor === "rgb(29, 53, 87)");
  const pal = await page.evaluate(() => {
    const p = getComputedStyle(document.querySelector("#view mark.ah-person:not(.ah-quote)"));
    const g = getComputedStyle(document.querySelector("#view mark.ah-place:not(.ah-quote)"));
    return { personInk: p.color, placeBg: g.backgroundColor, placeInk: g.color };
  });
  check(pal.personInk === "rgb(255, 255, 255)" && pal.placeBg === "rgb(255, 215, 0)" && pal.placeInk === "rgb(0, 0, 0)", "palette colours with contrasting text", pal);
  const bad = await page.evaluate(async () => {
    const ah = document.getElementById("ah");
    ah.setAttribute("palette", "persn: red");
    try { await ah.refresh(); return "no error"; } catch (e) { return e.message; }
  });
  check(/palette: unknown label "persn"/.test(bad), "a bad palette throws a clear Error", bad);
  // (The attribute change itself reported the same error on the console: expected.)
  errors.splice(0, errors.length, ...errors.filter((e) => !e.includes('palette: unknown label "persn"')));
  await page.evaluate(() => document.getElementById("ah").removeAttribute("palette"));
  await page.waitForFunction(() => document.getElementById("ah").handle?.active);

  // CSS Custom Highlight mode: painted without any <mark>.
  await page.selectOption("#mode", "css");
  await page.waitForFunction(() => document.getElementById("ah").handle?.mode === "css");
  const css = await page.evaluate(() => ({
    marks: document.querySelectorAll("#view mark").length,
    person: CSS.highlights.get("ah-person")?.size ?? 0,
    quote: CSS.highlights.get("ah-quote")?.size ?? 0,
    ranges: [...(CSS.highlights.get("ah-person") ?? [])].map((r) => r.toString()),
  }));
  check(css.marks === 0, "css mode adds no <mark>", css.marks);
  check(css.person >= 4 && css.ranges.includes("Jay Carney"), "css mode registers person ranges", css.ranges);
  check(css.quote === a.quotes.length && css.quote >= 2, "css mode registers every quotation", { painted: css.quote, found: a.quotes.length });
  await page.screenshot({ path: `${root}artifacts/demo-css.png`, fullPage: true });

  // Pasting another article.
  await page.fill("#input", "Angela Merkel said: \"We will manage this.\"\n\nShe spoke in Berlin on Monday.");
  await page.click("#run");
  await page.waitForFunction(() => [...(CSS.highlights.get("ah-place") ?? [])].some((r) => r.toString() === "Berlin"));
  const pasted = await page.evaluate(() => [...CSS.highlights.get("ah-place") ?? []].map((r) => r.toString()));
  check(pasted.includes("Berlin"), "a pasted article is annotated", pasted);
  // The worker module (package subpath ./worker) annotates a long article off the main
  // thread, reports progress, and gives the same result as annotate().
  const viaWorker = await page.evaluate(async () => {
    const m = await import("./pkg/article_highlighter.js");
    const { createAnnotator } = await import("./js/worker-client.js");
    const long = (await (await fetch("seed-article.txt")).text()).repeat(50);
    const annotator = createAnnotator();
    const phases = [];
    const viaWorker = await annotator.annotate(long, undefined, { onProgress: (p) => phases.push(p.phase) });
    let rejected = "";
    try { await annotator.annotate(long, { labels: ["people"] }); } catch (e) { rejected = e.message; }
    annotator.terminate();
    const direct = m.annotate(long);
    return { same: JSON.stringify(viaWorker) === JSON.stringify(direct), quotes: direct.quotes.length, phases: [...new Set(phases)], rejected };
  });
  check(viaWorker.same && viaWorker.quotes > 50, "the worker gives annotate()'s result for a long article", viaWorker);
  check(viaWorker.phases.includes("annotating"), "the worker reports progress", viaWorker.phases);
  check(/unknown label "people"/.test(viaWorker.rejected), "worker errors reject with the clear message", viaWorker.rejected);
  check(errors.length === 0, "no console or page errors", errors);
  console.log("screenshot: artifacts/demo.png, artifacts/demo-css.png");
} finally {
  await browser.close();
  server.stop();
}
done();
