// The stylesheet of the element's shadow root (panel and popover). Page styles cannot reach
// into it; `all: initial` on the host stops inherited fonts and colours too.
export const SHADOW_CSS = `
:host { all: initial; display: block; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif;
  color: #111; background: #fff; color-scheme: light; border: 1px solid #bbb; border-radius: 8px;
  padding: .75rem 1rem; box-sizing: border-box; }
:host([hidden]), :host([nopanel]) .panel { display: none; }
:host([nopanel]) { border: 0; padding: 0; background: transparent; }
:host([floating]) { position: fixed; top: 1rem; right: 1rem; width: 21rem; max-height: calc(100vh - 2rem);
  overflow: auto; z-index: 2147483646; box-shadow: 0 4px 24px #0004; }
* { box-sizing: border-box; }
h2 { font-size: 1rem; margin: .8rem 0 .3rem; }
h2:first-of-type { margin-top: 0; }
h3 { font-size: .8rem; margin: .6rem 0 .2rem; text-transform: uppercase; letter-spacing: .05em; color: #444; }
ul { list-style: none; margin: 0; padding: 0; }
li { margin: .15rem 0; }
button { font: inherit; color: inherit; background: transparent; border: 1px solid transparent; border-radius: 4px;
  padding: .1rem .35rem; cursor: pointer; text-align: start; }
button:hover { border-color: #888; }
button:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 1px; }
button[aria-current="true"] { border-color: #111; font-weight: 600; }
.count, .meta { color: #444; margin-left: .3rem; font-size: .85em; }
.legend li { display: inline-block; margin: 0 .4rem .3rem 0; }
.swatch { display: inline-block; padding: 0 .35rem; border-radius: 3px; text-decoration-thickness: 1px; }
.quote-item { border-left: 3px solid #9d174d; padding-left: .5rem; margin: .4rem 0; }
.quote-item q { display: block; font-family: Georgia, serif; }
.status { color: #444; font-size: .85em; margin: 0 0 .4rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.popover { all: initial; position: fixed; z-index: 2147483647; max-width: 22rem; display: flex; flex-direction: column;
  gap: .4rem; font: 13px/1.4 system-ui, sans-serif; color: #fff; background: #111; border: 2px solid #fff;
  border-radius: 6px; padding: .45rem .6rem; box-shadow: 0 4px 16px #0006; pointer-events: none; }
.popover[hidden] { display: none; }
.popover > div { display: flex; flex-direction: column; }
.pop-label { text-transform: uppercase; font-size: .75em; letter-spacing: .06em; color: #ffd27a; }
.pop-count, .pop-as, .pop-cue, .pop-excerpt { color: #ddd; }
@media (prefers-color-scheme: dark) {
  :host { color: #eee; background: #1b1b1b; border-color: #555; color-scheme: dark; }
  h3, .count, .meta, .status { color: #bbb; }
  button[aria-current="true"] { border-color: #eee; }
  button:focus-visible { outline-color: #7aa7ff; }
}
@media (forced-colors: active) {
  :host { border-color: CanvasText; }
  button:focus-visible { outline-color: Highlight; }
  button[aria-current="true"] { border-color: Highlight; }
  .swatch { forced-color-adjust: none; background: Mark !important; color: MarkText !important; }
  .popover { background: Canvas; color: CanvasText; border-color: CanvasText; }
  .pop-label, .pop-count, .pop-as, .pop-cue, .pop-excerpt { color: CanvasText; }
}
`;
