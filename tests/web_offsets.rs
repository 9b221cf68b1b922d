//! Browser tests (`wasm-pack test --headless --chrome`) of the offset map between the text
//! model and the DOM: astral characters (emoji with a skin-tone modifier), combining marks,
//! `<br>`, nested inline elements, blocks made by CSS, hidden and furniture elements.
#![cfg(target_arch = "wasm32")]

use article_highlighter::dom::highlight::highlight_js;
use article_highlighter::dom::text_model::TextModel;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Document, Element, Node};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

/// Appends `tag` with optional attributes and text to `parent`; returns it.
fn add(parent: &Node, tag: &str, attrs: &[(&str, &str)], text: &str) -> Element {
    let doc = document();
    let el = doc.create_element(tag).unwrap();
    for (k, v) in attrs {
        el.set_attribute(k, v).unwrap();
    }
    if !text.is_empty() {
        el.append_child(&doc.create_text_node(text)).unwrap();
    }
    parent.append_child(&el).unwrap();
    el
}

fn text(parent: &Node, t: &str) {
    parent
        .append_child(&document().create_text_node(t))
        .unwrap();
}

/// `<div>` with emoji, a combining mark, nested inline elements, a `<br>`, a block made by
/// CSS and, with `skipped`, a hidden element, a nav and the widget's own UI.
fn fixture(skipped: bool) -> Element {
    let doc = document();
    let style = add(&doc.head().unwrap().into(), "style", &[], "");
    style.set_text_content(Some(".ah-test-hidden{display:none}"));
    let root = add(&doc.body().unwrap().into(), "div", &[], "");
    let p1 = add(&root, "p", &[], "👋🏽 Jose\u{301} met ");
    let b = add(&p1, "b", &[], "Angela ");
    add(&b, "i", &[], "Mer");
    text(&b, "kel");
    text(&p1, " in Berlin");
    add(&p1, "br", &[], "");
    text(&p1, "on Monday.");
    if skipped {
        add(
            &root,
            "span",
            &[("class", "ah-test-hidden")],
            "Hidden Person",
        );
        add(&root, "nav", &[], "Home World Politics");
        add(&root, "div", &[("data-ah-ui", "")], "Widget Text");
    }
    add(
        &root,
        "span",
        &[("style", "display:block")],
        "Zoe\u{308} Lefe\u{300}vre 🇫🇷 spoke.",
    );
    root
}

fn utf16(s: &str) -> Vec<u16> {
    s.encode_utf16().collect()
}

#[wasm_bindgen_test]
fn model_text_has_separators_and_skips_hidden_nav_and_ui() {
    let root = fixture(true);
    let model = TextModel::build(&root);
    assert_eq!(
        model.text,
        "👋🏽 Jose\u{301} met Angela Merkel in Berlin\non Monday.\n\nZoe\u{308} Lefe\u{300}vre 🇫🇷 spoke."
    );
    assert_eq!(model.len16(), utf16(&model.text).len());
    // Every piece is its node's text at its UTF-16 offset.
    let units = utf16(&model.text);
    for p in &model.pieces {
        assert_eq!(
            String::from_utf16_lossy(&units[p.start..p.start + p.len]),
            p.node.data()
        );
    }
    root.remove();
}

/// For every pair of offsets that do not cut a surrogate pair, the DOM range from the
/// offset map reads as the model text between them without the virtual separators.
#[wasm_bindgen_test]
fn every_offset_pair_maps_to_a_matching_range() {
    let root = fixture(false);
    let model = TextModel::build(&root);
    let units = utf16(&model.text);
    let doc = document();
    let is_low_surrogate = |u: usize| u < units.len() && (0xDC00..0xE000).contains(&units[u]);
    let in_separator = |u: usize| {
        !model
            .pieces
            .iter()
            .any(|p| p.start <= u && u < p.start + p.len)
    };
    let mut checked = 0;
    for start in 0..units.len() {
        if is_low_surrogate(start) || in_separator(start) {
            continue;
        }
        for end in start + 1..=units.len() {
            if is_low_surrogate(end) || in_separator(end - 1) {
                continue;
            }
            let (a, a_off) = model.locate_start(start).unwrap();
            let (b, b_off) = model.locate_end(end).unwrap();
            let range = doc.create_range().unwrap();
            range.set_start(&a.node, a_off as u32).unwrap();
            range.set_end(&b.node, b_off as u32).unwrap();
            let want: String = String::from_utf16_lossy(&units[start..end]).replace('\n', "");
            let got: String = range.to_string().into();
            assert_eq!(got, want, "offsets {start}..{end}");
            checked += 1;
        }
    }
    assert!(checked > 1000, "{checked}");
    root.remove();
}

fn options(mode: &str) -> JsValue {
    let o = js_sys::Object::new();
    js_sys::Reflect::set(&o, &"mode".into(), &mode.into()).unwrap();
    o.into()
}

