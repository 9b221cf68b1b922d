//! Painting by wrapping text pieces in `<mark class="ah-mark …">`, fully reversible.
//!
//! A text node under spans is cut into pieces. The original node object stays where it is
//! and keeps the first piece when that piece is not highlighted (else it is emptied); every
//! other piece is a new text node, highlighted ones inside a new `<mark>`, built
//! off-document and inserted after the original in one DOM operation (`after()`). The journal records the original node, its text and the nodes inserted after
//! it, so [`WrapJournal::restore`] removes the inserted nodes and gives the original its
//! text back: `innerHTML` is byte-identical afterwards, the page's own text nodes are the
//! very same objects, and no `normalize()` is ever called. Text directly inside table
//! structure, list containers, `select` or editable regions is never wrapped.
//!
//! Rust decides the cuts and what covers each piece; the DOM work is done by the small
//! JavaScript helper next to this file (`paint_wrap.js`), in one call for the whole text:
//! calling into JavaScript once per DOM operation, with a string decode for every tag and
//! attribute name, cost several times the DOM work itself.

use std::collections::HashMap;

use js_sys::Array;
use wasm_bindgen::prelude::*;
use web_sys::Element;

use super::text_model::TextModel;
use super::PaintSpan;
use crate::boundary::Error;

#[wasm_bindgen(module = "/src/dom/paint_wrap.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = wrapTexts)]
    fn wrap_texts(
        root: &Element,
        nodes: &Array,
        ops: &[u32],
        strings: &Array,
    ) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = unwrapTexts)]
    fn unwrap_texts(journal: &JsValue);
}

/// "No such value" in the ops buffer handed to `wrapTexts`.
const NONE: u32 = u32::MAX;

/// What [`paint`] changed, so it can be undone exactly: the journal kept by `wrapTexts`
/// (original text nodes, their original text, the nodes inserted after each).
#[derive(Debug, Default)]
pub struct WrapJournal {
    journal: Option<JsValue>,
}

/// Distinct strings (class lists, labels) handed to JavaScript once, referred to by index.
#[derive(Default)]
struct Strings {
    index: HashMap<String, u32>,
    list: Vec<String>,
    /// Scratch space for the class list being looked up (no allocation per piece).
    buf: String,
}

impl Strings {
    fn get(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.list.len() as u32;
        self.list.push(s.to_string());
        self.index.insert(s.to_string(), i);
        i
    }

    /// The index of the class list `ah-mark ah-<kind>…` of the spans covering a piece (the
    /// names [`class_for`](super::class_for) gives, built in place).
    fn classes(&mut self, covering: &[&PaintSpan]) -> u32 {
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        buf.push_str("ah-mark");
        for s in covering {
            buf.push_str(" ah-");
            buf.push_str(&s.kind);
        }
        let i = self.get(&buf);
        self.buf = buf;
        i
    }
}

/// Wraps every piece of text covered by `spans` (`model` is the text of `root`). On a DOM
/// error the changes made so far are undone before the error is returned.
pub fn paint(root: &Element, model: &TextModel, spans: &[PaintSpan]) -> Result<WrapJournal, Error> {
    let nodes = Array::new();
    let mut ops: Vec<u32> = Vec::new();
    let mut strings = Strings::default();
    let mut order: Vec<&PaintSpan> = spans.iter().filter(|s| s.start < s.end).collect();
    crate::core::sort::by_key(&mut order, |s| {
        crate::core::sort::start_then_longest(s.start, s.end)
    });
    let mut next = 0;
    let mut active: Vec<&PaintSpan> = Vec::new();
    let mut cuts: Vec<usize> = Vec::new();
    let mut open: Vec<&PaintSpan> = Vec::new();
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
        cuts.clear();
        cuts.extend([0, piece.len]);
        for s in &active {
            cuts.push(s.start.max(p_start) - p_start);
            cuts.push(s.end.min(p_end) - p_start);
        }
        cuts.sort_unstable();
        cuts.dedup();
        nodes.push(&piece.node);
        let head = ops.len();
        ops.extend([0, 0]);
        let mut count = 0;
        // One sweep over the spans (sorted by start) finds what covers each piece: every
        // span boundary inside the node is a cut, so an open span covers the whole piece.
        open.clear();
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
            if k == 0 && open.is_empty() {
                ops[head] = w[1] as u32;
                continue;
            }
            count += 1;
            ops.extend([w[0] as u32, w[1] as u32]);
            if open.is_empty() {
                ops.extend([NONE; 5]);
            } else {
                push_mark(&mut ops, &mut strings, &open, b);
            }
        }
        ops[head + 1] = count;
    }
    if nodes.length() == 0 {
        return Ok(WrapJournal::default());
    }
    let list = Array::new();
    for s in &strings.list {
        list.push(&JsValue::from_str(s));
    }
    let journal = wrap_texts(root, &nodes, &ops, &list)
        .map_err(|e| Error::Dom(format!("wrapping: {e:?}")))?;
    Ok(WrapJournal {
        journal: Some(journal),
    })
}

/// The five numbers of a highlighted piece: class list, entity id, mention index, label
/// (only on the entity's last piece) and quote id.
fn push_mark(ops: &mut Vec<u32>, strings: &mut Strings, covering: &[&PaintSpan], frag_end: usize) {
    ops.push(strings.classes(covering));
    // The innermost entity gives the id and, on its last piece, the visible label.
    match covering
        .iter()
        .filter(|s| s.kind != "quote")
        .min_by_key(|s| s.end - s.start)
    {
        Some(entity) => {
            let label = if entity.end == frag_end {
                strings.get(&entity.kind)
            } else {
                NONE
            };
            ops.extend([entity.id, entity.index as u32, label]);
        }
        None => ops.extend([NONE; 3]),
    }
    ops.push(
        covering
            .iter()
            .find(|s| s.kind == "quote")
            .map_or(NONE, |q| q.id),
    );
}

impl WrapJournal {
    /// Undoes the painting: removes every node inserted after a cut text node and gives
    /// the original node its original text back. Safe to call more than once.
    pub fn restore(&mut self) {
        if let Some(journal) = self.journal.take() {
            unwrap_texts(&journal);
        }
    }
}
