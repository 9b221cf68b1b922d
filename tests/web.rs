//! Browser tests (`wasm-pack test --headless --chrome`): annotate, highlight and clear on a
//! real DOM, asserting on the DOM itself.
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

/// Builds `<div>` with the given children: `("p", text)` pairs, or raw nested structure via
/// the builder closures below. Never parses markup.
fn fixture() -> Element {
    let doc = document();
    let root = doc.create_element("div").unwrap();
    let p1 = doc.create_element("p").unwrap();
    p1.append_child(&doc.create_text_node(
        "\u{201C}We have an important relationship with Russia,\u{201D} White House spokesman ",
    ))
    .unwrap();
    let a = doc.create_element("a").unwrap();
    a.set_attribute("href", "#carney").unwrap();
    let em = doc.create_element("em").unwrap();
    em.append_child(&doc.create_text_node("Jay Car")).unwrap();
    a.append_child(&em).unwrap();
    a.append_child(&doc.create_text_node("ney")).unwrap();
    p1.append_child(&a).unwrap();
    p1.append_child(&doc.create_text_node(" said on Tuesday in Moscow."))
        .unwrap();
    let script = doc.create_element("script").unwrap();
    script.set_attribute("type", "text/plain").unwrap();
    script
        .append_child(&doc.create_text_node("Vladimir Putin in a script"))
        .unwrap();
    let p2 = doc.create_element("p").unwrap();
    p2.append_child(&doc.create_text_node("👋🏽 President Obama met Bashar al-Assad in Damascus."))
        .unwrap();
    // A text node the page split itself: must stay split after clear().
    p2.append_child(&doc.create_text_node(" The Arab League"))
        .unwrap();
    p2.append_child(&doc.create_text_node(" agreed.")).unwrap();
    for n in [&p1, &script, &p2] {
        root.append_child(n).unwrap();
    }
    doc.body().unwrap().append_child(&root).unwrap();
    root
}

fn text_nodes(root: &Node) -> Vec<Node> {
    let mut out = Vec::new();
    let list = root.child_nodes();
    for i in 0..list.length() {
        let n = list.item(i).unwrap();
        if n.node_type() == Node::TEXT_NODE {
            out.push(n.clone());
        }
        out.extend(text_nodes(&n));
    }
    out
}

fn options(mode: &str) -> JsValue {
    let o = js_sys::Object::new();
    js_sys::Reflect::set(&o, &"mode".into(), &mode.into()).unwrap();
    o.into()
}

#[wasm_bindgen_test]
fn text_model_skips_scripts_and_separates_blocks() {
    let root = fixture();
    let model = TextModel::build(&root);
    assert!(!model.text.contains("script"), "{}", model.text);
    assert!(
        model.text.contains("Jay Carney said"),
        "inline elements join: {}",
        model.text
    );
    assert!(
        model.text.contains("Moscow.\n\n👋🏽 President Obama"),
        "blocks are separated: {}",
        model.text
    );
    // Every piece maps back to its node's text.
    let utf16: Vec<u16> = model.text.encode_utf16().collect();
    for p in &model.pieces {
        let piece = String::from_utf16_lossy(&utf16[p.start..p.start + p.len]);
        assert_eq!(piece, p.node.data());
    }
    root.remove();
}

