//! The boundary between the byte-offset core and JavaScript.
//!
//! * [`utf16`]: converts byte offsets to UTF-16 code units in one forward pass.
//! * [`shape`]: the public result shape (camelCase, UTF-16 offsets), shared by the wasm
//!   exports and the native CLI.
//! * [`options`]: parsing and validating `annotate()` options, with errors that explain.
//! * `js` (wasm only in practice): the `annotate()` export.

pub mod error;
pub mod js;
pub mod options;
pub mod shape;
pub mod utf16;

pub use error::Error;
pub use shape::{annotate_to_shape, AnnotationOut};
