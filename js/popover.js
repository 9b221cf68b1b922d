// The one popover: shows what a highlight is (label, entity name, mention count; for a
// quotation its speaker and cue). Lives in the element's shadow root, positioned (fixed)
// next to the highlighted range. Built from text nodes only.
import { el } from "./dom.js";
import { LABEL_SINGULAR, plural, stripQuotes } from "./summary.js";

export class Popover {
  constructor(container) {
    this.node = el("div", { class: "popover", role: "tooltip", id: "ah-popover", hidden: true });
    container.append(this.node);
    this.key = null;
  }

  get visible() { return !this.node.hidden; }

  // hit: { entity, quote } spans (see HitTester); summary: see summarize().
  show(hit, summary, range) {
    const key = `${hit.entity?.index ?? ""}|${hit.quote?.index ?? ""}`;
    const parts = [];
    if (hit.entity) {
      const mention = summary.mentions[hit.entity.index];
      const item = summary.entities.get(hit.entity.entityId);
      const nth = item ? item.mentions.indexOf(hit.entity.index) + 1 : 0;
      parts.push(el("div", { class: "pop-entity" },
        el("span", { class: `pop-label ah-label-${hit.entity.label}` }, LABEL_SINGULAR[hit.entity.label] ?? hit.entity.label),
        el("strong", { class: "pop-name" }, item?.name ?? mention?.text ?? ""),
        el("span", { class: "pop-count" }, item ? `${plural(item.count, "mention")}${nth ? ` · this is ${nth} of ${item.count}` : ""}` : ""),
        mention && item && mention.text !== item.name ? el("span", { class: "pop-as" }, `here as “${mention.text}”`) : null));
    }
    if (hit.quote) {
      const q = summary.quotes[hit.quote.index];
      if (q) {
        parts.push(el("div", { class: "pop-quote" },
          el("span", { class: "pop-label ah-label-quote" }, `${q.kind} quotation`),
          el("span", { class: "pop-speaker" }, `Speaker: ${q.speakerName ?? "unattributed"}${q.speaker && q.speaker.text !== q.speakerName ? ` (“${q.speaker.text}”)` : ""}`),
          el("span", { class: "pop-cue" }, `Cue: ${q.cue ? q.cue.text : "none"}`),
          hit.entity ? null : el("span", { class: "pop-excerpt" }, `“${stripQuotes(q.text).slice(0, 120)}${q.text.length > 120 ? "…" : ""}”`)));
      }
    }
    if (!parts.length) return this.hide();
    if (key !== this.key || this.node.hidden) {
      this.node.replaceChildren(...parts);
      this.key = key;
    }
    this.node.hidden = false;
    this.place(range);
  }

  place(range) {
    const rects = [...range.getClientRects()];
    const r = rects[0] ?? range.getBoundingClientRect();
    const box = this.node.getBoundingClientRect();
    const vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
    let top = r.bottom + 6;
    if (top + box.height > vh && r.top - box.height - 6 > 0) top = r.top - box.height - 6;
    const left = Math.max(4, Math.min(r.left, vw - box.width - 4));
    this.node.style.top = `${Math.round(top)}px`;
    this.node.style.left = `${Math.round(left)}px`;
  }

  hide() {
    this.node.hidden = true;
    this.key = null;
  }
}
