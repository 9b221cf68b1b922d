//! Node tests (`wasm-pack test --node`): the `annotate()` export through the JS boundary.
#![cfg(target_arch = "wasm32")]

use article_highlighter::boundary::js::annotate_js;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

fn annotate(text: &str) -> serde_json::Value {
    let v = annotate_js(JsValue::from_str(text), JsValue::UNDEFINED)
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
    let v = annotate_js("\"We agree,\" he said.".into(), JsValue::UNDEFINED)
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
    let e: JsValue = annotate_js("x".into(), opts).err().unwrap().into();
    let msg: String = e.dyn_into::<js_sys::Error>().unwrap().message().into();
    assert!(msg.starts_with("invalid options:"), "{msg}");
}

#[wasm_bindgen_test]
fn a_text_that_is_not_a_string_throws_an_error() {
    for (value, kind) in [
        (JsValue::from_f64(5.0), "number"),
        (JsValue::NULL, "object"),
        (JsValue::UNDEFINED, "undefined"),
    ] {
        let e: JsValue = annotate_js(value, JsValue::UNDEFINED).err().unwrap().into();
        let msg: String = e.dyn_into::<js_sys::Error>().unwrap().message().into();
        assert!(
            msg.starts_with(&format!("invalid text: expected a string, got {kind}")),
            "{msg}"
        );
    }
}

/// The result built in one call from the flat form (`build.js`) is the public shape the
/// CLI prints, field for field, with every optional field both present and absent.
#[wasm_bindgen_test]
fn the_built_result_equals_the_general_conversion() {
    let text = "WASHINGTON — White House spokesman Jay Carney said on Monday that the \
                International Atomic Energy Agency (IAEA) had “no evidence” of it. “We \
                agree,” Carney told reporters. ‘Fine,’ said Ms. Zoë Ångström 👋🏽, who paid \
                $5 million (12.5%) at 3 p.m. on 3 May 2024.\n\n\"It is over,\" he said. \
                According to Vladimir Putin, Moscow will act.\n\n\"Unattributed words of a \
                long quote go on here for a while,\" the end.";
    let built = annotate(text);
    let general = article_highlighter::boundary::try_annotate_to_shape(
        text,
        &article_highlighter::core::Options::default(),
    )
    .unwrap();
    let general = serde_json::to_value(&general).unwrap();
    assert_eq!(built, general);
    let quotes = general["quotes"].as_array().unwrap();
    assert!(quotes
        .iter()
        .any(|q| !q["speakerName"].is_null() && !q["cue"].is_null()));
    assert!(quotes.iter().any(|q| q["speaker"].is_null()));
}
