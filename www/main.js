// The demo page: renders an article as plain text and lets <article-highlighter> (the same
// web component the npm package ships, js/element.js) highlight it and show its panel.
// Every piece of DOM is built with createElement/textContent: article text is never markup.
const loadStarted = performance.now();
// The wasm is compiled (from the preloaded response) while the JS modules load and the page
// finishes parsing and paints, rather than after; the article is requested meanwhile too.
// Should that fail (e.g. a server that does not say application/wasm), ready() loads it as
// usual.
const wasmModule = WebAssembly.compileStreaming(fetch("pkg/article_highlighter_bg.wasm")).catch(() => undefined);
const defaultArticle = fetch("seed-article.txt").then((r) => (r.ok ? r.text() : ""));
const [{ renderText }, { ready }] = await Promise.all([import("./pkg/article_highlighter.js"), import("./js/element.js")]);

const $ = (id) => document.getElementById(id);
let articleText = "";
// The widget is created once the article is on the page: connected earlier, it would first
// highlight an empty view (wasted work, and a "first highlight" with nothing in it).
const ah = document.createElement("article-highlighter");
ah.id = "ah";
ah.setAttribute("for", "view");

function status(msg) {
  const out = $("status");
  if (out) out.textContent = msg;
}

// The controls (a textarea, a select, buttons) are parsed as a <template> and put in place
// here, once the document is parsed, before the article is. Parsed into the document, they
// made Chromium's end-of-parsing task (Document::FinishedParsing, which runs after main.js
// starts, ahead of the first highlight) take 3.6 ms instead of 1.2 ms (medians of 11 traced
// loads), and the first highlight 45.6 instead of 39.6 ms (40 loads each, interleaved). Put
// in place afterwards, they cost nothing there, and they are still on the page before the
// article's first highlight.
async function showControls() {
  if (document.readyState === "loading") {
    await new Promise((parsed) => document.addEventListener("DOMContentLoaded", parsed, { once: true }));
  }
  const controls = $("controls");
  controls.replaceWith(controls.content);
  ah.setAttribute("mode", $("mode").value);
}

async function paint() {
  ah.clear(); // take the old highlights off before the text nodes are replaced
  renderText($("view"), articleText);
  // Connecting the widget highlights; later paints refresh it.
  if (ah.isConnected) await ah.refresh();
  else {
    const first = new Promise((done, fail) => {
      ah.addEventListener("ah-highlight", done, { once: true });
      ah.addEventListener("ah-error", (ev) => fail(ev.detail.error), { once: true });
    });
    $("panel").append(ah);
    await first;
    await ah.settled(); // the panel's lists follow the highlights by a frame
  }
  document.body.dataset.ready = "1";
}

ah.addEventListener("ah-highlight", (ev) => {
  const { handle, ms, annotation: a } = ev.detail;
  // Time from the start of the module's load to the article's first painted highlight
  // (benchmarks read it; tests check that it counted the article's mentions).
  document.body.dataset.firstHighlightMs ??= (performance.now() - loadStarted).toFixed(1);
  // The same from the page's navigation start (the HTML's own load and parse, and the
  // modules' preloading, which begins in <head>, included).
  document.body.dataset.firstHighlightNavMs ??= performance.now().toFixed(1);
  document.body.dataset.firstHighlightMentions ??= String(a.entities.length);
  status(`${a.entities.length} mentions, ${a.quotes.length} quotations · ${handle.mode} · ${ms.toFixed(1)} ms`);
});
ah.addEventListener("ah-error", (ev) => status(`Error: ${ev.detail.error.message}`));

async function main() {
  await showControls();
  await ready(await wasmModule);
  articleText = await defaultArticle;
  $("input").value = articleText;
  $("run").addEventListener("click", () => { articleText = $("input").value; paint(); });
  $("reset").addEventListener("click", async () => {
    articleText = await defaultArticle;
    $("input").value = articleText;
    paint();
  });
  $("mode").addEventListener("change", () => ah.setAttribute("mode", $("mode").value));
  $("clear").addEventListener("click", () => { ah.clear(); status("Highlights cleared"); });
  await paint();
}

main().catch((err) => {
  status(`Error: ${err.message}`);
  document.body.dataset.ready = "error";
  console.error(err);
});
