// <article-highlighter>: the web component. Highlights an element of the page (attribute
// `for` = its id; without it, the page's article as a reader would pick it) and shows the
// accessible panel and the hover/tap popover in its own shadow root.
//
//   <script type="module">import "article-highlighter/element";</script>
//   <article-highlighter for="story" mode="css" labels="person place" quotes="on"
//                        palette="person: #ffd8a8; place: gold" floating></article-highlighter>
//
// Attributes: for, mode (auto | css | wrap), labels (entity labels to show, space or comma
// separated; default all), quotes (off/false/no/0 hides quotations), palette ("label: colour;
// …", page-wide), floating (fixed panel at the top right), nopanel (popover only).
// Properties and methods: handle (the HighlightHandle), refresh() → Promise<handle>,
// settled() → Promise<handle> (the run in progress, panel included), clear(),
// showEntity(entityId, backwards?), showQuote(index?, backwards?).
// Events: "ah-highlight" (detail: { handle, ms, annotation }) when the highlights are on the page (the
// panel's lists follow a frame later; refresh() resolves after them), "ah-error" (detail:
// { error }).
//
// What lives where: reading the text, annotating, painting and clearing are the wasm
// module's (src/dom); this module only builds the widget's own UI and reacts to the user.
import init, { highlight } from "../pkg/article_highlighter.js";
import { el } from "./dom.js";
import { SHADOW_CSS } from "./styles.js";
import { Panel } from "./panel.js";
import { Popover } from "./popover.js";
import { HitTester } from "./hit.js";
import { summarize, plural } from "./summary.js";
import { markSelection, unmarkSelection } from "./selection.js";
import { parsePalette, effectivePalette, applyPalette } from "./palette.js";

let loading = null;
/** Loads the wasm module once: from `source` when given (a WebAssembly.Module, a Response
 *  or a URL, or a promise of one: e.g. a compile the page started early), else fetches
 *  article_highlighter_bg.wasm next to the package's JS. Later calls get the first load. */
export const ready = (source) => (loading ??= init(source === undefined ? undefined : { module_or_path: source }));

const NO = /^(false|off|no|0)$/i;

/** Resolves in a task after the next frame is painted (or after 50 ms when the page gets no
 *  frames, e.g. in a background tab). */
const afterPaint = () => new Promise((done) => {
  let called = false;
  const go = () => { if (!called) { called = true; setTimeout(done, 0); } };
  requestAnimationFrame(go);
  setTimeout(go, 50);
});

