//! `highlight(root?, options?)`: annotate the text of a DOM element and paint it.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use js_sys::Array;
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, Range};

use super::paint_wrap::WrapJournal;
use super::text_model::TextModel;
use super::{class_for, paint_css, paint_wrap, style, PaintSpan};
use crate::boundary::js::{parse_options, to_js, to_js_error};
use crate::boundary::options::AnnotateOptions;
use crate::boundary::{try_annotate_to_shape, AnnotationOut, Error};

#[wasm_bindgen(typescript_custom_section)]
const TS_HIGHLIGHT: &str = r#"
/** Options of highlight(). Unknown fields are an error. */
export interface HighlightOptions extends AnnotateOptions {
  /** "css": CSS Custom Highlight API, no DOM change; "wrap": reversible <mark> wrapping;
   *  "auto" (default): "css" where the browser supports it, else "wrap". */
  mode?: "auto" | "css" | "wrap";
}
"#;

/// `highlight()` options as JavaScript passes them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct HighlightOptions {
    /// `auto` (default), `css` or `wrap`.
    pub mode: Option<String>,
    /// Entity labels to show (default: all).
    pub labels: Option<Vec<String>>,
    /// Show quotations (default: `true`).
    pub quotes: Option<bool>,
}

/// How highlights are painted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// CSS Custom Highlight API: nothing in the DOM changes.
    Css,
    /// `<mark>` wrapping with an exact-restore journal.
    Wrap,
}

impl Mode {
    fn resolve(name: Option<&str>) -> Result<Mode, Error> {
        match name.unwrap_or("auto") {
            "auto" => Ok(if paint_css::supported() { Mode::Css } else { Mode::Wrap }),
            "css" if paint_css::supported() => Ok(Mode::Css),
            "css" => Err(Error::Unsupported(
                "mode \"css\" needs the CSS Custom Highlight API (CSS.highlights); use mode \"wrap\" or \"auto\"".into(),
            )),
            "wrap" => Ok(Mode::Wrap),
            other => Err(Error::UnknownMode(other.to_string())),
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Mode::Css => "css",
            Mode::Wrap => "wrap",
        }
    }
}

struct State {
    root: Element,
    mode: Mode,
    active: bool,
    text: String,
    result: AnnotationOut,
    css_names: Vec<String>,
    journal: WrapJournal,
}

impl State {
    fn clear(&mut self) {
        if !self.active {
            return;
        }
        self.active = false;
        paint_css::unpaint(&self.css_names);
        self.journal.restore();
    }
}

thread_local! {
    /// Live highlights per root, so highlighting a root again replaces, never nests.
    static LIVE: RefCell<Vec<(Element, Weak<RefCell<State>>)>> = const { RefCell::new(Vec::new()) };
}

/// A live highlight. `clear()` removes it and puts the page back exactly as it was.
#[wasm_bindgen]
pub struct HighlightHandle {
    state: Rc<RefCell<State>>,
}

#[wasm_bindgen]
impl HighlightHandle {
    /// Removes the highlights; the DOM is as before `highlight()` (same nodes, same text).
    /// Calling it again does nothing.
    pub fn clear(&self) {
        self.state.borrow_mut().clear();
    }

    /// `"css"` or `"wrap"`: how this highlight was painted.
    #[wasm_bindgen(getter)]
    pub fn mode(&self) -> String {
        self.state.borrow().mode.as_str().to_string()
    }

    /// False once `clear()` ran (or the root was highlighted again).
    #[wasm_bindgen(getter)]
    pub fn active(&self) -> bool {
        self.state.borrow().active
    }

    /// The text that was annotated (the root's text with paragraph separators).
    #[wasm_bindgen(getter)]
    pub fn text(&self) -> String {
        self.state.borrow().text.clone()
    }

    /// The annotation; offsets index into `text`.
    #[wasm_bindgen(getter, unchecked_return_type = "Annotation")]
    pub fn annotation(&self) -> Result<JsValue, JsError> {
        to_js(&self.state.borrow().result)
    }

    /// DOM `Range`s of every mention of entity `entityId`, in document order.
    #[wasm_bindgen(js_name = mentionRanges, unchecked_return_type = "Range[]")]
    pub fn mention_ranges(&self, entity_id: u32) -> Result<Array, JsError> {
        let state = self.state.borrow();
        let doc = document_of(&state.root).map_err(to_js_error)?;
        let model = TextModel::build(&state.root);
        let out = Array::new();
        for e in state
            .result
            .entities
            .iter()
            .filter(|e| e.entity_id == entity_id)
        {
            if let Some(r) = range_for(&doc, &model, e.start, e.end).map_err(to_js_error)? {
                out.push(&r);
            }
        }
        Ok(out)
    }

    /// DOM `Range` of quotation number `index` (its position in `annotation.quotes`).
    #[wasm_bindgen(js_name = quoteRange)]
    pub fn quote_range(&self, index: usize) -> Result<Option<Range>, JsError> {
        let state = self.state.borrow();
        let Some(q) = state.result.quotes.get(index) else {
            return Ok(None);
        };
        let doc = document_of(&state.root).map_err(to_js_error)?;
        let model = TextModel::build(&state.root);
        range_for(&doc, &model, q.start, q.end).map_err(to_js_error)
    }
}

fn document_of(root: &Element) -> Result<Document, Error> {
    root.owner_document()
        .ok_or_else(|| Error::InvalidRoot("the root does not belong to a document".into()))
}

