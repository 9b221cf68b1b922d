//! The widget's stylesheet: colours, decorations and label badges for both paint modes.
//!
//! Meaning is never carried by colour alone: each entity type has its own underline style
//! and, in the plain-text view, a visible label. Text on every highlight is near-black on a
//! light background (contrast well above 4.5:1), also on dark pages; forced-colors mode
//! falls back to system colours.

use web_sys::Document;

use crate::boundary::Error;

/// Per-type colours and underline styles: (kind, background, decoration).
pub const PALETTE: &[(&str, &str, &str)] = &[
    ("person", "#ffd8a8", "solid"),
    ("organization", "#c5e3ff", "double"),
    ("place", "#c9f7c0", "dotted"),
    ("misc", "#e5d4ff", "dashed"),
    ("date", "#fff3a3", "wavy"),
    ("time", "#ffe0ea", "wavy"),
    ("money", "#d2f5e3", "solid"),
    ("percent", "#f3e6d6", "solid"),
];

const STYLE_ID: &str = "ah-style";

fn css() -> String {
    let mut out = String::from(
        "mark.ah-mark{color:#111;background:transparent;padding:0;border-radius:2px}\n\
         mark.ah-quote{background-color:#fbe4f1;box-shadow:inset 0 -0.18em 0 #9d174d}\n\
         ::highlight(ah-quote){text-decoration:underline #9d174d 2px;color:#111;background-color:#fbe4f1}\n\
         .ah-view mark[data-ah-label]::after{content:attr(data-ah-label);font:600 0.62em/1 system-ui,sans-serif;\
         text-transform:uppercase;letter-spacing:.04em;margin-left:.3em;padding:.1em .3em;border-radius:3px;\
         background:#111;color:#fff;vertical-align:.15em}\n\
         mark.ah-mark.ah-active{outline:2px solid #111;outline-offset:1px}\n\
         mark.ah-mark.ah-selected{background-color:#1d3557;color:#fff;outline:2px solid #111;outline-offset:1px}\n\
         mark.ah-mark.ah-current{background-color:#111;color:#fff;outline:3px solid #ffbf00;outline-offset:1px}\n\
         ::highlight(ah-selected){background-color:#1d3557;color:#fff}\n\
         ::highlight(ah-current){background-color:#111;color:#fff;text-decoration:underline 3px solid #ffbf00}\n",
    );
    for (kind, bg, deco) in PALETTE {
        out.push_str(&format!(
            "mark.ah-{kind}{{background-color:{bg};text-decoration:underline {deco} #333 1px}}\n\
             ::highlight(ah-{kind}){{background-color:{bg};color:#111;text-decoration:underline {deco} #333 1px}}\n"
        ));
    }
    out.push_str(
        "@media (forced-colors: active){mark.ah-mark{forced-color-adjust:none;background:Mark;color:MarkText;\
         outline:1px solid CanvasText}::highlight(ah-person),::highlight(ah-organization),::highlight(ah-place),\
         ::highlight(ah-misc),::highlight(ah-date),::highlight(ah-time),::highlight(ah-money),\
         ::highlight(ah-percent),::highlight(ah-quote){background-color:Mark;color:MarkText}\
         mark.ah-mark.ah-selected,mark.ah-mark.ah-current{background:Highlight;color:HighlightText}\
         ::highlight(ah-selected),::highlight(ah-current){background-color:Highlight;color:HighlightText}}\n",
    );
    out
}

/// Adds the stylesheet to the document once (as text content of a `<style>`; no markup).
pub fn ensure(doc: &Document) -> Result<(), Error> {
    if doc.get_element_by_id(STYLE_ID).is_some() {
        return Ok(());
    }
    let style = doc
        .create_element("style")
        .map_err(|e| Error::Dom(format!("createElement(style): {e:?}")))?;
    style.set_id(STYLE_ID);
    style
        .set_attribute("data-ah-ui", "")
        .map_err(|e| Error::Dom(format!("{e:?}")))?;
    style.set_text_content(Some(&css()));
    let parent = doc
        .head()
        .map(web_sys::Node::from)
        .or_else(|| doc.document_element().map(web_sys::Node::from))
        .ok_or_else(|| Error::Dom("the document has no <head> or root element".into()))?;
    parent
        .append_child(&style)
        .map_err(|e| Error::Dom(format!("appendChild(style): {e:?}")))?;
    Ok(())
}

/// One entry of the palette, as `palette()` returns it to JavaScript.
#[derive(serde::Serialize)]
struct PaletteEntry {
    label: &'static str,
    background: &'static str,
    decoration: &'static str,
}

/// The colours and underline styles of each label, for legends.
#[wasm_bindgen::prelude::wasm_bindgen(
    js_name = palette,
    unchecked_return_type = "{ label: Label; background: string; decoration: string }[]"
)]
pub fn palette_js() -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsError> {
    let entries: Vec<PaletteEntry> = PALETTE
        .iter()
        .map(|&(label, background, decoration)| PaletteEntry {
            label,
            background,
            decoration,
        })
        .collect();
    crate::boundary::js::to_js(&entries)
}