#[wasm_bindgen_test]
fn wrap_mode_marks_and_clear_restores_exactly() {
    let root = fixture();
    let before_html = root.inner_html();
    let before_nodes = text_nodes(&root);
    let handle = highlight_js(root.clone().into(), options("wrap"))
        .map_err(JsValue::from)
        .unwrap();
    assert_eq!(handle.mode(), "wrap");
    let marks = root.query_selector_all("mark.ah-mark").unwrap();
    assert!(marks.length() > 5, "marks were added");
    let mut person_text = String::new();
    for i in 0..marks.length() {
        let m: Element = marks.item(i).unwrap().dyn_into().unwrap();
        if m.class_list().contains("ah-person") && m.get_attribute("data-ah-entity").is_some() {
            person_text.push_str(&m.text_content().unwrap());
            person_text.push('|');
        }
    }
    // "Jay Carney" spans <em> and the link's text: wrapped piecewise, never across elements.
    assert!(person_text.contains("Jay Car|ney|"), "{person_text}");
    assert!(person_text.contains("Obama|"), "{person_text}");
    let q = root
        .query_selector("mark.ah-quote")
        .unwrap()
        .expect("quote marked");
    assert!(q.text_content().unwrap().starts_with('\u{201C}'));
    assert!(
        root.query_selector("script mark").unwrap().is_none(),
        "script text untouched"
    );

    handle.clear();
    assert_eq!(
        root.inner_html(),
        before_html,
        "innerHTML restored byte for byte"
    );
    let after_nodes = text_nodes(&root);
    assert_eq!(
        after_nodes.len(),
        before_nodes.len(),
        "no node merged or added"
    );
    for (a, b) in after_nodes.iter().zip(&before_nodes) {
        assert!(
            a.is_same_node(Some(b)),
            "the same text node objects are back"
        );
    }
    handle.clear(); // a second clear is a no-op
    assert_eq!(root.inner_html(), before_html);
    root.remove();
}