/// Every painted span's range reads as the span's text, in both modes, after astral
/// characters, combining marks and across nested inline elements.
#[wasm_bindgen_test]
fn painted_span_ranges_read_as_the_span_text() {
    for mode in ["css", "wrap"] {
        let root = fixture(true);
        let before = root.inner_html();
        let handle = highlight_js(root.clone().into(), options(mode))
            .map_err(JsValue::from)
            .unwrap();
        let annotation = handle.annotation().map_err(JsValue::from).unwrap();
        let entities =
            js_sys::Array::from(&js_sys::Reflect::get(&annotation, &"entities".into()).unwrap());
        let spans = handle.spans().map_err(JsValue::from).unwrap();
        let mut names = Vec::new();
        for s in spans.iter() {
            let get = |k: &str| js_sys::Reflect::get(&s, &k.into()).unwrap();
            if get("type").as_string().as_deref() != Some("entity") {
                continue;
            }
            let index = get("index").as_f64().unwrap() as u32;
            let want = js_sys::Reflect::get(&entities.get(index), &"text".into())
                .unwrap()
                .as_string()
                .unwrap();
            let range: web_sys::Range = get("range").dyn_into().unwrap();
            assert_eq!(
                range.start_container().unwrap().node_type(),
                Node::TEXT_NODE
            );
            assert_eq!(range.end_container().unwrap().node_type(), Node::TEXT_NODE);
            assert_eq!(String::from(range.to_string()), want, "{mode}");
            names.push(want);
        }
        assert!(
            names.iter().any(|n| n == "Angela Merkel"),
            "{mode}: {names:?}"
        );
        assert!(names.iter().any(|n| n == "Berlin"), "{mode}: {names:?}");
        assert!(
            !names.iter().any(|n| n.contains("Hidden")),
            "{mode}: {names:?}"
        );
        handle.clear();
        assert_eq!(root.inner_html(), before, "{mode}: clear() restores");
        root.remove();
    }
}

/// Highlighting an element inside (or around) a live highlight replaces it: no nested marks,
/// and clearing the second restores the page exactly.
#[wasm_bindgen_test]
fn highlighting_an_inner_or_outer_root_never_nests() {
    let root = fixture(true);
    let before = root.inner_html();
    let inner: Element = root.first_element_child().unwrap();
    let outer = highlight_js(root.clone().into(), options("wrap"))
        .map_err(JsValue::from)
        .unwrap();
    let second = highlight_js(inner.clone().into(), options("wrap"))
        .map_err(JsValue::from)
        .unwrap();
    assert!(!outer.active(), "the outer highlight was replaced");
    assert!(root.query_selector("mark mark").unwrap().is_none());
    let third = highlight_js(root.clone().into(), options("css"))
        .map_err(JsValue::from)
        .unwrap();
    assert!(!second.active(), "the inner highlight was replaced");
    assert!(
        root.query_selector("mark").unwrap().is_none(),
        "{}",
        root.inner_html()
    );
    assert_eq!(root.inner_html(), before);
    third.clear();
    assert_eq!(root.inner_html(), before);
    root.remove();
}

/// The model built for a ready annotation (texts left in JavaScript) has the same pieces
/// and, when read, the same text as the model that reads every text node; `<pre>` keeps its
/// line breaks (in a `<pre>` inside the root, and in a root inside a `<pre>`), tabs and
/// line breaks elsewhere read as spaces.
#[wasm_bindgen_test]
fn offsets_only_model_matches_the_read_model() {
    let doc = document();
    let outer = add(&doc.body().unwrap().into(), "div", &[], "");
    let root = fixture(true);
    outer.append_child(&root).unwrap();
    text(&root, "tab\there,\nline\r\nbreak");
    let pre = add(&root, "pre", &[], "line one\n\tline two");
    add(&pre, "b", &[], "bold\nline");
    text(&pre, "no break\there");
    add(&root, "p", &[], "after\tpre\nblock");
    let pre_root = add(&root, "pre", &[], "");
    let inner = add(&pre_root, "span", &[], "root\ninside pre");
    for r in [&root, &inner] {
        let read = TextModel::build(r);
        let mut offsets = TextModel::build_offsets(r);
        assert!(offsets.text.is_empty());
        let deferred = offsets.take_deferred().expect("deferred texts");
        assert_eq!(deferred.read(), read.text);
        assert_eq!(offsets.len16(), read.len16());
        assert_eq!(offsets.pieces.len(), read.pieces.len());
        for (a, b) in offsets.pieces.iter().zip(&read.pieces) {
            assert!(a.node == b.node && a.start == b.start && a.len == b.len);
        }
    }
    let read = TextModel::build(&root).text;
    assert!(read.contains("line one\n\tline two"), "{read:?}");
    assert!(read.contains("tab here, line  break"), "{read:?}");
    assert!(read.contains("no break here"), "{read:?}");
    assert!(read.contains("after pre block"), "{read:?}");
    assert_eq!(TextModel::build(&inner).text, "root\ninside pre");
    outer.remove();
}
