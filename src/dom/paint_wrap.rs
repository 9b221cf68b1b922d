//! Painting by wrapping text pieces in `<mark class="ah-mark …">`, fully reversible.
//!
//! A text node under spans is cut into pieces. The original node object stays where it is
//! and keeps the first piece when that piece is not highlighted (else it is emptied); every
//! other piece is a new text node (split natively from a detached clone, so no text is
//! copied through Rust), highlighted ones inside a new `<mark>`, built off-document in a
//! `DocumentFragment` and inserted after the original in one DOM operation. The journal
//! records the original node, its text and the nodes inserted after it, so
//! [`WrapJournal::restore`] removes the inserted nodes and gives the original its text back:
//! `innerHTML` is byte-identical afterwards, the page's own text nodes are the very same
//! objects, and no `normalize()` is ever called. Text directly inside table structure, list
//! containers, `select` or editable regions is never wrapped.

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Node, Text};

use super::text_model::TextModel;
use super::{class_for, PaintSpan};
use crate::boundary::Error;

/// Parents whose direct text children must not be wrapped.
const NO_WRAP_PARENTS: &[&str] = &[
    "TABLE", "TBODY", "THEAD", "TFOOT", "TR", "COLGROUP", "UL", "OL", "DL", "SELECT", "OPTION",
    "OPTGROUP", "TEXTAREA", "DATALIST",
];

/// What [`paint`] changed, so it can be undone exactly.
#[derive(Debug, Default)]
pub struct WrapJournal {
    marks: Vec<Element>,
    /// (original text node, its original text, the nodes inserted right after it)
    cuts: Vec<(Text, JsValue, Vec<Node>)>,
}

fn dom_err(what: &str) -> impl Fn(wasm_bindgen::JsValue) -> Error + '_ {
    move |e| Error::Dom(format!("{what}: {e:?}"))
}

fn wrappable(parent: &Element) -> bool {
    if NO_WRAP_PARENTS.contains(&parent.tag_name().to_ascii_uppercase().as_str()) {
        return false;
    }
    let editable = parent
        .closest("[contenteditable]:not([contenteditable='false'])")
        .ok()
        .flatten()
        .is_some();
    !editable
}

/// Wraps every piece of text covered by `spans`. On a DOM error the changes made so far
/// are undone before the error is returned.
pub fn paint(doc: &Document, model: &TextModel, spans: &[PaintSpan]) -> Result<WrapJournal, Error> {
    let mut journal = WrapJournal::default();
    match paint_into(doc, model, spans, &mut journal) {
        Ok(()) => Ok(journal),
        Err(e) => {
            journal.restore();
            Err(e)
        }
    }
}

