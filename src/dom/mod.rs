//! The DOM layer: reads the text of a DOM subtree, paints highlights over it and takes
//! them off again.
//!
//! * [`article`]: finding the article on a page when no root is given.
//! * [`given`]: reading a ready annotation handed to `highlight()`.
//! * [`text_model`]: text nodes in document order joined into one string, with virtual
//!   separators at block boundaries, and the map from UTF-16 offsets back to DOM positions.
//! * [`paint_css`]: painting with the CSS Custom Highlight API (no DOM mutation).
//! * [`paint_wrap`]: painting by wrapping text pieces in `<mark>`, with a journal that
//!   restores the DOM exactly.
//! * [`view`]: the plain-text view the widget builds itself from a string.
//! * [`highlight`]: the `highlight()` export and its handle.

pub mod article;
pub mod given;
pub mod highlight;
pub mod paint_css;
pub mod paint_wrap;
pub mod style;
pub mod text_model;
pub mod view;

/// One span to paint, in UTF-16 offsets of the text model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaintSpan {
    /// First UTF-16 code unit.
    pub start: usize,
    /// One past the last UTF-16 code unit.
    pub end: usize,
    /// `person`, `organization`, …, or `quote`.
    pub kind: String,
    /// The entity id for entity spans, the quote's index for quotes.
    pub id: u32,
    /// Position in `annotation.entities` (entity spans) or `annotation.quotes` (quotes).
    pub index: usize,
}

/// The CSS highlight / class name for a span kind: `ah-person`, `ah-quote`, ….
pub fn class_for(kind: &str) -> String {
    format!("ah-{kind}")
}