/// The DOM range of the model span `[start, end)`, or `None` when it covers no text node.
fn range_for(
    doc: &Document,
    model: &TextModel,
    start: usize,
    end: usize,
) -> Result<Option<Range>, Error> {
    let (Some((a, a_off)), Some((b, b_off))) = (model.locate_start(start), model.locate_end(end))
    else {
        return Ok(None);
    };
    if a.start > b.start || (a.start == b.start && a_off >= b_off) {
        return Ok(None);
    }
    let dom = |e: JsValue| Error::Dom(format!("Range: {e:?}"));
    let range = doc.create_range().map_err(dom)?;
    range.set_start(&a.node, a_off as u32).map_err(dom)?;
    range.set_end(&b.node, b_off as u32).map_err(dom)?;
    Ok(Some(range))
}

/// Where the article is when no root is given: `article`, `[itemprop=articleBody]`,
/// `main`, else the element holding the most paragraph text, else `body`.
pub fn find_article(doc: &Document) -> Option<Element> {
    for sel in ["[itemprop=articleBody]", "article", "main", "[role=main]"] {
        if let Ok(Some(el)) = doc.query_selector(sel) {
            return Some(el);
        }
    }
    let mut best: Option<(Element, usize)> = None;
    if let Ok(ps) = doc.query_selector_all("p") {
        let mut totals: Vec<(Element, usize)> = Vec::new();
        for i in 0..ps.length() {
            let Some(p) = ps.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            let Some(parent) = p.parent_element() else {
                continue;
            };
            let len = p.text_content().map_or(0, |t| t.len());
            match totals.iter_mut().find(|(e, _)| *e == parent) {
                Some(slot) => slot.1 += len,
                None => totals.push((parent, len)),
            }
        }
        best = totals.into_iter().max_by_key(|(_, n)| *n);
    }
    best.map(|(e, _)| e)
        .or_else(|| doc.body().map(Element::from))
}

fn paint_spans(result: &AnnotationOut) -> Vec<PaintSpan> {
    let entities = result.entities.iter().map(|e| PaintSpan {
        start: e.start,
        end: e.end,
        kind: e.label.clone(),
        id: e.entity_id,
    });
    let quotes = result.quotes.iter().enumerate().map(|(i, q)| PaintSpan {
        start: q.start,
        end: q.end,
        kind: "quote".to_string(),
        id: i as u32,
    });
    entities.chain(quotes).collect()
}

fn run(root: JsValue, options: JsValue) -> Result<HighlightHandle, Error> {
    let options: HighlightOptions = parse_options(options, &["mode", "labels", "quotes"])?;
    let core = AnnotateOptions {
        labels: options.labels.clone(),
        quotes: options.quotes,
    }
    .to_core()?;
    let mode = Mode::resolve(options.mode.as_deref())?;
    let root: Element = if root.is_undefined() || root.is_null() {
        let doc = web_sys::window()
            .and_then(|w| w.document())
            .ok_or_else(|| Error::InvalidRoot("no root given and no document to search".into()))?;
        find_article(&doc).ok_or_else(|| {
            Error::InvalidRoot("no root given and the page has no article or body".into())
        })?
    } else {
        root.dyn_into::<Element>().map_err(|v| {
            Error::InvalidRoot(format!(
                "expected an Element, got {}",
                v.js_typeof().as_string().unwrap_or_default()
            ))
        })?
    };
    let doc = document_of(&root)?;

    // Highlighting a root again replaces the live highlight instead of nesting.
    LIVE.with(|live| {
        let mut live = live.borrow_mut();
        live.retain(|(el, weak)| match weak.upgrade() {
            Some(state) if *el == root => {
                state.borrow_mut().clear();
                false
            }
            Some(state) => state.borrow().active,
            None => false,
        });
    });

    let model = TextModel::build(&root);
    let result = try_annotate_to_shape(&model.text, &core)?;
    let spans = paint_spans(&result);
    style::ensure(&doc)?;
    let mut css_names = Vec::new();
    let mut journal = WrapJournal::default();
    match mode {
        Mode::Css => {
            let mut groups: Vec<(String, Vec<Range>)> = Vec::new();
            for s in &spans {
                let Some(range) = range_for(&doc, &model, s.start, s.end)? else {
                    continue;
                };
                let name = class_for(&s.kind);
                match groups.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, v)) => v.push(range),
                    None => groups.push((name, vec![range])),
                }
            }
            paint_css::paint(&groups)?;
            css_names = groups.into_iter().map(|(n, _)| n).collect();
        }
        Mode::Wrap => journal = paint_wrap::paint(&doc, &model, &spans)?,
    }
    let state = Rc::new(RefCell::new(State {
        root: root.clone(),
        mode,
        active: true,
        text: model.text,
        result,
        css_names,
        journal,
    }));
    LIVE.with(|live| live.borrow_mut().push((root, Rc::downgrade(&state))));
    Ok(HighlightHandle { state })
}

/// Annotates the text of `root` (default: the page's article) and highlights it.
///
/// Returns a handle whose `clear()` puts the DOM back exactly as it was. Highlighting the
/// same root again first clears the earlier highlight. A root without text gives a handle
/// with an empty annotation. Throws an `Error` for invalid options or a root that is not
/// an `Element`.
#[wasm_bindgen(js_name = highlight)]
pub fn highlight_js(
    #[wasm_bindgen(unchecked_param_type = "Element | null | undefined")] root: JsValue,
    #[wasm_bindgen(unchecked_param_type = "HighlightOptions")] options: JsValue,
) -> Result<HighlightHandle, JsError> {
    run(root, options).map_err(to_js_error)
}