export class ArticleHighlighterElement extends HTMLElement {
  static observedAttributes = ["for", "mode", "labels", "quotes", "palette"];
  #handle = null;
  #summary = null;
  #hits = null;
  #cursor = new Map();
  #pending = null;
  #panelBuilt = Promise.resolve();
  #quietUntil = 0;
  #frame = 0;
  #off = null;

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: "open" });
    shadow.append(el("style", {}, SHADOW_CSS));
    this.panel = new Panel(shadow, {
      onEntity: (id, back) => this.showEntity(id, back),
      onQuote: (i) => this.showQuote(i),
      onEscape: () => this.popup.hide(),
    });
    this.popup = new Popover(shadow);
  }

  /** The live HighlightHandle, or null. */
  get handle() { return this.#handle; }

  connectedCallback() {
    this.setAttribute("data-ah-ui", "");
    this.#listen();
    this.refresh().catch((error) => console.error(error));
  }

  disconnectedCallback() {
    this.#off?.();
    this.clear();
  }

  attributeChangedCallback() {
    if (this.isConnected) this.refresh().catch((error) => console.error(error));
  }

  /** The highlighting in progress (highlights and panel), or the last one's handle. */
  settled() {
    return this.#withPanel(this.#pending ?? Promise.resolve(this.#handle));
  }

  /** Highlights again (after the article changed, or to apply new attributes); resolves
   *  once the panel's lists are built too. */
  refresh() {
    // Only the highlighting itself is "in progress": an attribute changed while the panel
    // is still to be built starts a new run.
    this.#pending ??= (async () => {
      try {
        await ready();
        await null; // let attribute changes made in the same task land first
        return this.#run();
      } catch (error) {
        this.panel.setStatus(`Error: ${error.message}`);
        this.dispatchEvent(new CustomEvent("ah-error", { detail: { error } }));
        throw error;
      } finally {
        this.#pending = null;
      }
    })();
    return this.#withPanel(this.#pending);
  }

  /** `run` (a promise of a handle), resolved once the panel's lists are built. */
  async #withPanel(run) {
    const handle = await run;
    await this.#panelBuilt;
    return handle;
  }

  #run() {
    const id = this.getAttribute("for");
    let target = null;
    if (id) {
      target = this.getRootNode().getElementById?.(id) ?? this.ownerDocument.getElementById(id);
      if (!target) throw new Error(`<article-highlighter for="${id}">: there is no element with id "${id}"`);
    }
    const options = {};
    const mode = this.getAttribute("mode");
    if (mode) options.mode = mode.trim();
    const labels = this.getAttribute("labels");
    if (labels?.trim()) options.labels = labels.trim().split(/[\s,]+/);
    const quotes = this.getAttribute("quotes");
    if (quotes !== null) options.quotes = !NO.test(quotes.trim());
    const overrides = parsePalette(this.getAttribute("palette"));

    this.clear();
    const t0 = performance.now();
    const handle = highlight(target, options);
    const ms = performance.now() - t0;
    this.#handle = handle;
    // Read once: each read of the getter builds the whole object again.
    const annotation = handle.annotation;
    this.#summary = summarize(annotation);
    applyPalette(this.ownerDocument, overrides);
    const s = this.#summary;
    this.panel.setStatus(`${plural(s.mentions.length, "mention")} of ${plural(s.entities.size, "entity", "entities")}, ` +
      `${plural(s.quotes.length, "quotation")} · ${handle.mode} · ${ms.toFixed(1)} ms`);
    this.dispatchEvent(new CustomEvent("ah-highlight", { detail: { handle, ms, annotation } }));
    // The lists are built once the highlights are on screen (the frame after this one), so a
    // long list, or the first locale-aware sort of a page, never holds the highlights back.
    this.#panelBuilt = afterPaint().then(() => {
      if (this.#handle !== handle) return; // cleared or highlighted again meanwhile
      this.panel.renderLegend(effectivePalette(overrides));
      this.panel.render(s);
    });
    return handle;
  }

  /** Takes the highlights off (the page is exactly as before) and empties the panel. */
  clear() {
    this.popup.hide();
    if (!this.#handle) return;
    unmarkSelection(this.#handle);
    this.#handle.clear();
    this.#handle = null;
    this.#hits = null;
    this.#cursor.clear();
    this.panel.render({ entities: new Map(), speakers: new Map(), quotes: [] });
    this.panel.setStatus("Highlights cleared");
  }

  #step(key, n, backwards) {
    const last = this.#cursor.get(key);
    const i = last === undefined ? (backwards ? n - 1 : 0) : (last + (backwards ? -1 : 1) + n) % n;
    this.#cursor.set(key, i);
    return i;
  }

  #reveal(range) {
    this.#quietUntil = performance.now() + 400;
    range.startContainer.parentElement?.scrollIntoView({ block: "center", inline: "nearest" });
  }

  /** Marks every mention of an entity and moves to the next (or previous) one. */
  showEntity(entityId, backwards = false) {
    const item = this.#summary?.entities.get(entityId);
    if (!item || !this.#handle?.active) return;
    const ranges = this.#handle.mentionRanges(entityId);
    if (!ranges.length) return;
    const i = this.#step(`e${entityId}`, ranges.length, backwards);
    markSelection(this.#handle, ranges, i);
    this.#reveal(ranges[i]);
    this.panel.setCurrent(`button[data-entity="${entityId}"]`);
    this.panel.say(`${item.name}: mention ${i + 1} of ${ranges.length}`);
    const index = item.mentions[i] ?? item.mentions[0];
    this.popup.show({ entity: { type: "entity", label: item.label, entityId, index, range: ranges[i] }, quote: null }, this.#summary, ranges[i]);
  }

  /** Marks a quotation and moves to it; `backwards`/forwards from the last one shown when
   *  `index` is omitted (keyboard stepping through all quotations). */
  showQuote(index, backwards = false) {
    const quotes = this.#summary?.quotes ?? [];
    if (!quotes.length || !this.#handle?.active) return;
    if (index === undefined || index === null) index = this.#step("quotes", quotes.length, backwards);
    else this.#cursor.set("quotes", index);
    const q = quotes[index];
    if (!q) return;
    const range = this.#handle.quoteRange(index);
    if (!range) return;
    const who = q.speakerName ?? "Unattributed";
    const mine = this.#summary.speakers.get(who) ?? [index];
    markSelection(this.#handle, [range], 0);
    this.#reveal(range);
    this.panel.setCurrent(`button[data-quote="${index}"]`);
    this.panel.say(`${who}: quotation ${mine.indexOf(index) + 1} of ${mine.length}`);
    this.popup.show({ entity: null, quote: { type: "quote", index, range } }, this.#summary, range);
  }

  #hover(x, y, target) {
    const handle = this.#handle;
    if (!handle?.active || !(target instanceof Node) || !handle.root.contains(target)) return this.popup.hide();
    this.#hits ??= new HitTester(handle, this.#summary);
    const hit = this.#hits.at(x, y, target);
    if (!hit) return this.popup.hide();
    this.popup.show(hit, this.#summary, (hit.entity ?? hit.quote).range);
  }

  #listen() {
    this.#off?.();
    const doc = this.ownerDocument;
    const move = (ev) => {
      if (ev.pointerType && ev.pointerType !== "mouse") return;
      cancelAnimationFrame(this.#frame);
      const { clientX: x, clientY: y, target } = ev;
      this.#frame = requestAnimationFrame(() => this.#hover(x, y, target));
    };
    const tap = (ev) => { if (!this.contains(ev.target) && ev.target !== this) this.#hover(ev.clientX, ev.clientY, ev.target); };
    const key = (ev) => { if (ev.key === "Escape") this.popup.hide(); };
    const scroll = () => { if (performance.now() > this.#quietUntil) this.popup.hide(); };
    doc.addEventListener("pointermove", move, { passive: true });
    doc.addEventListener("click", tap);
    doc.addEventListener("keydown", key);
    doc.addEventListener("scroll", scroll, { passive: true, capture: true });
    this.#off = () => {
      doc.removeEventListener("pointermove", move);
      doc.removeEventListener("click", tap);
      doc.removeEventListener("keydown", key);
      doc.removeEventListener("scroll", scroll, { capture: true });
      cancelAnimationFrame(this.#frame);
      this.#off = null;
    };
  }
}

if (!customElements.get("article-highlighter")) customElements.define("article-highlighter", ArticleHighlighterElement);
