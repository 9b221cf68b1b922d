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

  // Panel: entities by type with counts, quotes by speaker.
  const panel = await page.evaluate(() => ({
    people: [...document.querySelectorAll('#entities section[data-label="person"] button')].map((b) => b.textContent),
    carneyCount: [...document.querySelectorAll("#entities li")].find((li) => li.textContent.startsWith("Jay Carney"))?.querySelector(".count")?.textContent,
    quoteGroups: [...document.querySelectorAll("#quotes h3")].map((h) => h.textContent),
    legend: document.querySelectorAll("#legend li").length,
  }));
  check(["Jay Carney", "Bashar al-Assad", "Vladimir Putin", "Obama"].every((n) => panel.people.includes(n)), "panel lists the people", panel.people);
  check(panel.carneyCount === "×2", "panel counts Jay Carney's mentions", panel.carneyCount);
  const carneyGroup = panel.quoteGroups.find((g) => g.startsWith("Jay Carney ("));
  check(carneyGroup && Number(carneyGroup.match(/\((\d+)\)/)[1]) >= 2, "panel groups the quotes under Jay Carney", panel.quoteGroups);
  check(panel.legend >= 9, "legend shows every label and quotations", panel.legend);

  // Selecting an entity steps through its mentions and announces it.
  await page.click('#entities button[data-entity]:text("Jay Carney")');
  check((await page.textContent("#announce")) === "Jay Carney: mention 1 of 2", "selecting an entity announces the mention");
  await page.click('#entities button[data-entity]:text("Jay Carney")');
  check((await page.textContent("#announce")) === "Jay Carney: mention 2 of 2", "selecting again steps to the next mention");

  mkdirSync(`${root}artifacts`, { recursive: true });
  await page.screenshot({ path: `${root}artifacts/demo.png`, fullPage: true });

  // CSS Custom Highlight mode: painted without any <mark>.
  await page.selectOption("#mode", "css");
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
  const pasted = await page.evaluate(() => [...CSS.highlights.get("ah-place") ?? []].map((r) => r.toString()));
  check(pasted.includes("Berlin"), "a pasted article is annotated", pasted);
  // A long article goes through the Web Worker and is painted from its result.
  const long = await page.evaluate(async () => (await (await fetch("seed-article.txt")).text()).repeat(50));
  await page.fill("#input", long);
  await page.click("#run");
  await page.waitForFunction(() => /quotations · /.test(document.getElementById("status").textContent) && CSS.highlights.get("ah-quote")?.size > 50, null, { timeout: 30000 });
  const viaWorker = await page.evaluate(async () => {
    const m = await import("./pkg/article_highlighter.js");
    const direct = m.annotate(m.textOf(document.getElementById("view")));
    return { quotes: CSS.highlights.get("ah-quote").size, expected: direct.quotes.length };
  });
  check(viaWorker.quotes === viaWorker.expected, "a long article is annotated in the worker and painted", viaWorker);
  check(errors.length === 0, "no console or page errors", errors);
  console.log("screenshot: artifacts/demo.png, artifacts/demo-css.png");
} finally {
  await browser.close();
  server.stop();
}
done();
