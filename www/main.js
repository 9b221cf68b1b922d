// The demo page: renders an article as plain text and lets <article-highlighter> (the same
// web component the npm package ships, js/element.js) highlight it and show its panel.
// Every piece of DOM is built with createElement/textContent: article text is never markup.
import { renderText } from "./pkg/article_highlighter.js";
import { ready } from "./js/element.js";

const $ = (id) => document.getElementById(id);
const ah = $("ah");
let articleText = "";

function status(msg) { $("status").textContent = msg; }

async function paint() {
  ah.clear(); // take the old highlights off before the text nodes are replaced
  renderText($("view"), articleText);
  await ah.refresh();
  document.body.dataset.ready = "1";
}

ah.addEventListener("ah-highlight", (ev) => {
  const { handle, ms } = ev.detail;
  const a = handle.annotation;
  status(`${a.entities.length} mentions, ${a.quotes.length} quotations · ${handle.mode} · ${ms.toFixed(1)} ms`);
});
ah.addEventListener("ah-error", (ev) => status(`Error: ${ev.detail.error.message}`));

async function main() {
  await ready();
  const res = await fetch("seed-article.txt");
  articleText = res.ok ? await res.text() : "";
  $("input").value = articleText;
  $("run").addEventListener("click", () => { articleText = $("input").value; paint(); });
  $("reset").addEventListener("click", async () => {
    articleText = await (await fetch("seed-article.txt")).text();
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
