//! Painting by wrapping text pieces in `<mark class="ah-mark …">`, fully reversible.
//!
//! Each touched text node is cut into pieces (the original node object keeps the first
//! piece, new text nodes hold the others) and the pieces under spans are wrapped. A journal records the marks, the original text of
//! every split node and the pieces split off, so [`WrapJournal::restore`] puts back the
//! same node objects with the same text: `innerHTML` is byte-identical afterwards and no
//! `normalize()` is ever called. Text directly inside table structure, list containers,
//! `select` or editable regions is never wrapped.

use wasm_bindgen::JsCast;
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
    splits: Vec<(Text, String, Vec<Text>)>,
}

fn dom_err(what: &str) -> impl Fn(wasm_bindgen::JsValue) -> Error + '_ {
    move |e| Error::Dom(format!("{what}: {e:?}"))
}

fn wrappable(node: &Text) -> bool {
    let Some(parent) = node.parent_element() else {
        return false;
    };
    if NO_WRAP_PARENTS.contains(&parent.tag_name().to_ascii_uppercase().as_str()) {
        return false;
    }
    let editable = parent
        .closest("[contenteditable]:not([contenteditable='false'])")
        .ok()
        .flatten()
        .is_some();
    let already = parent.closest(".ah-mark").ok().flatten().is_some();
    !editable && !already
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
    for piece in &model.pieces {
        let (p_start, p_end) = (piece.start, piece.start + piece.len);
        active.retain(|s| s.end > p_start);
        while next < order.len() && order[next].start < p_end {
            if order[next].end > p_start {
                active.push(order[next]);
            }
            next += 1;
        }
        if active.is_empty() || !wrappable(&piece.node) {
            continue;
        }
        let mut cuts: Vec<usize> = vec![0, piece.len];
        for s in &active {
            cuts.push(s.start.max(p_start) - p_start);
            cuts.push(s.end.min(p_end) - p_start);
        }
        cuts.sort_unstable();
        cuts.dedup();
        // Cut the node into its pieces: the original node object keeps the first piece, new
        // text nodes after it hold the others. Each piece is copied once (`substringData`);
        // repeated `splitText` would copy the shrinking remainder every time, which is
        // quadratic on a long text node with many spans.
        let original = piece.node.data();
        let node_len = piece.node.length() as usize;
        let parent = piece
            .node
            .parent_node()
            .ok_or_else(|| Error::Dom("text piece has no parent".into()))?;
        let after = piece.node.next_sibling();
        journal
            .splits
            .push((piece.node.clone(), original, Vec::new()));
        let mut fragments: Vec<Text> = vec![piece.node.clone()];
        for (k, w) in cuts.windows(2).enumerate().skip(1) {
            // The last piece keeps any text of the node past the model's part of it.
            let stop = if k + 2 == cuts.len() {
                node_len.max(w[1])
            } else {
                w[1]
            };
            let data = piece
                .node
                .substring_data(w[0] as u32, (stop - w[0]) as u32)
                .map_err(dom_err("Text.substringData"))?;
            let tail = doc.create_text_node(&data);
            parent
                .insert_before(&tail, after.as_ref())
                .map_err(dom_err("insertBefore"))?;
            if let Some((_, _, tails)) = journal.splits.last_mut() {
                tails.push(tail.clone());
            }
            fragments.push(tail);
        }
        if cuts.len() > 2 {
            piece
                .node
                .delete_data(cuts[1] as u32, (node_len.max(piece.len) - cuts[1]) as u32)
                .map_err(dom_err("Text.deleteData"))?;
        }
        // The spans covering each fragment, by one sweep: every span boundary is a cut, so a
        // span open at a fragment's start covers the whole fragment.
        let mut next_span = 0;
        let mut open: Vec<&PaintSpan> = Vec::new();
        for (k, fragment) in fragments.iter().enumerate() {
            let (a, b) = (p_start + cuts[k], p_start + cuts[k + 1]);
            open.retain(|s| s.end > a);
            while next_span < active.len() && active[next_span].start <= a {
                open.push(active[next_span]);
                next_span += 1;
            }
            let covering: Vec<&&PaintSpan> =
                open.iter().filter(|s| s.start <= a && s.end >= b).collect();
            if covering.is_empty() {
                continue;
            }
            let mark = wrap(doc, fragment, &covering, b)?;
            journal.marks.push(mark);
        }
    }
    Ok(())
}

fn wrap(
    doc: &Document,
    fragment: &Text,
    covering: &[&&PaintSpan],
    frag_end: usize,
) -> Result<Element, Error> {
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
        if entity.end == frag_end {
            mark.set_attribute("data-ah-label", &entity.kind)
                .map_err(dom_err("setAttribute"))?;
        }
    }
    if let Some(quote) = covering.iter().find(|s| s.kind == "quote") {
        mark.set_attribute("data-ah-quote", &quote.id.to_string())
            .map_err(dom_err("setAttribute"))?;
    }
    let parent = fragment
        .parent_node()
        .ok_or_else(|| Error::Dom("text piece has no parent".into()))?;
    let frag_node: &Node = fragment.unchecked_ref();
    parent
        .insert_before(&mark, Some(frag_node))
        .map_err(dom_err("insertBefore"))?;
    mark.append_child(frag_node)
        .map_err(dom_err("appendChild"))?;
    Ok(mark)
}

impl WrapJournal {
    /// Undoes the painting: unwraps every mark, removes the split-off pieces and gives each
    /// original text node its original text back. Safe to call more than once.
    pub fn restore(&mut self) {
        for mark in self.marks.drain(..).rev() {
            if let Some(parent) = mark.parent_node() {
                while let Some(child) = mark.first_child() {
                    let _ = parent.insert_before(&child, Some(&mark));
                }
                let _ = parent.remove_child(&mark);
            }
        }
        for (node, data, tails) in self.splits.drain(..).rev() {
            for tail in tails {
                if let Some(parent) = tail.parent_node() {
                    let _ = parent.remove_child(&tail);
                }
            }
            node.set_data(&data);
        }
    }

    /// The marks currently in the page.
    pub fn marks(&self) -> &[Element] {
        &self.marks
    }
}
