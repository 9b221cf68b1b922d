//! The text of a DOM subtree as one string, and the way back from offsets to DOM positions.
//!
//! Text nodes are read in document order. Nothing inside `script`, `style`, `noscript`,
//! `template`, `textarea`, `select`, hidden elements (`hidden`, `aria-hidden="true"`,
//! `display: none` or `visibility: hidden`, inline or computed), page furniture inside the
//! root (navigation, asides, forms, comments, ads, share bars: [`is_furniture`]) or the
//! widget's own UI (`[data-ah-ui]`) is read. The computed style is asked only for elements
//! whose markup can style them (a `class`, `id` or `style`, or a tag that is not plain
//! inline formatting), and it also decides what is a block (`display` not `inline*`). Block
//! boundaries and `<br>` become a virtual `"\n\n"` / `"\n"` that belongs to no node, so
//! sentences and quotes never run across paragraphs. Line breaks and tabs inside text
//! nodes (outside `<pre>`) read as spaces: the same length, so offsets are unchanged.

use js_sys::JsString;
use wasm_bindgen::prelude::*;
use web_sys::{Element, Node, Text};

#[wasm_bindgen]
extern "C" {
    /// A text node seen only for its `data`.
    type TextData;
    /// `CharacterData.data` left in JavaScript (web-sys's `data()` copies it into Rust).
    #[wasm_bindgen(method, getter)]
    fn data(this: &TextData) -> JsString;
}

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
    /// How many elements needed a `getComputedStyle` lookup (a cost measure).
    pub style_lookups: usize,
    len16: usize,
    pending: Option<&'static str>,
    /// Built by [`TextModel::build_offsets`]: the texts, not read yet.
    deferred: Option<DeferredText>,
}

/// A text node's text, kept as a JavaScript string, and what goes before it.
#[derive(Debug, Clone)]
struct Part {
    /// The separator before it (`""`, `"\n"` or `"\n\n"`).
    sep: &'static str,
    data: JsString,
    /// Inside a `<pre>`: line breaks stay.
    in_pre: bool,
}

/// The text of a model built by [`TextModel::build_offsets`]: the text nodes' strings as
/// they were, joined and read into Rust only when asked for.
#[derive(Debug, Clone, Default)]
pub struct DeferredText {
    parts: Vec<Part>,
}

impl DeferredText {
    /// The model text, exactly as [`TextModel::build`] would have read it.
    pub fn read(&self) -> String {
        let mut out = String::new();
        for part in &self.parts {
            out.push_str(part.sep);
            push_read(&mut out, &String::from(&part.data), part.in_pre);
        }
        out
    }
}

/// Appends a text node's text as the model reads it: line breaks and tabs become spaces
/// (the same length), except in a `<pre>` with line breaks.
fn push_read(out: &mut String, data: &str, in_pre: bool) {
    if in_pre && data.contains('\n') {
        out.push_str(data);
    } else {
        out.extend(data.chars().map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        }));
    }
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

/// Class / id words that mark page furniture inside an article: comments, ads, share
/// bars, related links, newsletter boxes. Matched against the words of `class` and `id`
/// (split at anything that is not a letter or digit), never against the root itself.
const FURNITURE: &[&str] = &[
    "comment",
    "comments",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "adsbygoogle",
    "sponsor",
    "sponsored",
    "promo",
    "share",
    "sharing",
    "social",
    "related",
    "newsletter",
    "subscribe",
    "outbrain",
    "taboola",
    "disqus",
    "breadcrumb",
    "breadcrumbs",
    "cookie",
    "popup",
    "modal",
    "gallery",
    "carousel",
    "slideshow",
];

/// Elements that are page furniture whatever their class: navigation, landmarks around the
/// content, forms.
const FURNITURE_TAGS: &[&str] = &["NAV", "ASIDE", "FORM", "FOOTER", "MENU", "DIALOG"];

const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "complementary",
    "banner",
    "contentinfo",
    "search",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
    "toolbar",
];

/// Tags read without asking for their computed style when they carry no attribute at all
/// (the common inline formatting of article text).
const PLAIN_INLINE: &[&str] = &[
    "A", "ABBR", "B", "CITE", "CODE", "EM", "I", "P", "Q", "S", "SMALL", "SPAN", "STRONG", "SUB",
    "SUP", "TIME", "U",
];

