//! The boundary between the byte-offset core and JavaScript.
//!
//! * [`utf16`]: converts byte offsets to UTF-16 code units in one forward pass.
//! * [`flat`]: the same result as one array of numbers, which `build.js` turns into the
//!   public objects in one call (the fast way across the boundary).
//! * [`shape`]: the public result shape (camelCase, UTF-16 offsets), shared by the wasm
//!   exports and the native CLI.
//! * [`options`]: parsing and validating `annotate()` options, with errors that explain.
//! * `js` (wasm only in practice): the `annotate()` export.

pub mod error;
pub mod flat;
pub mod js;
pub mod options;
pub mod shape;
pub mod utf16;

pub use error::Error;
pub use shape::{annotate_to_shape, try_annotate_to_shape, AnnotationOut};

/// The longest text `annotate()`, `highlight()` and the CLI accept: 16 MiB of UTF-8.
///
/// Every step is linear in the text, so the limit is about memory, not time: the tokens,
/// mentions and the UTF-16 result of a text this long take a few hundred MiB, which a
/// 32-bit WebAssembly memory (4 GiB at most, often less in practice) still holds with room
/// to spare (the worst case, text of punctuation only, takes about 30 bytes per byte of text). Longer
/// texts get [`Error::TextTooLong`] instead of a trap or an out-of-memory abort.
pub const MAX_TEXT_BYTES: usize = 16 << 20;
