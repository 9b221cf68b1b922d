//! The `annotate()` export and the shared helpers every JavaScript-facing function uses.

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::flat::{to_flat, Flat, TABLE};
use super::options::AnnotateOptions;
use super::shape::try_annotate;
use super::Error;

#[wasm_bindgen(module = "/src/boundary/build.js")]
extern "C" {
    /// Builds the public result from its flat form (`flat.rs`); span texts are slices of
    /// `text`.
    #[wasm_bindgen(js_name = buildAnnotation)]
    fn build_annotation(text: &JsValue, nums: &[u32], names: &str, table: &str) -> JsValue;
}

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** Entity types. */
export type Label = "person" | "organization" | "place" | "misc" | "date" | "time" | "money" | "percent";

/** A span of the input: `text` is `input.slice(start, end)`. Offsets are UTF-16 code units (JavaScript string indices), end exclusive. */
export interface Span { start: number; end: number; text: string; }

/** One entity mention; all mentions of one entity share `entityId`. */
export interface EntityMention extends Span { label: Label; entityId: number; }

/** One quotation, with its cue and speaker. */
export interface Quotation extends Span {
  kind: "direct" | "mixed" | "indirect";
  /** The mention the cue attaches to ("White House spokesman Jay Carney", "he"), or null. */
  speaker: Span | null;
  /** The person the speaker resolves to ("Jay Carney"), or null. */
  speakerName: string | null;
  /** The entityId of the speaker, or null. */
  speakerId: number | null;
  /** The cue ("said"), or null. */
  cue: Span | null;
}

/** The result of annotate(). */
export interface Annotation { entities: EntityMention[]; quotes: Quotation[]; }

/**
 * Annotates `text`: entity mentions linked into entities, and quotations with cue and
 * speaker. Offsets are UTF-16 code units. Throws an `Error` when `text` is not a string,
 * on invalid options and on a text longer than 16 MiB of UTF-8.
 */
export function annotate(text: string, options?: AnnotateOptions | null): Annotation;

/** Options of annotate(). Unknown fields are an error. */
export interface AnnotateOptions {
  /** Entity labels to report (default: all). */
  labels?: Label[];
  /** Report quotations (default: true). */
  quotes?: boolean;
}
"#;

/// Installs the panic hook so that a bug shows as a readable console error, and grows the
/// memory once for the model's tables.
#[wasm_bindgen(start)]
pub fn start() {
    #[cfg(feature = "console_error_panic_hook")]
    console_error_panic_hook::set_once();
    // The first annotate() builds about 3.5 MB of tables in many allocations; the allocator
    // would grow the memory nine times on the way (3.7 ms of a page's first highlight in
    // Chromium). Allocating the room once and freeing it leaves it to those allocations.
    drop(std::hint::black_box(Vec::<u8>::with_capacity(
        HEAP_AT_START,
    )));
}

/// Bytes of heap reserved at start-up (see [`start`]): the model and a first article of a
/// few thousand words fit.
const HEAP_AT_START: usize = 6 << 20;

/// Turns a crate error into a thrown JavaScript `Error`.
pub fn to_js_error(e: Error) -> JsError {
    JsError::new(&e.to_string())
}

/// Reads an options object (`undefined` and `null` mean defaults). Keys outside `allowed`
/// are an error (serde-wasm-bindgen alone would ignore them).
pub fn parse_options<T: serde::de::DeserializeOwned + Default>(
    value: JsValue,
    allowed: &[&str],
) -> Result<T, Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return Err(Error::InvalidOptions(format!(
            "expected an object, got {}",
            value.js_typeof().as_string().unwrap_or_default()
        )));
    }
    let object: &js_sys::Object = value.unchecked_ref();
    for key in js_sys::Object::keys(object).iter() {
        let key = key.as_string().unwrap_or_default();
        if !allowed.contains(&key.as_str()) {
            return Err(Error::InvalidOptions(format!(
                "unknown field `{key}`, expected one of {}",
                allowed
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| Error::InvalidOptions(e.to_string()))
}

/// Converts a result to a plain JavaScript object (`null`s, arrays, no `Map`s).
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("could not build the result: {e}")))
}

/// Annotates `text`: entity mentions linked into entities, and quotations with cue and
/// speaker. Offsets are UTF-16 code units, and each span's `text` is that slice of `text`.
/// Throws an `Error` when `text` is not a string, on invalid options and on a text longer
/// than 16 MiB of UTF-8 (`MAX_TEXT_BYTES`). The result crosses the boundary in flat form
/// (`flat.rs`, `build.js`).
// Its TypeScript declaration is written by hand (in TS_TYPES) so that `options` is optional.
#[wasm_bindgen(js_name = annotate, skip_typescript)]
pub fn annotate_js(text: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let Some(string) = text.as_string() else {
        let kind = text.js_typeof().as_string().unwrap_or_default();
        return Err(to_js_error(Error::InvalidText(kind)));
    };
    let options: AnnotateOptions =
        parse_options(options, AnnotateOptions::FIELDS).map_err(to_js_error)?;
    let core = options.to_core().map_err(to_js_error)?;
    let annotation = try_annotate(&string, &core).map_err(to_js_error)?;
    Ok(flat_to_js(&text, &to_flat(&string, &annotation)))
}

/// Builds the public result object from its flat form; each span's `text` is that slice of
/// `text` (a JavaScript string).
pub fn flat_to_js(text: &JsValue, flat: &Flat) -> JsValue {
    build_annotation(text, &flat.nums, &flat.names, TABLE)
}
