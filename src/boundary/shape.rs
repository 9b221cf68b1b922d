//! The public result shape: camelCase fields, offsets in UTF-16 code units, end exclusive.
//!
//! ```text
//! { entities: [{ start, end, text, label, entityId }],
//!   quotes:   [{ start, end, text, kind, speaker: { start, end, text } | null,
//!                speakerName, speakerId, cue: { start, end, text } | null }] }
//! ```

use serde::{Deserialize, Serialize};

use super::utf16::Utf16Index;
use super::{Error, MAX_TEXT_BYTES};
use crate::core::{self, Annotation, ByteSpan};

/// A span of the input in UTF-16 code units, with its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanOut {
    /// First UTF-16 code unit.
    pub start: usize,
    /// One past the last UTF-16 code unit.
    pub end: usize,
    /// The text of the span.
    pub text: String,
}

/// One entity mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EntityOut {
    /// First UTF-16 code unit.
    pub start: usize,
    /// One past the last UTF-16 code unit.
    pub end: usize,
    /// The mention's text.
    pub text: String,
    /// `person`, `organization`, `place`, `misc`, `date`, `time`, `money` or `percent`.
    pub label: String,
    /// Shared by all mentions of one entity.
    pub entity_id: u32,
}

/// One quotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuoteOut {
    /// First UTF-16 code unit.
    pub start: usize,
    /// One past the last UTF-16 code unit.
    pub end: usize,
    /// The quotation's text (marks included for direct quotes).
    pub text: String,
    /// `direct`, `mixed` or `indirect`.
    pub kind: String,
    /// The speaker mention the cue attaches to, or `null`.
    pub speaker: Option<SpanOut>,
    /// The name the speaker resolves to, or `null`.
    pub speaker_name: Option<String>,
    /// The `entityId` of the speaker, or `null`.
    pub speaker_id: Option<u32>,
    /// The cue, or `null`.
    pub cue: Option<SpanOut>,
}

/// The whole result of `annotate()`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AnnotationOut {
    /// Entity mentions, sorted by start.
    pub entities: Vec<EntityOut>,
    /// Quotations, sorted by start.
    pub quotes: Vec<QuoteOut>,
}

/// The UTF-16 offsets of every span of `ann`, an annotation of `text`, converted in one
/// pass over the text.
pub fn utf16_index(text: &str, ann: &Annotation) -> Utf16Index {
    let mut offsets = Vec::with_capacity(ann.entities.len() * 2 + ann.quotes.len() * 6);
    for e in &ann.entities {
        offsets.extend([e.span.start, e.span.end]);
    }
    for q in &ann.quotes {
        offsets.extend([q.span.start, q.span.end]);
        for s in [q.speaker, q.cue].into_iter().flatten() {
            offsets.extend([s.start, s.end]);
        }
    }
    Utf16Index::new(text, offsets)
}

/// Converts a core annotation of `text` to the public shape, converting offsets once.
pub fn to_shape(text: &str, ann: &Annotation) -> AnnotationOut {
    let index = utf16_index(text, ann);
    let span = |s: ByteSpan| SpanOut {
        start: index.get(s.start),
        end: index.get(s.end),
        text: s.slice(text).to_string(),
    };
    AnnotationOut {
        entities: ann
            .entities
            .iter()
            .map(|e| EntityOut {
                start: index.get(e.span.start),
                end: index.get(e.span.end),
                text: e.span.slice(text).to_string(),
                label: e.label.as_str().to_string(),
                entity_id: e.entity_id,
            })
            .collect(),
        quotes: ann
            .quotes
            .iter()
            .map(|q| {
                let s = span(q.span);
                QuoteOut {
                    start: s.start,
                    end: s.end,
                    text: s.text,
                    kind: q.kind.as_str().to_string(),
                    speaker: q.speaker.map(span),
                    speaker_name: q.speaker_name.clone(),
                    speaker_id: q.speaker_id,
                    cue: q.cue.map(span),
                }
            })
            .collect(),
    }
}

/// Annotates `text` with `options` and returns the public shape.
pub fn annotate_to_shape(text: &str, options: &core::Options) -> AnnotationOut {
    to_shape(text, &core::annotate(text, options))
}

/// Like [`annotate_to_shape`], but refuses texts longer than [`MAX_TEXT_BYTES`] with
/// [`Error::TextTooLong`]. Every public entry point (JavaScript, the CLI) goes through it
/// or through [`try_annotate`].
pub fn try_annotate_to_shape(text: &str, options: &core::Options) -> Result<AnnotationOut, Error> {
    Ok(to_shape(text, &try_annotate(text, options)?))
}

/// [`core::annotate`] (byte offsets), refusing texts longer than [`MAX_TEXT_BYTES`] with
/// [`Error::TextTooLong`].
pub fn try_annotate(text: &str, options: &core::Options) -> Result<Annotation, Error> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(Error::TextTooLong(text.len()));
    }
    Ok(core::annotate(text, options))
}
