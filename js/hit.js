// Which highlight is under a point. wrap mode: the <mark> under the pointer carries the
// entity id, the mention's index and the quotation index (no Range objects are kept: live
// ranges would slow down every later DOM change, clear() included). css mode: CSS.highlights.highlightsFromPoint() where the
// browser has it (its ranges are the handle's own Range objects, so they map back by
// identity), else the caret position under the point (caretPositionFromPoint, or
// caretRangeFromPoint) compared with every span's range, confirmed against the range's
// client rectangles (the caret APIs answer with the nearest caret, also in margins).
export class HitTester {
  constructor(handle, summary) {
    this.mentions = summary.mentions;
    this.handle = handle;
    this.spans = handle.mode === "wrap" ? [] : handle.spans();
    this.byRange = new Map(this.spans.map((s) => [s.range, s]));
  }

  // { entity: span | null, quote: span | null } under (x, y), or null.
  at(x, y, target) {
    const found = this.handle.mode === "wrap" ? this.#fromMark(target) : this.#fromHighlights(x, y) ?? this.#fromCaret(x, y);
    if (!found?.length) return null;
    const entity = found.filter((s) => s.type === "entity")
      .sort((a, b) => a.range.toString().length - b.range.toString().length)[0] ?? null;
    return { entity, quote: found.find((s) => s.type === "quote") ?? null };
  }

  #fromMark(target) {
    const mark = target?.closest?.("mark.ah-mark");
    if (!mark || !this.handle.root.contains(mark)) return null;
    const range = document.createRange();
    range.selectNodeContents(mark);
    const out = [];
    const id = mark.getAttribute("data-ah-entity"), mention = mark.getAttribute("data-ah-mention");
    if (id !== null && mention !== null) {
      const m = this.mentions[Number(mention)];
      if (m) out.push({ type: "entity", label: m.label, entityId: Number(id), index: Number(mention), range });
    }
    const q = mark.getAttribute("data-ah-quote");
    if (q !== null) out.push({ type: "quote", index: Number(q), range });
    return out;
  }

  #fromHighlights(x, y) {
    const registry = globalThis.CSS?.highlights;
    if (typeof registry?.highlightsFromPoint !== "function") return null;
    const out = [];
    for (const hit of registry.highlightsFromPoint(x, y)) {
      for (const r of hit.ranges ?? []) {
        const span = this.byRange.get(r);
        if (span && !out.includes(span)) out.push(span);
      }
    }
    return out;
  }

  #fromCaret(x, y) {
    let node, offset;
    if (typeof document.caretPositionFromPoint === "function") {
      const p = document.caretPositionFromPoint(x, y);
      if (p) ({ offsetNode: node, offset } = p);
    } else if (typeof document.caretRangeFromPoint === "function") {
      const r = document.caretRangeFromPoint(x, y);
      if (r) ({ startContainer: node, startOffset: offset } = r);
    }
    if (!node) return null;
    const inside = (r) => [...r.getClientRects()].some((b) => x >= b.left && x <= b.right && y >= b.top && y <= b.bottom);
    return this.spans.filter((s) => {
      try { return s.range.isPointInRange(node, offset) && inside(s.range); } catch { return false; }
    });
  }
}
