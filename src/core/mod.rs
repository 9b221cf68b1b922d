//! The pure core: text in, byte-offset annotations out.
//!
//! Nothing here knows about JavaScript, the DOM or UTF-16; everything runs under a plain
//! `cargo test`. The boundary layer (`crate::boundary`) converts the byte spans produced
//! here into UTF-16 code units exactly once.

pub mod entities;
pub mod packed;
pub mod quotes;
pub mod sort;
pub mod span;
pub mod text;
pub mod words;

pub use entities::{Entity, Label};
pub use quotes::{Quote, QuoteKind};
pub use span::ByteSpan;

/// What [`annotate`] should produce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Entity labels to report; `None` reports all of them.
    pub labels: Option<Vec<Label>>,
    /// Report quotations (default `true`).
    pub quotes: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            labels: None,
            quotes: true,
        }
    }
}

/// Everything found in one text, in byte offsets.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Annotation {
    /// Entity mentions, sorted by start (then by end, longest first).
    pub entities: Vec<Entity>,
    /// Quotations, sorted by start.
    pub quotes: Vec<Quote>,
}

/// Annotates `text`: entity mentions linked into entities, and quotations with their
/// speakers. All spans are UTF-8 byte offsets into `text`.
pub fn annotate(text: &str, options: &Options) -> Annotation {
    let doc = text::segment(text);
    let mentions = entities::recognize(&doc);
    let mut entities = entities::link(&doc, mentions);
    let quotes = if options.quotes {
        quotes::find(&doc, &entities)
    } else {
        Vec::new()
    };
    if let Some(labels) = &options.labels {
        entities.retain(|e| labels.contains(&e.label));
    }
    Annotation { entities, quotes }
}
