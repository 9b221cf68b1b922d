//! Painting with the CSS Custom Highlight API: one `Highlight` per span kind, registered in
//! `CSS.highlights` and styled with `::highlight(ah-…)`. The page's DOM is never touched.

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Range;

use crate::boundary::Error;

fn get(target: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// `CSS.highlights` and the `Highlight` constructor, when the browser has them.
fn api() -> Option<(JsValue, Function)> {
    let global: JsValue = js_sys::global().into();
    let registry = get(&get(&global, "CSS")?, "highlights")?;
    let ctor = get(&global, "Highlight")?.dyn_into::<Function>().ok()?;
    Some((registry, ctor))
}

/// True when the CSS Custom Highlight API is available.
pub fn supported() -> bool {
    api().is_some()
}

fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, Error> {
    let f = get(target, method)
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or_else(|| Error::Unsupported(format!("CSS.highlights.{method} is missing")))?;
    f.apply(target, &args.iter().collect::<Array>())
        .map_err(|e| Error::Dom(format!("CSS.highlights.{method} failed: {e:?}")))
}

/// Registers one highlight per `(name, ranges)` group, replacing any of the same name.
/// Entities get priority 1 and quotations 0, so a name inside a quotation shows the
/// entity's colour over the quotation's.
pub fn paint(groups: &[(String, Vec<Range>)]) -> Result<(), Error> {
    let (registry, ctor) = api().ok_or_else(|| {
        Error::Unsupported("the CSS Custom Highlight API (CSS.highlights)".into())
    })?;
    for (name, ranges) in groups {
        let args: Array = ranges.iter().collect();
        let highlight: Object = Reflect::construct(&ctor, &args)
            .map_err(|e| Error::Dom(format!("new Highlight() failed: {e:?}")))?
            .unchecked_into();
        let priority = if name == "ah-quote" { 0 } else { 1 };
        Reflect::set(&highlight, &JsValue::from_str("priority"), &priority.into())
            .map_err(|e| Error::Dom(format!("Highlight.priority: {e:?}")))?;
        call(
            &registry,
            "set",
            &[JsValue::from_str(name), highlight.into()],
        )?;
    }
    Ok(())
}

/// Removes the named highlights (missing names are ignored).
pub fn unpaint(names: &[String]) {
    if let Some((registry, _)) = api() {
        for name in names {
            let _ = call(&registry, "delete", &[JsValue::from_str(name)]);
        }
    }
}
