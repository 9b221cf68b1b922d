//! The text of a DOM subtree as one string, and the way back from offsets to DOM positions.
//!
//! Text nodes are read in document order. Nothing inside `script`, `style`, `noscript`,
//! `template`, `textarea`, `select`, hidden elements (`hidden`, `aria-hidden="true"`,
//! inline `display: none`) or the widget's own UI (`[data-ah-ui]`) is read. Block
//! boundaries and `<br>` become a virtual `"\n\n"` / `"\n"` that belongs to no node, so
//! sentences and quotes never run across paragraphs. Line breaks and tabs inside text
//! nodes (outside `<pre>`) read as spaces: the same length, so offsets are unchanged.

use wasm_bindgen::JsCast;
use web_sys::{Element, Node, Text};

/// One text node and where its text sits in the model, in UTF-16 code units.
#[derive(Debug, Clone)]
pub struct Piece {
    /// The text node.
    pub node: Text,
    /// Offset of the node's first code unit in the model text.
    pub start: usize,
    /// The node's length in UTF-16 code units.
    pub len: usize,
}

/// The text of a subtree and its map back to text nodes.
#[derive(Debug, Clone, Default)]
pub struct TextModel {
    /// The joined text handed to `annotate()`.
    pub text: String,
    /// Text nodes in document order.
    pub pieces: Vec<Piece>,
    len16: usize,
    pending: Option<&'static str>,
}

const SKIPPED: &[&str] = &[
    "SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA", "SELECT", "IFRAME", "OBJECT", "SVG",
    "CANVAS", "VIDEO", "AUDIO", "HEAD", "INPUT", "BUTTON",
];

const BLOCKS: &[&str] = &[
    "ADDRESS",
    "ARTICLE",
    "ASIDE",
    "BLOCKQUOTE",
    "DD",
    "DETAILS",
    "DIV",
    "DL",
    "DT",
    "FIELDSET",
    "FIGCAPTION",
    "FIGURE",
    "FOOTER",
    "FORM",
    "H1",
    "H2",
    "H3",
    "H4",
    "H5",
    "H6",
    "HEADER",
    "HR",
    "LI",
    "MAIN",
    "NAV",
    "OL",
    "P",
    "PRE",
    "SECTION",
    "SUMMARY",
    "TABLE",
    "TBODY",
    "TD",
    "TFOOT",
    "TH",
    "THEAD",
    "TR",
    "UL",
    "BODY",
    "CAPTION",
    "LEGEND",
    "MENU",
];

/// True when the element and everything in it is left out of the text.
pub fn is_skipped(el: &Element) -> bool {
    let tag = el.tag_name().to_ascii_uppercase();
    if SKIPPED.contains(&tag.as_str())
        || el.has_attribute("hidden")
        || el.has_attribute("data-ah-ui")
    {
        return true;
    }
    if el.get_attribute("aria-hidden").as_deref() == Some("true") {
        return true;
    }
    el.get_attribute("style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

fn is_block(el: &Element) -> bool {
    BLOCKS.contains(&el.tag_name().to_ascii_uppercase().as_str())
}

impl TextModel {
    /// Reads the text under `root`.
    pub fn build(root: &Node) -> TextModel {
        let mut model = TextModel::default();
        let mut next = root.first_child();
        'walk: while let Some(node) = next {
            let mut descend = false;
            if let Some(text) = node.dyn_ref::<Text>() {
                model.push_text(text);
            } else if let Some(el) = node.dyn_ref::<Element>() {
                if el.tag_name().eq_ignore_ascii_case("br") {
                    model.separate("\n");
                } else if !is_skipped(el) {
                    if is_block(el) {
                        model.separate("\n\n");
                    }
                    descend = true;
                }
            }
            if descend {
                if let Some(child) = node.first_child() {
                    next = Some(child);
                    continue;
                }
            }
            // Next sibling, or climb until one exists (closing blocks on the way).
            let mut cur = node;
            loop {
                if cur == *root {
                    break 'walk;
                }
                if let Some(sibling) = cur.next_sibling() {
                    next = Some(sibling);
                    break;
                }
                match cur.parent_node() {
                    Some(parent) => {
                        if let Some(el) = parent.dyn_ref::<Element>() {
                            if is_block(el) {
                                model.separate("\n\n");
                            }
                        }
                        cur = parent;
                    }
                    None => break 'walk,
                }
            }
        }
        model
    }

    fn separate(&mut self, sep: &'static str) {
        if self.pending != Some("\n\n") {
            self.pending = Some(sep);
        }
    }

    fn push_text(&mut self, node: &Text) {
        let data = node.data();
        if data.is_empty() {
            return;
        }
        if let Some(sep) = self.pending.take() {
            if !self.text.is_empty() {
                self.text.push_str(sep);
                self.len16 += sep.len();
            }
        }
        let in_pre = data.contains('\n')
            && node
                .parent_element()
                .and_then(|p| p.closest("pre").ok().flatten())
                .is_some();
        let len = data.encode_utf16().count();
        if in_pre {
            self.text.push_str(&data);
        } else {
            self.text.extend(data.chars().map(|c| {
                if matches!(c, '\n' | '\r' | '\t') {
                    ' '
                } else {
                    c
                }
            }));
        }
        self.pieces.push(Piece {
            node: node.clone(),
            start: self.len16,
            len,
        });
        self.len16 += len;
    }

    /// The model text's length in UTF-16 code units.
    pub fn len16(&self) -> usize {
        self.len16
    }

    /// The DOM position where a span starting at UTF-16 offset `u` starts: inside the
    /// text node holding `u`, or at the start of the next node when `u` is in a separator.
    pub fn locate_start(&self, u: usize) -> Option<(&Piece, usize)> {
        let i = self.pieces.partition_point(|p| p.start + p.len <= u);
        let piece = self.pieces.get(i)?;
        Some((piece, u.saturating_sub(piece.start)))
    }

    /// The DOM position where a span ending (exclusively) at UTF-16 offset `u` ends.
    pub fn locate_end(&self, u: usize) -> Option<(&Piece, usize)> {
        let i = self
            .pieces
            .partition_point(|p| p.start < u)
            .checked_sub(1)?;
        let piece = &self.pieces[i];
        Some((piece, (u - piece.start).min(piece.len)))
    }
}
