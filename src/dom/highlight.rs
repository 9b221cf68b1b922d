//! `highlight(root?, options?)`: annotate the text of a DOM element and paint it.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use js_sys::Array;
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, Range};

use super::article::find_article;
use super::paint_wrap::WrapJournal;
use super::text_model::{DeferredText, TextModel};
use super::{class_for, given, paint_css, paint_wrap, style, PaintSpan};
use crate::boundary::flat;
use crate::boundary::js::{flat_to_js, parse_options, to_js, to_js_error};
use crate::boundary::options::AnnotateOptions;
use crate::boundary::{try_annotate_to_shape, AnnotationOut, Error};

#[wasm_bindgen(typescript_custom_section)]
const TS_HIGHLIGHT: &str = r#"
/**
 * Annotates the text of `root` (default: the page's article, found as a reader would) and
 * highlights it. Returns a handle whose `clear()` puts the DOM back exactly as it was.
 * Throws an `Error` for invalid options or a root that is not an `Element`.
 */
export function highlight(root?: Element | null, options?: HighlightOptions | null): HighlightHandle;

/** Options of highlight(). Unknown fields are an error. */
export interface HighlightOptions extends AnnotateOptions {
  /** "css": CSS Custom Highlight API, no DOM change; "wrap": reversible <mark> wrapping;
   *  "auto" (default): "css" where the browser supports it, else "wrap". */
  mode?: "auto" | "css" | "wrap";
  /** Paint this annotation (e.g. computed in a worker on `textOf(root)`) instead of
   *  annotating again. Its offsets must index into `textOf(root)`. */
  annotation?: Annotation;
}

/** A painted span and its DOM Range (see HighlightHandle.spans()). */
export type PaintedSpan =
  | { type: "entity"; label: Label; entityId: number; index: number; range: Range }
  | { type: "quote"; index: number; range: Range };
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
    /// A ready annotation of the root's text to paint instead of annotating again.
    #[serde(default, deserialize_with = "given_annotation")]
    pub annotation: Option<AnnotationOut>,
}

/// Reads `options.annotation` with [`given::read_annotation`] (one call into JavaScript for
/// a plainly valid annotation) rather than field by field; `null` and `undefined` are none.
fn given_annotation<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<AnnotationOut>, D::Error> {
    let value: JsValue = serde_wasm_bindgen::preserve::deserialize(d)?;
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    given::read_annotation(value)
        .map(Some)
        .map_err(serde::de::Error::custom)
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
    text: AnnotatedText,
    result: AnnotationOut,
    spans: Vec<PaintSpan>,
    /// css mode: the model the ranges were made from (the DOM is unchanged, so it stays
    /// valid) and one range per span (`None` where a span covers no text node).
    model: Option<TextModel>,
    ranges: Vec<Option<Range>>,
    css_names: Vec<String>,
    journal: WrapJournal,
    timings: Timings,
}

/// The text that was annotated: read, or (for a ready annotation) left in JavaScript until
/// the `text` getter asks for it.
enum AnnotatedText {
    Read(String),
    Deferred(DeferredText),
}

impl AnnotatedText {
    /// The text when it was read (empty when deferred).
    fn as_read(&self) -> &str {
        match self {
            AnnotatedText::Read(text) => text,
            AnnotatedText::Deferred(_) => "",
        }
    }
}

/// Milliseconds spent in each step of `highlight()`.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Timings {
    text_model: f64,
    annotate: f64,
    paint: f64,
    style_lookups: usize,
}

impl State {
    fn clear(&mut self) {
        if !self.active {
            return;
        }
        self.active = false;
        paint_css::unpaint(&self.css_names);
        self.journal.restore();
        self.ranges.clear();
        self.model = None;
    }

    /// The current text model: the cached one (css mode) or a fresh read (wrap mode, where
    /// the text nodes were split; the text itself is the same).
    fn with_model<T>(&self, f: impl FnOnce(&TextModel) -> T) -> T {
        match &self.model {
            Some(m) => f(m),
            None => f(&TextModel::build(&self.root)),
        }
    }

    /// The range of every span, in the order of `spans`.
    fn span_ranges(&self) -> Result<Vec<Option<Range>>, Error> {
        if self.mode == Mode::Css && self.active {
            return Ok(self.ranges.clone());
        }
        let doc = document_of(&self.root)?;
        self.with_model(|m| {
            self.spans
                .iter()
                .map(|s| range_for(&doc, m, s.start, s.end))
                .collect()
        })
    }
}

