// The demo page: renders an article as plain text, highlights it, and lists what was found.
// Every piece of DOM is built with createElement/textContent: article text is never markup.
// The module is imported dynamically so the page can measure load → first highlight.
const loadStarted = performance.now();
// Everything the first paint needs is requested at once: module, wasm, article.
const defaultArticle = fetch("seed-article.txt").then((r) => (r.ok ? r.text() : ""));
const wasm = import("./pkg/article_highlighter.js").then(async (m) => { await m.default(); return m; });
const workerClient = import("./js/worker-client.js");
const { renderText, highlight, palette, textOf } = await wasm;
const { createAnnotator } = await workerClient;

// Articles longer than this are annotated in a Web Worker, so the page never freezes.
const WORKER_THRESHOLD_CHARS = 200_000;
let annotator = null;

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") node.className = v;
    else if (k === "style") Object.assign(node.style, v);
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
};

const LABEL_NAMES = {
  person: "People", organization: "Organizations", place: "Places", misc: "Misc",
  date: "Dates", time: "Times", money: "Money", percent: "Percentages",
};

let handle = null;
let articleText = "";
let colours = [];
const cursor = new Map(); // entityId -> index of the mention shown last

function status(msg) { $("status").textContent = msg; }

async function paint() {
  if (handle) handle.clear();
  const t0 = performance.now();
  renderText($("view"), articleText);
  const mode = $("mode").value;
  if (articleText.length > WORKER_THRESHOLD_CHARS) {
    annotator ??= createAnnotator();
    const text = textOf($("view"));
    const annotation = await annotator.annotate(text, undefined, {
      onProgress: (p) => status(`${p.phase} ${Math.round((100 * p.done) / Math.max(1, p.total))}% of ${p.total.toLocaleString()} characters…`),
    });
    handle = highlight($("view"), { mode, annotation });
  } else {
    handle = highlight($("view"), { mode });
  }
  const ms = performance.now() - t0;
  const a = handle.annotation;
  status(`${a.entities.length} mentions, ${a.quotes.length} quotations · ${handle.mode} · ${ms.toFixed(1)} ms`);
  // Time from the start of the module's load to the first painted highlight (benchmarks read it).
  document.body.dataset.firstHighlightMs ??= (performance.now() - loadStarted).toFixed(1);
  buildPanel(a);
  document.body.dataset.ready = "1";
}

// Repaints from an event handler; errors show in the status line.
function repaint() {
  paint().catch((err) => { status(`Error: ${err.message}`); console.error(err); });
}

function buildLegend() {
  const legend = $("legend");
  legend.replaceChildren(
    ...colours.map((c) => el("li", {}, el("span", {
      class: "swatch",
      style: { background: c.background, textDecoration: `underline ${c.decoration} #333` },
    }, c.label))),
    el("li", {}, el("span", { class: "swatch", style: { background: "#fbe4f1", textDecoration: "underline #9d174d 2px" } }, "quotation")),
  );
}

