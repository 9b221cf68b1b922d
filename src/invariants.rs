//! The invariants every annotation keeps, as a checker the fuzzers and tests share.
//!
//! [`check`] annotates a text and returns every broken promise as a message instead of
//! panicking, so a fuzz target, a property test and the regression replay can all assert
//! on it. The promises:
//!
//! * every span (entity, quote, speaker, cue) lies inside the text, on `char` boundaries,
//!   and is not empty; its `text` is the slice of the input, both in bytes and in UTF-16
//!   code units (the JavaScript `text.slice(start, end)`);
//! * entities are sorted and never overlap; every mention of one entity has one label, and
//!   ids are numbered from 0 in order of first mention;
//! * quotes are sorted and properly nested or disjoint;
//! * a quote's `speakerId` names an entity;
//! * annotating the same text twice gives the same result.

use crate::boundary::shape::{to_shape, AnnotationOut};
use crate::core::{self, Annotation, ByteSpan, Options};

/// Annotates `text` with `options` (twice, for determinism) and returns every invariant
/// the result breaks; empty when all hold.
pub fn check(text: &str, options: &Options) -> Vec<String> {
    let ann = core::annotate(text, options);
    let mut problems = check_core(text, &ann, options.labels.is_none());
    if core::annotate(text, options) != ann {
        problems.push("annotate is not deterministic".into());
    }
    let shape = to_shape(text, &ann);
    problems.extend(check_shape(text, &ann, &shape));
    problems
}

fn check_span(text: &str, what: &str, s: ByteSpan, problems: &mut Vec<String>) {
    if s.start >= s.end || s.end > text.len() {
        problems.push(format!(
            "{what} {s:?} is empty or out of bounds ({})",
            text.len()
        ));
    } else if !text.is_char_boundary(s.start) || !text.is_char_boundary(s.end) {
        problems.push(format!("{what} {s:?} is not on char boundaries"));
    }
}

/// The byte-level invariants of a core annotation. `all_entities` is true when no label
/// filter was applied (then every `speaker_id` must name a reported entity).
pub fn check_core(text: &str, ann: &Annotation, all_entities: bool) -> Vec<String> {
    let mut problems = Vec::new();
    let mut labels: Vec<Option<core::Label>> = Vec::new();
    for (i, e) in ann.entities.iter().enumerate() {
        check_span(text, "entity", e.span, &mut problems);
        if let Some(prev) = i.checked_sub(1).map(|j| &ann.entities[j]) {
            if prev.span.end > e.span.start {
                problems.push(format!(
                    "entities {:?} and {:?} overlap or are unsorted",
                    prev.span, e.span
                ));
            }
        }
        // Ids are given before a label filter, so only unfiltered results have no gaps.
        let id = e.entity_id as usize;
        if id > labels.len() && all_entities {
            problems.push(format!("entity id {id} skips ids (first mention order)"));
        }
        if id >= labels.len() {
            labels.resize(id + 1, None);
            labels[id] = Some(e.label);
        } else if labels[id].is_some_and(|l| l != e.label) {
            problems.push(format!("entity {id} has two labels"));
        } else {
            labels[id] = Some(e.label);
        }
    }
    for (i, q) in ann.quotes.iter().enumerate() {
        check_span(text, "quote", q.span, &mut problems);
        for (what, s) in [("speaker", q.speaker), ("cue", q.cue)] {
            if let Some(s) = s {
                check_span(text, what, s, &mut problems);
            }
        }
        if let Some(prev) = i.checked_sub(1).map(|j| &ann.quotes[j]) {
            let nested = prev.span.contains(&q.span) || q.span.contains(&prev.span);
            if prev.span.start > q.span.start || (prev.span.overlaps(&q.span) && !nested) {
                problems.push(format!(
                    "quotes {:?} and {:?} cross or are unsorted",
                    prev.span, q.span
                ));
            }
        }
        if let Some(id) = q.speaker_id {
            if all_entities && id as usize >= labels.len() {
                problems.push(format!("quote speaker id {id} names no entity"));
            }
        }
    }
    problems
}

/// The UTF-16 invariants of the public shape `out` of `ann` (an annotation of `text`).
pub fn check_shape(text: &str, ann: &Annotation, out: &AnnotationOut) -> Vec<String> {
    let mut problems = Vec::new();
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut check = |what: &str, start: usize, end: usize, s: &str, byte: ByteSpan| {
        let js = units
            .get(start..end)
            .map(String::from_utf16)
            .and_then(Result::ok);
        if js.as_deref() != Some(s) || byte.slice(text) != s {
            problems.push(format!(
                "{what} [{start}, {end}) text {s:?} is not the UTF-16 slice {js:?}"
            ));
        }
    };
    if out.entities.len() != ann.entities.len() || out.quotes.len() != ann.quotes.len() {
        return vec!["the shape lost or added spans".into()];
    }
    for (e, c) in out.entities.iter().zip(&ann.entities) {
        check("entity", e.start, e.end, &e.text, c.span);
    }
    for (q, c) in out.quotes.iter().zip(&ann.quotes) {
        check("quote", q.start, q.end, &q.text, c.span);
        for (s, b) in [(&q.speaker, c.speaker), (&q.cue, c.cue)] {
            if let (Some(s), Some(b)) = (s, b) {
                check("speaker/cue", s.start, s.end, &s.text, b);
            }
        }
    }
    problems
}