thread_local! {
    /// Live highlights, so highlighting a root again (or a root inside or around it)
    /// replaces, never nests.
    static LIVE: RefCell<Vec<(Element, Weak<RefCell<State>>)>> = const { RefCell::new(Vec::new()) };
}

/// Milliseconds since page load, from `performance.now()` (0 where there is none).
fn now() -> f64 {
    let perf = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("performance"))
        .unwrap_or(JsValue::UNDEFINED);
    js_sys::Reflect::get(&perf, &JsValue::from_str("now"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(&perf).ok())
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0)
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

    /// The element that was highlighted.
    #[wasm_bindgen(getter)]
    pub fn root(&self) -> Element {
        self.state.borrow().root.clone()
    }

    /// The text that was annotated (the root's text with paragraph separators).
    #[wasm_bindgen(getter)]
    pub fn text(&self) -> String {
        match &self.state.borrow().text {
            AnnotatedText::Read(text) => text.clone(),
            AnnotatedText::Deferred(deferred) => deferred.read(),
        }
    }

    /// The annotation; offsets index into `text`.
    #[wasm_bindgen(getter, unchecked_return_type = "Annotation")]
    pub fn annotation(&self) -> Result<JsValue, JsError> {
        let state = self.state.borrow();
        // The read text is where every span's text comes from: one conversion of it and
        // one call build the object (see boundary/flat.rs); otherwise field by field.
        if let AnnotatedText::Read(text) = &state.text {
            if let Some(flat) = flat::from_shape(&state.result) {
                return Ok(flat_to_js(&JsValue::from_str(text), &flat));
            }
        }
        to_js(&state.result)
    }

    /// Milliseconds spent reading the text, annotating and painting, and the number of
    /// computed-style lookups the text model needed.
    #[wasm_bindgen(
        getter,
        unchecked_return_type = "{ textModel: number; annotate: number; paint: number; styleLookups: number }"
    )]
    pub fn timings(&self) -> Result<JsValue, JsError> {
        to_js(&self.state.borrow().timings)
    }

    /// Every painted span with its DOM `Range`, entities first, then quotations:
    /// `{ type: "entity", label, entityId, index, range }` (index into
    /// `annotation.entities`) or `{ type: "quote", index, range }`. In css mode the ranges
    /// are the very objects registered in `CSS.highlights`, so hit-testing can map a range
    /// from `highlightsFromPoint()` back to its span by identity. Spans that cover no text
    /// node are left out.
    #[wasm_bindgen(unchecked_return_type = "PaintedSpan[]")]
    pub fn spans(&self) -> Result<Array, JsError> {
        let state = self.state.borrow();
        let ranges = state.span_ranges().map_err(to_js_error)?;
        let out = Array::new();
        let set = |o: &js_sys::Object, k: &str, v: &JsValue| {
            js_sys::Reflect::set(o, &JsValue::from_str(k), v).map(|_| ())
        };
        for (span, range) in state.spans.iter().zip(ranges) {
            let is_quote = span.kind == "quote";
            let index = span.index;
            let Some(range) = range else { continue };
            let o = js_sys::Object::new();
            let fill = || -> Result<(), JsValue> {
                if is_quote {
                    set(&o, "type", &"quote".into())?;
                } else {
                    set(&o, "type", &"entity".into())?;
                    set(&o, "label", &JsValue::from_str(&span.kind))?;
                    set(&o, "entityId", &span.id.into())?;
                }
                set(&o, "index", &(index as u32).into())?;
                set(&o, "range", &range)
            };
            fill().map_err(|e| to_js_error(Error::Dom(format!("{e:?}"))))?;
            out.push(&o);
        }
        Ok(out)
    }

    /// DOM `Range`s of every mention of entity `entityId`, in document order.
    #[wasm_bindgen(js_name = mentionRanges, unchecked_return_type = "Range[]")]
    pub fn mention_ranges(&self, entity_id: u32) -> Result<Array, JsError> {
        let state = self.state.borrow();
        let ranges = state.span_ranges().map_err(to_js_error)?;
        let out = Array::new();
        for (span, range) in state.spans.iter().zip(ranges) {
            if span.kind != "quote" && span.id == entity_id {
                if let Some(r) = range {
                    out.push(&r);
                }
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
        state
            .with_model(|m| range_for(&doc, m, q.start, q.end))
            .map_err(to_js_error)
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

/// Accepts a ready annotation only if every span lies inside the root's text.
fn check_fits(given: AnnotationOut, model: &TextModel) -> Result<AnnotationOut, Error> {
    let len = model.len16();
    let spans = given
        .entities
        .iter()
        .map(|e| (e.start, e.end))
        .chain(given.quotes.iter().map(|q| (q.start, q.end)));
    for (start, end) in spans {
        if start > end || end > len {
            return Err(Error::InvalidOptions(format!(
                "options.annotation has a span {start}..{end} outside the root's text (length {len}); annotate textOf(root), not another string"
            )));
        }
    }
    Ok(given)
}

/// The text `highlight()` reads from `root` (paragraph breaks at blocks and `<br>`), so that
/// it can be annotated elsewhere (e.g. in a worker) and painted with `options.annotation`.
#[wasm_bindgen(js_name = textOf)]
pub fn text_of(root: &Element) -> String {
    TextModel::build(root).text
}

fn paint_spans(result: &AnnotationOut) -> Vec<PaintSpan> {
    let entities = result.entities.iter().enumerate().map(|(i, e)| PaintSpan {
        start: e.start,
        end: e.end,
        kind: e.label.clone(),
        id: e.entity_id,
        index: i,
    });
    let quotes = result.quotes.iter().enumerate().map(|(i, q)| PaintSpan {
        start: q.start,
        end: q.end,
        kind: "quote".to_string(),
        id: i as u32,
        index: i,
    });
    entities.chain(quotes).collect()
}

fn run(root: JsValue, options: JsValue) -> Result<HighlightHandle, Error> {
    let options: HighlightOptions =
        parse_options(options, &["mode", "labels", "quotes", "annotation"])?;
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

    // Highlighting a root again (or one inside or around it) replaces the live highlight
    // instead of nesting; css highlights have page-wide names, so a new css highlight also
    // replaces every other live css highlight.
    LIVE.with(|live| {
        let mut live = live.borrow_mut();
        live.retain(|(el, weak)| match weak.upgrade() {
            Some(state) => {
                let overlaps = el.contains(Some(&root)) || root.contains(Some(el));
                let same_names = mode == Mode::Css && state.borrow().mode == Mode::Css;
                if overlaps || same_names {
                    state.borrow_mut().clear();
                    false
                } else {
                    state.borrow().active
                }
            }
            None => false,
        });
    });

    let t0 = now();
    // A ready annotation needs only where the text nodes sit, not their text (read later,
    // if ever, by the `text` getter).
    let mut model = if options.annotation.is_some() {
        TextModel::build_offsets(&root)
    } else {
        TextModel::build(&root)
    };
    let text = match model.take_deferred() {
        Some(deferred) => AnnotatedText::Deferred(deferred),
        None => AnnotatedText::Read(std::mem::take(&mut model.text)),
    };
    let t1 = now();
    let result = match options.annotation {
        Some(given) => check_fits(given, &model)?,
        None => try_annotate_to_shape(text.as_read(), &core)?,
    };
    let t2 = now();
    let spans = paint_spans(&result);
    style::ensure(&doc)?;
    let mut css_names = Vec::new();
    let mut journal = WrapJournal::default();
    let mut ranges = Vec::new();
    let mut cached = None;
    match mode {
        Mode::Css => {
            let mut groups: Vec<(String, Vec<Range>)> = Vec::new();
            for s in &spans {
                let range = range_for(&doc, &model, s.start, s.end)?;
                if let Some(range) = &range {
                    let name = class_for(&s.kind);
                    match groups.iter_mut().find(|(n, _)| *n == name) {
                        Some((_, v)) => v.push(range.clone()),
                        None => groups.push((name, vec![range.clone()])),
                    }
                }
                ranges.push(range);
            }
            paint_css::paint(&groups)?;
            css_names = groups.into_iter().map(|(n, _)| n).collect();
            cached = Some(model.clone());
        }
        Mode::Wrap => journal = paint_wrap::paint(&root, &model, &spans)?,
    }
    let t3 = now();
    let timings = Timings {
        text_model: t1 - t0,
        annotate: t2 - t1,
        paint: t3 - t2,
        style_lookups: model.style_lookups,
    };
    let state = Rc::new(RefCell::new(State {
        root: root.clone(),
        mode,
        active: true,
        text,
        result,
        spans,
        model: cached,
        ranges,
        css_names,
        journal,
        timings,
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
// Its TypeScript declaration is written by hand (in TS_HIGHLIGHT) so both arguments are optional.
#[wasm_bindgen(js_name = highlight, skip_typescript)]
pub fn highlight_js(root: JsValue, options: JsValue) -> Result<HighlightHandle, JsError> {
    run(root, options).map_err(to_js_error)
}
