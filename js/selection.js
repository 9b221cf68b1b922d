// Marks the mentions of the entity (or the quotation) chosen in the panel: all of them as
// "selected", the one stepped to as "current". css mode: two extra highlights above the
// others; wrap mode: classes on the widget's own <mark>s.
export function markSelection(handle, ranges, current) {
  unmarkSelection(handle);
  if (!handle?.active || !ranges.length) return;
  if (handle.mode === "css") {
    const selected = new Highlight(...ranges);
    selected.priority = 2;
    const now = new Highlight(ranges[current]);
    now.priority = 3;
    CSS.highlights.set("ah-selected", selected);
    CSS.highlights.set("ah-current", now);
    return;
  }
  const marks = handle.root.querySelectorAll("mark.ah-mark");
  ranges.forEach((r, i) => {
    for (const m of marks) {
      if (!r.intersectsNode(m)) continue;
      m.classList.add("ah-selected");
      if (i === current) m.classList.add("ah-current");
    }
  });
}

export function unmarkSelection(handle) {
  if (globalThis.CSS?.highlights) { CSS.highlights.delete("ah-selected"); CSS.highlights.delete("ah-current"); }
  const root = handle?.root;
  if (!root?.isConnected) return;
  for (const m of root.querySelectorAll("mark.ah-selected, mark.ah-current")) {
    m.classList.remove("ah-selected", "ah-current");
  }
}