#[wasm_bindgen_test]
fn css_mode_paints_without_touching_the_dom() {
    let root = fixture();
    let before_html = root.inner_html();
    let handle = highlight_js(root.clone().into(), options("css"))
        .map_err(JsValue::from)
        .unwrap();
    assert_eq!(handle.mode(), "css");
    assert_eq!(
        root.inner_html(),
        before_html,
        "css mode never mutates the DOM"
    );
    let highlights = js_sys::Reflect::get(&js_sys::global(), &"CSS".into())
        .and_then(|css| js_sys::Reflect::get(&css, &"highlights".into()))
        .unwrap();
    let get = js_sys::Reflect::get(&highlights, &"get".into()).unwrap();
    let get: js_sys::Function = get.dyn_into().unwrap();
    let person = get.call1(&highlights, &"ah-person".into()).unwrap();
    assert!(!person.is_undefined(), "ah-person highlight registered");
    // Every registered range reads as the entity's text.
    let ranges = js_sys::Array::from(&person);
    let texts: Vec<String> = ranges
        .iter()
        .map(|r| r.dyn_into::<web_sys::Range>().unwrap().to_string().into())
        .collect();
    assert!(texts.contains(&"Jay Carney".to_string()), "{texts:?}");
    // ... and there is one range per person mention of the annotation, in order.
    let annotation = handle.annotation().map_err(JsValue::from).unwrap();
    let json: String = js_sys::JSON::stringify(&annotation).unwrap().into();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let people: Vec<String> = value["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["label"] == "person")
        .map(|e| e["text"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(texts, people);
    handle.clear();
    assert!(
        get.call1(&highlights, &"ah-person".into())
            .unwrap()
            .is_undefined(),
        "clear() unregisters"
    );
    root.remove();
}

#[wasm_bindgen_test]
fn highlighting_twice_never_nests() {
    let root = fixture();
    let before_html = root.inner_html();
    let first = highlight_js(root.clone().into(), options("wrap"))
        .map_err(JsValue::from)
        .unwrap();
    let second = highlight_js(root.clone().into(), options("wrap"))
        .map_err(JsValue::from)
        .unwrap();
    assert!(!first.active(), "the first highlight was replaced");
    assert!(
        root.query_selector("mark mark").unwrap().is_none(),
        "no nested marks"
    );
    second.clear();
    assert_eq!(root.inner_html(), before_html);
    root.remove();
}

#[wasm_bindgen_test]
fn bad_options_and_roots_throw_clear_errors() {
    let root = fixture();
    let err = |r: Result<_, wasm_bindgen::JsError>| -> String {
        let v: JsValue = r.err().expect("an error").into();
        v.dyn_into::<js_sys::Error>()
            .expect("an Error object")
            .message()
            .into()
    };
    assert!(err(highlight_js(root.clone().into(), options("paint")))
        .contains("unknown highlight mode \"paint\""));
    assert!(err(highlight_js("#article".into(), JsValue::UNDEFINED))
        .contains("expected an Element, got string"));
    let bad_labels = js_sys::JSON::parse(r#"{"labels":["people"]}"#).unwrap();
    assert!(err(highlight_js(root.clone().into(), bad_labels)).contains("unknown label \"people\""));
    root.remove();
}

#[wasm_bindgen_test]
fn mention_ranges_cover_every_mention() {
    let root = fixture();
    let handle = highlight_js(root.clone().into(), options("wrap"))
        .map_err(JsValue::from)
        .unwrap();
    let annotation = handle.annotation().map_err(JsValue::from).unwrap();
    let json: String = js_sys::JSON::stringify(&annotation).unwrap().into();
    assert!(json.contains("\"label\":\"person\""));
    let text = handle.text();
    assert!(text.contains("Jay Carney"));
    // The handle's annotation (built from its result) is annotate()'s on the same text.
    let again = article_highlighter::boundary::js::annotate_js(text.into(), JsValue::UNDEFINED)
        .map_err(JsValue::from)
        .unwrap();
    let again: String = js_sys::JSON::stringify(&again).unwrap().into();
    assert_eq!(json, again);
    handle.clear();
    root.remove();
}

#[wasm_bindgen_test]
fn wrap_mode_leaves_editable_regions_alone() {
    let doc = document();
    let para = |text: &str| {
        let p = doc.create_element("p").unwrap();
        p.append_child(&doc.create_text_node(text)).unwrap();
        p
    };
    // An editable region inside the root, with a non-editable island, next to plain text.
    let root = doc.create_element("div").unwrap();
    root.append_child(&para("President Obama met Bashar al-Assad in Damascus."))
        .unwrap();
    let editable = doc.create_element("div").unwrap();
    editable.set_attribute("contenteditable", "").unwrap();
    editable
        .append_child(&para("Vladimir Putin spoke in Moscow."))
        .unwrap();
    let island = doc.create_element("div").unwrap();
    island.set_attribute("contenteditable", "false").unwrap();
    island
        .append_child(&para("Angela Merkel visited Paris."))
        .unwrap();
    root.append_child(&editable).unwrap();
    root.append_child(&island).unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    let before = root.inner_html();
    let handle = highlight_js(root.clone().into(), options("wrap"))
        .map_err(JsValue::from)
        .unwrap();
    assert!(
        root.query_selector("mark").unwrap().is_some(),
        "plain text is marked"
    );
    assert!(
        editable.query_selector("mark").unwrap().is_none(),
        "nothing is wrapped inside an editable region"
    );
    handle.clear();
    assert_eq!(root.inner_html(), before);
    root.remove();

    // A root inside an editable region: nothing is wrapped at all.
    let outer = doc.create_element("div").unwrap();
    outer.set_attribute("contenteditable", "true").unwrap();
    let inner = doc.create_element("section").unwrap();
    inner
        .append_child(&para("President Obama met Bashar al-Assad in Damascus."))
        .unwrap();
    outer.append_child(&inner).unwrap();
    doc.body().unwrap().append_child(&outer).unwrap();
    let handle = highlight_js(inner.clone().into(), options("wrap"))
        .map_err(JsValue::from)
        .unwrap();
    assert!(handle.annotation().is_ok());
    assert!(
        outer.query_selector("mark").unwrap().is_none(),
        "a root inside an editable region is not wrapped"
    );
    handle.clear();
    outer.remove();
}

/// The annotation `options.annotation` gives, read the one-call way and the general way.
fn both_ways(
    value: &JsValue,
) -> (
    Option<article_highlighter::boundary::AnnotationOut>,
    Result<article_highlighter::boundary::AnnotationOut, String>,
    Result<article_highlighter::boundary::AnnotationOut, String>,
) {
    use article_highlighter::dom::given::{read_annotation, read_fast};
    let general = serde_wasm_bindgen::from_value(value.clone()).map_err(|e| e.to_string());
    let read = read_annotation(value.clone()).map_err(|e| e.to_string());
    (read_fast(value), read, general)
}

#[wasm_bindgen_test]
fn a_given_annotation_reads_as_the_general_decoder_reads_it() {
    // A real annotation: non-ASCII text, an astral character, quotes with cue and speaker.
    let text = "👋🏽 “We have an important relationship with Russia,” White House spokesman Jay Carney said on Tuesday in Moscow. Café owner Zoë Müller met President Obama.";
    let annotation =
        article_highlighter::boundary::js::annotate_js(text.into(), JsValue::UNDEFINED)
            .map_err(JsValue::from)
            .unwrap();
    let (fast, read, general) = both_ways(&annotation);
    let general = general.unwrap();
    assert!(!general.entities.is_empty() && !general.quotes.is_empty());
    assert!(general
        .quotes
        .iter()
        .any(|q| q.speaker.is_some() && q.cue.is_some()));
    assert_eq!(fast.as_ref(), Some(&general), "read in one call");
    assert_eq!(read.unwrap(), general);

    // Plain objects: missing and undefined optional fields, -0, lone surrogates (U+FFFD both
    // ways), and a lone surrogate pair split over two strings (read the general way).
    let cases = [
        r#"{"entities":[{"start":0,"end":3,"text":"Ann","label":"person","entityId":7,"extra":1}],
            "quotes":[{"start":0,"end":5,"text":"“Hi”","kind":"direct","speaker":null,"cue":{"start":1,"end":2,"text":"é"}}]}"#,
        r#"{"entities":[],"quotes":[{"start":4,"end":9,"text":"x","kind":"mixed","speakerName":"Zoë","speakerId":3}]}"#,
        r#"{"entities":[{"start":-0,"end":1,"text":"a\ud800b","label":"misc","entityId":0}],"quotes":[]}"#,
        r#"{"entities":[{"start":0,"end":1,"text":"a\ud83d","label":"\ude00","entityId":0}],"quotes":[]}"#,
    ];
    for (i, case) in cases.iter().enumerate() {
        let value = js_sys::JSON::parse(case).unwrap();
        let (fast, read, general) = both_ways(&value);
        let general = general.unwrap();
        assert_eq!(read.unwrap(), general, "case {i}");
        if i == 3 {
            assert!(
                fast.is_none(),
                "a pair split over two strings is read the general way"
            );
        } else {
            assert_eq!(fast, Some(general), "case {i}");
        }
    }

    // Anything not plainly valid is left to the general decoder: the same error.
    let invalid = [
        r#"{"entities":[{"start":-1,"end":3,"text":"Ann","label":"person","entityId":7}],"quotes":[]}"#,
        r#"{"entities":[{"start":1.5,"end":3,"text":"Ann","label":"person","entityId":7}],"quotes":[]}"#,
        r#"{"entities":[{"start":"1","end":3,"text":"Ann","label":"person","entityId":7}],"quotes":[]}"#,
        r#"{"entities":[{"start":1,"end":4294967296,"text":"Ann","label":"person","entityId":7}],"quotes":[]}"#,
        r#"{"entities":[{"start":1,"end":3,"label":"person","entityId":7}],"quotes":[]}"#,
        r#"{"entities":[{"start":1,"end":3,"text":5,"label":"person","entityId":7}],"quotes":[]}"#,
        r#"{"entities":{},"quotes":[]}"#,
        r#"{"entities":[null],"quotes":[]}"#,
        r#"{"entities":[],"quotes":[{"start":0,"end":1,"text":"x","kind":"direct","speaker":{"start":0,"end":1}}]}"#,
        r#"{"entities":[],"quotes":[{"start":0,"end":1,"text":"x","kind":"direct","speakerId":-2}]}"#,
        r#"{"entities":[]}"#,
        r#"[]"#,
    ];
    for (i, case) in invalid.iter().enumerate() {
        let value = js_sys::JSON::parse(case).unwrap();
        let (fast, read, general) = both_ways(&value);
        assert!(fast.is_none(), "invalid case {i} is not read in one call");
        let message = general.expect_err("the general decoder rejects it");
        assert_eq!(read.expect_err("rejected"), message, "invalid case {i}");
        // highlight() reports the general decoder's error.
        let root = fixture();
        let options = options("wrap");
        js_sys::Reflect::set(&options, &"annotation".into(), &value).unwrap();
        let thrown: JsValue = highlight_js(root.clone().into(), options)
            .err()
            .expect("highlight() throws")
            .into();
        let thrown: String = thrown.dyn_into::<js_sys::Error>().unwrap().message().into();
        assert!(thrown.contains(&message), "{thrown} / {message}");
        root.remove();
    }
}
