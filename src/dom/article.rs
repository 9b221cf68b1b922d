//! Finding the article on a page when `highlight()` gets no root, the way a reader would.
//!
//! Order, checked on the 27 real pages of the news-pages corpus:
//!
//! 1. `[itemprop=articleBody]`, then `article`, then `main` / `[role=main]`: of the elements
//!    a selector matches, the one holding the most paragraph text wins (pages list teasers
//!    as `<article>` too: cnn has 5, nytimes 39 to 46, the first one empty). A winner with
//!    less than [`MIN_PARAGRAPH_TEXT`] characters of paragraph text is a teaser and the next
//!    selector is tried.
//! 2. When the element holding the most paragraph text (see 3) lies inside the winner and
//!    holds at least [`NARROW_SHARE`] of its paragraph text, that tighter element is used:
//!    `main` and some `<article>`s also hold related links, share bars and comments.
//! 3. Otherwise, the element holding the most paragraph text: every `<p>` of at least 25
//!    characters counts fully for its parent and half for its grandparent.
//!
//! Paragraphs inside list items or page furniture (galleries, related links, comments:
//! [`is_furniture`]) count nowhere: bug-1255978 has a 50-photo gallery whose captions
//! outweigh the story.
//! 4. Otherwise `body`.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

use super::text_model::is_furniture;

/// Paragraph text (characters) below which a semantic candidate is taken for a teaser.
pub const MIN_PARAGRAPH_TEXT: usize = 400;

/// Share (percent) of a candidate's paragraph text that a tighter element inside it must
/// hold to replace it.
pub const NARROW_SHARE: usize = 75;

fn elements(root: &impl AsSelectorRoot, selector: &str) -> Vec<Element> {
    let Ok(list) = root.select_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i).and_then(|n| n.dyn_into::<Element>().ok()))
        .collect()
}

/// `querySelectorAll` on a document or an element.
trait AsSelectorRoot {
    fn select_all(&self, selector: &str) -> Result<web_sys::NodeList, wasm_bindgen::JsValue>;
}

impl AsSelectorRoot for Document {
    fn select_all(&self, selector: &str) -> Result<web_sys::NodeList, wasm_bindgen::JsValue> {
        self.query_selector_all(selector)
    }
}

impl AsSelectorRoot for Element {
    fn select_all(&self, selector: &str) -> Result<web_sys::NodeList, wasm_bindgen::JsValue> {
        self.query_selector_all(selector)
    }
}

/// True when an element between `p` and `stop` (exclusive) is page furniture or a list
/// (photo galleries, related-link lists and comment threads hold paragraphs too).
fn in_furniture(p: &Element, stop: Option<&Element>) -> bool {
    let mut cur = p.parent_element();
    while let Some(el) = cur {
        if Some(&el) == stop {
            return false;
        }
        let tag = el.tag_name();
        if is_furniture(&el) || tag.eq_ignore_ascii_case("li") || tag.eq_ignore_ascii_case("body") {
            return !tag.eq_ignore_ascii_case("body");
        }
        cur = el.parent_element();
    }
    false
}

fn text_len(el: &Element) -> usize {
    el.text_content().map_or(0, |t| t.trim().chars().count())
}

/// Characters of text in the `<p>` elements under `el`, leaving out those in furniture.
pub fn paragraph_text(el: &Element) -> usize {
    elements(el, "p")
        .iter()
        .filter(|p| !in_furniture(p, Some(el)))
        .map(text_len)
        .sum()
}

/// The element holding the most paragraph text (parent full, grandparent half).
fn densest(doc: &Document) -> Option<Element> {
    let mut scores: Vec<(Element, usize)> = Vec::new();
    let mut add = |el: Element, n: usize| match scores.iter_mut().find(|(e, _)| *e == el) {
        Some(slot) => slot.1 += n,
        None => scores.push((el, n)),
    };
    for p in elements(doc, "p") {
        let n = text_len(&p);
        if n < 25 || in_furniture(&p, None) {
            continue;
        }
        let Some(parent) = p.parent_element() else {
            continue;
        };
        if let Some(grand) = parent.parent_element() {
            add(grand, n / 2);
        }
        add(parent, n);
    }
    scores.into_iter().max_by_key(|(_, n)| *n).map(|(e, _)| e)
}

/// The page's article: see the module documentation for the order of the rules.
pub fn find_article(doc: &Document) -> Option<Element> {
    let dense = densest(doc);
    for selector in ["[itemprop=articleBody]", "article", "main, [role=main]"] {
        let Some((best, text)) = elements(doc, selector)
            .into_iter()
            .map(|e| {
                let n = paragraph_text(&e);
                (e, n)
            })
            .max_by_key(|(_, n)| *n)
        else {
            continue;
        };
        if text < MIN_PARAGRAPH_TEXT {
            continue;
        }
        if let Some(d) = &dense {
            if *d != best
                && best.contains(Some(d))
                && paragraph_text(d) * 100 >= text * NARROW_SHARE
            {
                return Some(d.clone());
            }
        }
        return Some(best);
    }
    dense.or_else(|| doc.body().map(Element::from))
}