function buildPanel(a) {
  cursor.clear();
  // Entities by label, each entity once with its mention count, named by its longest mention.
  const byId = new Map();
  for (const e of a.entities) {
    const item = byId.get(e.entityId) ?? { id: e.entityId, label: e.label, name: e.text, count: 0 };
    if (e.text.length > item.name.length) item.name = e.text;
    item.count += 1;
    byId.set(e.entityId, item);
  }
  const sections = [];
  for (const label of Object.keys(LABEL_NAMES)) {
    const items = [...byId.values()].filter((i) => i.label === label)
      .sort((x, y) => y.count - x.count || x.name.localeCompare(y.name));
    if (!items.length) continue;
    sections.push(el("section", { "data-label": label },
      el("h3", {}, `${LABEL_NAMES[label]} (${items.length})`),
      el("ul", {}, ...items.map((i) => el("li", {},
        el("button", {
          type: "button", "data-entity": String(i.id),
          "aria-label": `${i.name}, ${label}, ${i.count} mention${i.count > 1 ? "s" : ""}: show next mention`,
          onclick: () => step(i.id, i.name),
        }, i.name),
        el("span", { class: "count" }, `×${i.count}`))))));
  }
  $("entities").replaceChildren(...(sections.length ? sections : [el("p", {}, "No entities found.")]));

  // Quotations grouped by speaker.
  const groups = new Map();
  a.quotes.forEach((q, index) => {
    const who = q.speakerName ?? "Unattributed";
    if (!groups.has(who)) groups.set(who, []);
    groups.get(who).push({ q, index });
  });
  const quoteNodes = [...groups.entries()].map(([who, list]) => el("section", { class: "quote-group" },
    el("h3", {}, `${who} (${list.length})`),
    el("ul", {}, ...list.map(({ q, index }) => el("li", { class: "quote-item" },
      el("button", { type: "button", "data-quote": String(index), onclick: () => showQuote(index) },
        el("q", {}, q.text.replace(/^["“”‘’'«»`]+|["“”‘’'«»`]+$/g, "").slice(0, 180))),
      el("div", {}, el("span", { class: "quote-speaker" }, q.speaker ? q.speaker.text : (q.speakerName ? "(continues)" : "—")),
        q.cue ? ` · ${q.cue.text}` : "", ` · ${q.kind}`))))));
  $("quotes").replaceChildren(...(quoteNodes.length ? quoteNodes : [el("p", {}, "No quotations found.")]));
}

function select(ranges) {
  document.querySelectorAll("mark.ah-selected").forEach((m) => m.classList.remove("ah-selected"));
  if (globalThis.CSS?.highlights) CSS.highlights.delete("ah-selected");
  if (!ranges.length) return;
  if (handle.mode === "css") {
    CSS.highlights.set("ah-selected", new Highlight(...ranges));
  } else {
    for (const r of ranges) {
      const marks = $("view").querySelectorAll("mark.ah-mark");
      for (const m of marks) if (r.intersectsNode(m)) m.classList.add("ah-selected");
    }
  }
}

function scrollTo(range) {
  const target = range.startContainer.parentElement;
  target?.scrollIntoView({ block: "center", behavior: "smooth" });
}

function step(id, name) {
  const ranges = handle.mentionRanges(id);
  if (!ranges.length) return;
  const i = ((cursor.get(id) ?? -1) + 1) % ranges.length;
  cursor.set(id, i);
  select(ranges);
  scrollTo(ranges[i]);
  $("announce").textContent = `${name}: mention ${i + 1} of ${ranges.length}`;
}

function showQuote(index) {
  const r = handle.quoteRange(index);
  if (!r) return;
  select([r]);
  scrollTo(r);
}

// Hovering a mention marks every mention of the same entity (marks mode).
$("view").addEventListener("mouseover", (ev) => {
  const mark = ev.target.closest?.("mark[data-ah-entity]");
  document.querySelectorAll("mark.ah-active").forEach((m) => m.classList.remove("ah-active"));
  if (!mark) return;
  const id = mark.getAttribute("data-ah-entity");
  $("view").querySelectorAll(`mark[data-ah-entity="${CSS.escape(id)}"]`).forEach((m) => m.classList.add("ah-active"));
});

async function main() {
  colours = palette();
  buildLegend();
  articleText = await defaultArticle;
  $("input").value = articleText;
  $("run").addEventListener("click", () => { articleText = $("input").value; repaint(); });
  $("reset").addEventListener("click", async () => {
    articleText = await defaultArticle;
    $("input").value = articleText;
    repaint();
  });
  $("mode").addEventListener("change", repaint);
  $("clear").addEventListener("click", () => { if (handle) handle.clear(); select([]); status("Highlights cleared"); });
  await paint();
}

main().catch((err) => {
  status(`Error: ${err.message}`);
  document.body.dataset.ready = "error";
  console.error(err);
});
