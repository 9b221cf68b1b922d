// The accessible panel: legend, entities by type with mention counts, quotations grouped by
// speaker. Every item is a <button> with a full accessible name; activating an entity moves
// to its next mention (Shift: previous) and the polite live region says "mention 2 of 4";
// activating a quotation shows it ("quotation 1 of 3" of its speaker). Arrow
// keys, Home and End move between the buttons; Escape hides the popover.
import { el } from "./dom.js";
import { LABEL_NAMES, LABEL_SINGULAR, plural, stripQuotes } from "./summary.js";

export class Panel {
  // onEntity(entityId, backwards), onQuote(index), onEscape()
  constructor(container, { onEntity, onQuote, onEscape }) {
    this.status = el("p", { class: "status", id: "status" });
    this.legend = el("ul", { class: "legend", id: "legend", "aria-label": "Legend" });
    this.entities = el("div", { id: "entities" });
    this.quotes = el("div", { id: "quotes" });
    this.announcer = el("p", { id: "announce", class: "visually-hidden", role: "status", "aria-live": "polite" });
    this.node = el("section", { class: "panel", part: "panel", "aria-label": "Entities and quotations in the article" },
      this.status,
      el("h2", {}, "Legend"), this.legend,
      el("h2", {}, "Entities"), this.entities,
      el("h2", {}, "Quotations"), this.quotes,
      this.announcer);
    container.append(this.node);
    this.node.addEventListener("click", (ev) => {
      const b = ev.target.closest?.("button");
      if (!b) return;
      if (b.dataset.entity !== undefined) onEntity(Number(b.dataset.entity), ev.shiftKey);
      else if (b.dataset.quote !== undefined) onQuote(Number(b.dataset.quote));
    });
    this.node.addEventListener("keydown", (ev) => {
      const buttons = [...this.node.querySelectorAll("button")];
      const i = buttons.indexOf(ev.target);
      const go = (j) => { ev.preventDefault(); buttons[(j + buttons.length) % buttons.length]?.focus(); };
      if (ev.key === "Escape") onEscape();
      else if (i < 0) return;
      else if (ev.key === "ArrowDown") go(i + 1);
      else if (ev.key === "ArrowUp") go(i - 1);
      else if (ev.key === "Home") go(0);
      else if (ev.key === "End") go(buttons.length - 1);
    });
  }

  say(text) { this.announcer.textContent = text; }
  setStatus(text) { this.status.textContent = text; }

  setCurrent(selector) {
    for (const b of this.node.querySelectorAll("button[aria-current]")) b.removeAttribute("aria-current");
    if (selector) this.node.querySelector(selector)?.setAttribute("aria-current", "true");
  }

  renderLegend(palette) {
    this.legend.replaceChildren(...[...palette].map(([label, p]) => el("li", {},
      el("span", {
        class: `swatch ah-label-${label}`,
        style: { background: p.background, color: p.ink, textDecoration: `underline ${p.decoration} ${p.ink === "#fff" ? "#fff" : "#333"}` },
      }, label === "quote" ? "quotation" : LABEL_SINGULAR[label] ?? label))));
  }

  render(summary) {
    const sections = [];
    for (const label of Object.keys(LABEL_NAMES)) {
      const items = [...summary.entities.values()].filter((i) => i.label === label)
        .sort((x, y) => y.count - x.count || x.name.localeCompare(y.name));
      if (!items.length) continue;
      sections.push(el("section", { "data-label": label, "aria-label": `${LABEL_NAMES[label]}: ${items.length}` },
        el("h3", {}, `${LABEL_NAMES[label]} (${items.length})`),
        el("ul", {}, ...items.map((i) => el("li", {},
          el("button", {
            type: "button", "data-entity": String(i.id),
            "aria-label": `${i.name}, ${LABEL_SINGULAR[label]}, ${plural(i.count, "mention")}: show next mention`,
          }, i.name),
          el("span", { class: "count", "aria-hidden": "true" }, `×${i.count}`))))));
    }
    this.entities.replaceChildren(...(sections.length ? sections : [el("p", {}, "No entities found.")]));

    const groups = [...summary.speakers.entries()].map(([who, list]) => el("section", { class: "quote-group" },
      el("h3", {}, `${who} (${list.length})`),
      el("ul", {}, ...list.map((index) => {
        const q = summary.quotes[index];
        const text = stripQuotes(q.text);
        const short = text.length > 160 ? `${text.slice(0, 160)}…` : text;
        return el("li", { class: "quote-item" },
          el("button", {
            type: "button", "data-quote": String(index),
            "aria-label": `Quotation by ${who}${q.cue ? `, cue “${q.cue.text}”` : ""}: ${short}. Show it`,
          }, el("q", {}, short)),
          el("div", { class: "meta" }, q.speaker ? q.speaker.text : q.speakerName ? "(continues)" : "—",
            q.cue ? ` · ${q.cue.text}` : "", ` · ${q.kind}`));
      }))));
    this.quotes.replaceChildren(...(groups.length ? groups : [el("p", {}, "No quotations found.")]));
  }
}