fn paint_into(
    doc: &Document,
    model: &TextModel,
    spans: &[PaintSpan],
    journal: &mut WrapJournal,
) -> Result<(), Error> {
    let mut order: Vec<&PaintSpan> = spans.iter().filter(|s| s.start < s.end).collect();
    order.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    let mut next = 0;
    let mut active: Vec<&PaintSpan> = Vec::new();
    let mut last_parent: Option<(Element, bool)> = None;
    for piece in &model.pieces {
        let (p_start, p_end) = (piece.start, piece.start + piece.len);
        active.retain(|s| s.end > p_start);
        while next < order.len() && order[next].start < p_end {
            if order[next].end > p_start {
                active.push(order[next]);
            }
            next += 1;
        }
        if active.is_empty() {
            continue;
        }
        let Some(parent) = piece.node.parent_element() else {
            continue;
        };
        // Consecutive pieces often share a parent: decide once per parent.
        let ok = match &last_parent {
            Some((p, ok)) if *p == parent => *ok,
            _ => {
                let ok = wrappable(&parent);
                last_parent = Some((parent.clone(), ok));
                ok
            }
        };
        if !ok {
            continue;
        }
        let mut cuts: Vec<usize> = vec![0, piece.len];
        for s in &active {
            cuts.push(s.start.max(p_start) - p_start);
            cuts.push(s.end.min(p_end) - p_start);
        }
        cuts.sort_unstable();
        cuts.dedup();
        // The text is never copied into Rust: each piece is one substring of the node's
        // JavaScript string, made once (splitting a copy again and again re-copied its tail
        // for every cut: quadratic on a long text node with many spans).
        let original =
            Reflect::get(&piece.node, &JsValue::from_str("data")).map_err(dom_err("Text.data"))?;
        let data: js_sys::JsString = original
            .clone()
            .dyn_into()
            .map_err(|_| Error::Dom("Text.data is not a string".into()))?;
        let fragment = doc.create_document_fragment();
        let mut inserted: Vec<Node> = Vec::new();
        let mut keep_first = 0;
        // One sweep over the spans (sorted by start) finds what covers each piece: every
        // span boundary inside the node is a cut, so an open span covers the whole piece.
        let mut open: Vec<&PaintSpan> = Vec::new();
        let mut j = 0;
        for (k, w) in cuts.windows(2).enumerate() {
            let (a, b) = (p_start + w[0], p_start + w[1]);
            open.retain(|s| s.end > a);
            while j < active.len() && active[j].start <= a {
                if active[j].end > a {
                    open.push(active[j]);
                }
                j += 1;
            }
            let covering: Vec<&PaintSpan> = open.clone();
            if k == 0 && covering.is_empty() {
                keep_first = w[1];
                continue;
            }
            let text = doc.create_text_node("");
            Reflect::set(
                &text,
                &JsValue::from_str("data"),
                &data.substring(w[0] as u32, w[1] as u32),
            )
            .map_err(dom_err("Text.data"))?;
            let top: Node = if covering.is_empty() {
                text.into()
            } else {
                let mark = make_mark(doc, &covering, b)?;
                mark.append_child(&text).map_err(dom_err("appendChild"))?;
                journal.marks.push(mark.clone());
                mark.into()
            };
            fragment
                .append_child(&top)
                .map_err(dom_err("appendChild"))?;
            inserted.push(top);
        }
        let host = piece
            .node
            .parent_node()
            .ok_or_else(|| Error::Dom("text piece has no parent".into()))?;
        let after = piece.node.next_sibling();
        // Journal first: a failure below is undone by restore().
        journal.cuts.push((piece.node.clone(), original, inserted));
        piece
            .node
            .delete_data(keep_first as u32, (piece.len - keep_first) as u32)
            .map_err(dom_err("Text.deleteData"))?;
        host.insert_before(&fragment, after.as_ref())
            .map_err(dom_err("insertBefore"))?;
    }
    Ok(())
}

fn make_mark(doc: &Document, covering: &[&PaintSpan], frag_end: usize) -> Result<Element, Error> {
    let mark = doc
        .create_element("mark")
        .map_err(dom_err("createElement"))?;
    let mut classes = vec!["ah-mark".to_string()];
    classes.extend(covering.iter().map(|s| class_for(&s.kind)));
    mark.set_attribute("class", &classes.join(" "))
        .map_err(dom_err("setAttribute"))?;
    // The innermost entity gives the id and, on its last piece, the visible label.
    if let Some(entity) = covering
        .iter()
        .filter(|s| s.kind != "quote")
        .min_by_key(|s| s.end - s.start)
    {
        mark.set_attribute("data-ah-entity", &entity.id.to_string())
            .map_err(dom_err("setAttribute"))?;
        mark.set_attribute("data-ah-mention", &entity.index.to_string())
            .map_err(dom_err("setAttribute"))?;
        if entity.end == frag_end {
            mark.set_attribute("data-ah-label", &entity.kind)
                .map_err(dom_err("setAttribute"))?;
        }
    }
    if let Some(quote) = covering.iter().find(|s| s.kind == "quote") {
        mark.set_attribute("data-ah-quote", &quote.id.to_string())
            .map_err(dom_err("setAttribute"))?;
    }
    Ok(mark)
}

impl WrapJournal {
    /// Undoes the painting: removes every node inserted after a cut text node and gives
    /// the original node its original text back. Safe to call more than once.
    pub fn restore(&mut self) {
        self.marks.clear();
        for (node, data, inserted) in self.cuts.drain(..).rev() {
            for n in inserted {
                if let Some(parent) = n.parent_node() {
                    let _ = parent.remove_child(&n);
                }
            }
            let _ = Reflect::set(&node, &JsValue::from_str("data"), &data);
        }
    }

    /// The marks currently in the page.
    pub fn marks(&self) -> &[Element] {
        &self.marks
    }
}