/// True when the element and everything in it is left out of the text, judged from the
/// markup alone (no style lookup): skipped tags, `hidden`, `aria-hidden="true"`, inline
/// `display: none` / `visibility: hidden`, and the widget's own UI (`[data-ah-ui]`).
pub fn is_skipped(el: &Element) -> bool {
    is_skipped_tagged(el, &el.tag_name().to_ascii_uppercase(), el.has_attributes())
}

/// [`is_skipped`] with the element's upper-case tag already read, and whether it has any
/// attribute (without one, only the tag matters: no attribute is asked for).
fn is_skipped_tagged(el: &Element, tag: &str, has_attributes: bool) -> bool {
    if SKIPPED.contains(&tag) {
        return true;
    }
    if !has_attributes {
        return false;
    }
    if el.has_attribute("hidden") || el.has_attribute("data-ah-ui") {
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

/// True for navigation, comments, ads and other furniture inside an article.
pub fn is_furniture(el: &Element) -> bool {
    is_furniture_tagged(el, &el.tag_name().to_ascii_uppercase(), el.has_attributes())
}

/// [`is_furniture`] with the element's upper-case tag already read, and whether it has
/// any attribute.
fn is_furniture_tagged(el: &Element, tag: &str, has_attributes: bool) -> bool {
    if FURNITURE_TAGS.contains(&tag) {
        return true;
    }
    if !has_attributes {
        return false;
    }
    if let Some(role) = el.get_attribute("role") {
        if FURNITURE_ROLES.contains(&role.trim().to_ascii_lowercase().as_str()) {
            return true;
        }
    }
    let mut names = el.get_attribute("class").unwrap_or_default();
    names.push(' ');
    names.push_str(&el.id());
    names
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| FURNITURE.contains(&w))
}

/// What the walk needs to know about an element it enters.
struct Look {
    skip: bool,
    block: bool,
}

/// An element the walk is inside of that matters when it leaves it.
struct Open {
    /// Depth below the root.
    depth: usize,
    /// A block: leaving it separates text.
    block: bool,
    /// A `<pre>`: text inside keeps its line breaks.
    pre: bool,
}

/// Decides, per element, whether it is read and whether it is a block, asking for the
/// computed style only where markup hints at styling (`class`, `id`, `style`, or a tag
/// outside [`PLAIN_INLINE`]).
struct Inspector {
    view: Option<web_sys::Window>,
    /// Number of `getComputedStyle` calls made.
    style_lookups: usize,
}

impl Inspector {
    /// `tag` is the element's upper-case tag name.
    fn look(&mut self, el: &Element, tag: &str, is_root: bool) -> Look {
        let has_attributes = el.has_attributes();
        if !is_root
            && (is_skipped_tagged(el, tag, has_attributes)
                || is_furniture_tagged(el, tag, has_attributes))
        {
            return Look {
                skip: true,
                block: false,
            };
        }
        let tag_block = BLOCKS.contains(&tag);
        let plain = !has_attributes && PLAIN_INLINE.contains(&tag);
        if plain || is_root {
            return Look {
                skip: false,
                block: tag_block,
            };
        }
        let Some(style) = self
            .view
            .as_ref()
            .and_then(|w| w.get_computed_style(el).ok().flatten())
        else {
            return Look {
                skip: false,
                block: tag_block,
            };
        };
        self.style_lookups += 1;
        let display = style.get_property_value("display").unwrap_or_default();
        let visibility = style.get_property_value("visibility").unwrap_or_default();
        if display == "none" || visibility == "hidden" || visibility == "collapse" {
            return Look {
                skip: true,
                block: false,
            };
        }
        let block = match display.as_str() {
            // Detached or unstyled: trust the tag.
            "" | "contents" => tag_block,
            d => !d.starts_with("inline") && d != "ruby" && d != "ruby-text",
        };
        Look { skip: false, block }
    }
}

impl TextModel {
    /// Reads the text under `root`.
    pub fn build(root: &Node) -> TextModel {
        TextModel::walk(root, false)
    }

    /// Like [`TextModel::build`], for painting a ready annotation: it reads where every text
    /// node sits but leaves the texts in JavaScript (copying them into Rust is most of the
    /// cost of a walk), so `text` stays empty; [`TextModel::take_deferred`] gives them.
    pub fn build_offsets(root: &Node) -> TextModel {
        TextModel::walk(root, true)
    }

    /// The texts a model built by [`TextModel::build_offsets`] left in JavaScript.
    pub fn take_deferred(&mut self) -> Option<DeferredText> {
        self.deferred.take()
    }

    fn walk(root: &Node, defer: bool) -> TextModel {
        let mut inspector = Inspector {
            view: root.owner_document().and_then(|d| d.default_view()),
            style_lookups: 0,
        };
        let mut model = TextModel {
            deferred: defer.then(DeferredText::default),
            ..TextModel::default()
        };
        // Text inside `<pre>` keeps its line breaks: is the root itself in one?
        let mut pre_depth = usize::from(
            root.dyn_ref::<Element>()
                .and_then(|el| el.closest("pre").ok().flatten())
                .is_some(),
        );
        // Elements entered and not yet left that are blocks (leaving them separates text)
        // or `<pre>`s, innermost last, by depth below the root: the walk keeps count of its
        // depth instead of comparing nodes (a call into JavaScript per comparison).
        let mut open: Vec<Open> = Vec::new();
        let mut depth = 1;
        let mut next = root.first_child();
        'walk: while let Some(node) = next {
            let mut descend = false;
            // One call for the node's type instead of an `instanceof` check per type.
            let node_type = node.node_type();
            if node_type == Node::TEXT_NODE || node_type == Node::CDATA_SECTION_NODE {
                model.push_text(node.unchecked_ref::<Text>(), pre_depth > 0);
            } else if node_type == Node::ELEMENT_NODE {
                let el = node.unchecked_ref::<Element>();
                let tag = el.tag_name().to_ascii_uppercase();
                if tag == "BR" {
                    model.separate("\n");
                } else {
                    let look = inspector.look(el, &tag, false);
                    if !look.skip {
                        if look.block {
                            model.separate("\n\n");
                        }
                        let pre = tag == "PRE";
                        if pre {
                            pre_depth += 1;
                        }
                        if look.block || pre {
                            open.push(Open {
                                depth,
                                block: look.block,
                                pre,
                            });
                        }
                        descend = true;
                    }
                }
            }
            if descend {
                if let Some(child) = node.first_child() {
                    next = Some(child);
                    depth += 1;
                    continue;
                }
            }
            // Next sibling, or climb until one exists (closing blocks on the way).
            let mut cur = node;
            loop {
                if open.last().is_some_and(|e| e.depth == depth) {
                    if let Some(left) = open.pop() {
                        if left.block {
                            model.separate("\n\n");
                        }
                        if left.pre {
                            pre_depth -= 1;
                        }
                    }
                }
                if depth == 0 {
                    break 'walk;
                }
                if let Some(sibling) = cur.next_sibling() {
                    next = Some(sibling);
                    break;
                }
                match cur.parent_node() {
                    Some(parent) => cur = parent,
                    None => break 'walk,
                }
                depth -= 1;
            }
        }
        model.style_lookups = inspector.style_lookups;
        model
    }

    fn separate(&mut self, sep: &'static str) {
        if self.pending != Some("\n\n") {
            self.pending = Some(sep);
        }
    }

    /// Appends a text node; `in_pre` when it is inside a `<pre>` (where line breaks stay).
    fn push_text(&mut self, node: &Text, in_pre: bool) {
        if let Some(deferred) = &mut self.deferred {
            let data = node.unchecked_ref::<TextData>().data();
            let len = data.length() as usize;
            if len == 0 {
                return;
            }
            let sep = match self.pending.take() {
                Some(sep) if self.len16 > 0 => sep,
                _ => "",
            };
            self.len16 += sep.len();
            deferred.parts.push(Part { sep, data, in_pre });
            self.pieces.push(Piece {
                node: node.clone(),
                start: self.len16,
                len,
            });
            self.len16 += len;
            return;
        }
        let data = node.data();
        if data.is_empty() {
            return;
        }
        if let Some(sep) = self.pending.take() {
            if self.len16 > 0 {
                self.text.push_str(sep);
                self.len16 += sep.len();
            }
        }
        let len = data.encode_utf16().count();
        push_read(&mut self.text, &data, in_pre);
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
