//! Node tests (`wasm-pack test --node`): the `annotate()` export through the JS boundary.
#![cfg(target_arch = "wasm32")]

use article_highlighter::boundary::js::annotate_js;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

fn annotate(text: &str) -> serde_json::Value {
    let v = annotate_js(text, JsValue::UNDEFINED)
        .map_err(JsValue::from)
        .unwrap();
    let s: String = js_sys::JSON::stringify(&v).unwrap().into();
    serde_json::from_str(&s).unwrap()
}

#[wasm_bindgen_test]
fn offsets_are_utf16_code_units() {
    let text = "😀😀 Ângela Merkel met Vladimir Putin in Moscow.";
    let out = annotate(text);
    let units: Vec<u16> = text.encode_utf16().collect();
    let entities = out["entities"].as_array().unwrap();
    assert!(!entities.is_empty());
    for e in entities {
        let (s, t) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            String::from_utf16_lossy(&units[s..t]),
            e["text"].as_str().unwrap()
        );
    }
}

#[wasm_bindgen_test]
fn results_are_plain_objects_with_nulls() {
    let v = annotate_js("\"We agree,\" he said.", JsValue::UNDEFINED)
        .map_err(JsValue::from)
        .unwrap();
    let quotes = js_sys::Reflect::get(&v, &"quotes".into()).unwrap();
    assert!(js_sys::Array::is_array(&quotes));
    let q = js_sys::Array::from(&quotes).get(0);
    let speaker_id = js_sys::Reflect::get(&q, &"speakerId".into()).unwrap();
    assert!(
        speaker_id.is_null(),
        "missing values are null, not undefined"
    );
}

#[wasm_bindgen_test]
fn invalid_options_throw_errors() {
    let opts = js_sys::JSON::parse(r#"{"quotes":"yes"}"#).unwrap();
    let e: JsValue = annotate_js("x", opts).err().unwrap().into();
    let msg: String = e.dyn_into::<js_sys::Error>().unwrap().message().into();
    assert!(msg.starts_with("invalid options:"), "{msg}");
}
