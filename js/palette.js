// Palette overrides (the `palette` attribute / option): "person: #ffd8a8; place: gold".
// Colours are checked with CSS.supports; the text colour on each background is black or
// white, whichever contrasts more (always at least 4.5:1). Applied page-wide through one
// <style data-ah-ui> element built with textContent.
import { palette as basePalette } from "../pkg/article_highlighter.js";

export const LABELS = ["person", "organization", "place", "misc", "date", "time", "money", "percent", "quote"];

export function parsePalette(text) {
  const out = new Map();
  for (const part of (text ?? "").split(";")) {
    if (!part.trim()) continue;
    const i = part.indexOf(":");
    const label = (i < 0 ? part : part.slice(0, i)).trim().toLowerCase();
    const colour = i < 0 ? "" : part.slice(i + 1).trim();
    if (!LABELS.includes(label)) throw new Error(`palette: unknown label "${label}": use ${LABELS.join(", ")}`);
    if (!colour || !CSS.supports("color", colour)) throw new Error(`palette: "${colour}" for ${label} is not a CSS colour`);
    out.set(label, colour);
  }
  return out;
}

let canvas;
function rgb(colour) {
  canvas ??= document.createElement("canvas").getContext("2d");
  canvas.fillStyle = "#000";
  canvas.fillStyle = colour;
  const v = canvas.fillStyle; // "#rrggbb" or "rgba(r, g, b, a)"
  if (v.startsWith("#")) return [1, 3, 5].map((i) => parseInt(v.slice(i, i + 2), 16));
  return v.match(/[\d.]+/g).slice(0, 3).map(Number);
}
const luminance = (c) => {
  const [r, g, b] = c.map((x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
export function contrast(a, b) {
  const [la, lb] = [luminance(rgb(a)), luminance(rgb(b))];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
export const inkFor = (bg) => (contrast(bg, "#000") >= contrast(bg, "#fff") ? "#000" : "#fff");

// The effective palette: label -> { background, ink, decoration }.
export function effectivePalette(overrides) {
  const out = new Map(basePalette().map((p) => [p.label, { background: p.background, ink: "#111", decoration: p.decoration }]));
  out.set("quote", { background: "#fbe4f1", ink: "#111", decoration: "solid" });
  for (const [label, colour] of overrides) out.set(label, { ...out.get(label), background: colour, ink: inkFor(colour) });
  return out;
}

export function applyPalette(doc, overrides) {
  let style = doc.getElementById("ah-palette");
  if (!overrides.size) { style?.remove(); return; }
  if (!style) {
    style = doc.createElement("style");
    style.id = "ah-palette";
    style.setAttribute("data-ah-ui", "");
  }
  (doc.head ?? doc.documentElement).append(style); // after the widget's own sheet
  const rules = [];
  for (const [label, colour] of overrides) {
    const ink = inkFor(colour);
    rules.push(`mark.ah-mark.ah-${label}{background-color:${colour};color:${ink}}`,
      `::highlight(ah-${label}){background-color:${colour};color:${ink}}`);
  }
  style.textContent = rules.join("\n");
}
