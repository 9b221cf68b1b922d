//! Reading a ready annotation (`highlight(root, { annotation })`) from JavaScript.
//!
//! The general decoder (serde-wasm-bindgen) calls into JavaScript several times per field
//! and once per string: about 5 ms for the ~8,000 spans of a 100,000-word article. The
//! helper next to this file (`given.js`) reads a plainly valid annotation in one call
//! instead: its numbers in one `Uint32Array`, its strings joined into one string. Anything
//! it does not accept as plainly valid (a number that is not an integer in `0..2^32`, a
//! list that is not an `Array`, …), and any reading whose lengths do not add up (a lone
//! surrogate that joined its other half from the next string), goes to the general
//! decoder, so the result, or the error, is exactly what that decoder gives. Lone
//! surrogates read as U+FFFD both ways.

use js_sys::{Array, Uint32Array};
use wasm_bindgen::prelude::*;

use crate::boundary::shape::{EntityOut, QuoteOut, SpanOut};
use crate::boundary::AnnotationOut;

#[wasm_bindgen(module = "/src/dom/given.js")]
extern "C" {
    #[wasm_bindgen(js_name = readAnnotation)]
    fn read_flat(annotation: &JsValue) -> JsValue;
}

/// Decodes an annotation given to `highlight()`: the one-call reading where the value is
/// plainly valid, else serde-wasm-bindgen (whose error is returned as is).
pub fn read_annotation(value: JsValue) -> Result<AnnotationOut, serde_wasm_bindgen::Error> {
    match read_fast(&value) {
        Some(annotation) => Ok(annotation),
        None => serde_wasm_bindgen::from_value(value),
    }
}

/// The one-call reading alone: `None` where `given.js` does not accept the value (or, which
/// never happens, its output does not add up).
pub fn read_fast(value: &JsValue) -> Option<AnnotationOut> {
    let flat = read_flat(value);
    if flat.is_null() {
        return None;
    }
    let flat: Array = flat.dyn_into().ok()?;
    let nums = flat.get(0).dyn_into::<Uint32Array>().ok()?.to_vec();
    let text = flat.get(1).as_string()?;
    Flat {
        nums: nums.iter(),
        text: &text,
    }
    .annotation()
}

/// A cursor over the helper's numbers and joined strings.
struct Flat<'a> {
    nums: std::slice::Iter<'a, u32>,
    text: &'a str,
}

impl Flat<'_> {
    fn num(&mut self) -> Option<u32> {
        self.nums.next().copied()
    }

    fn offset(&mut self) -> Option<usize> {
        self.num().map(|n| n as usize)
    }

    /// The next string, `units` UTF-16 code units long.
    fn string(&mut self, units: u32) -> Option<String> {
        let units = units as usize;
        let bytes = self.text.as_bytes();
        // ASCII (the usual case): as many bytes as code units.
        let end = if bytes.get(..units).is_some_and(|b| b.is_ascii()) {
            units
        } else {
            let mut left = units;
            let mut end = 0;
            for c in self.text.chars() {
                if left == 0 {
                    break;
                }
                left = left.checked_sub(c.len_utf16())?;
                end += c.len_utf8();
            }
            if left != 0 {
                return None;
            }
            end
        };
        let s = self.text.get(..end)?;
        self.text = self.text.get(end..)?;
        Some(s.to_string())
    }

    fn span(&mut self) -> Option<SpanOut> {
        let (start, end, len) = (self.offset()?, self.offset()?, self.num()?);
        Some(SpanOut {
            start,
            end,
            text: self.string(len)?,
        })
    }

    fn annotation(mut self) -> Option<AnnotationOut> {
        let count = self.offset()?;
        let mut entities = Vec::with_capacity(count.min(self.nums.len() / 5));
        for _ in 0..count {
            let (start, end, entity_id) = (self.offset()?, self.offset()?, self.num()?);
            let (text_len, label_len) = (self.num()?, self.num()?);
            entities.push(EntityOut {
                start,
                end,
                text: self.string(text_len)?,
                label: self.string(label_len)?,
                entity_id,
            });
        }
        let count = self.offset()?;
        let mut quotes = Vec::with_capacity(count.min(self.nums.len() / 5));
        for _ in 0..count {
            let (start, end) = (self.offset()?, self.offset()?);
            let (text_len, kind_len, flags) = (self.num()?, self.num()?, self.num()?);
            let text = self.string(text_len)?;
            let kind = self.string(kind_len)?;
            let speaker = if flags & 1 != 0 {
                Some(self.span()?)
            } else {
                None
            };
            let speaker_name = if flags & 2 != 0 {
                let len = self.num()?;
                Some(self.string(len)?)
            } else {
                None
            };
            let speaker_id = if flags & 4 != 0 {
                Some(self.num()?)
            } else {
                None
            };
            let cue = if flags & 8 != 0 {
                Some(self.span()?)
            } else {
                None
            };
            quotes.push(QuoteOut {
                start,
                end,
                text,
                kind,
                speaker,
                speaker_name,
                speaker_id,
                cue,
            });
        }
        // Everything was used: the helper and this reading agree.
        (self.nums.len() == 0 && self.text.is_empty()).then_some(AnnotationOut { entities, quotes })
    }
}
