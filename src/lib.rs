//! # article-highlighter
//!
//! Finds who and what a news article talks about (people, organizations, places, misc
//! names, dates, times, money, percentages) and who it quotes (direct, mixed and indirect
//! quotations with cue and speaker), and highlights them in the browser.
//!
//! The crate has three layers, each in its own module:
//!
//! * [`core`]: pure Rust. `&str` in, [`core::Annotation`] with **UTF-8 byte** spans out.
//!   No JavaScript, no DOM; runs under plain `cargo test` and in the native CLI.
//! * [`boundary`]: converts a core annotation to the public result shape, with offsets in
//!   **UTF-16 code units** (JavaScript string indices), in one pass; parses options; exports
//!   `annotate()` to JavaScript.
//! * [`dom`]: reads the text of a DOM subtree, paints highlights over it (CSS Custom
//!   Highlight API or reversible wrapping) and exports `highlight()`.
//! * [`invariants`]: the promises every annotation keeps, checked by fuzzers and tests.
//! * [`cli`]: the JSON Lines contract of the `annotate` command-line tool.

#![forbid(unsafe_code)]

pub mod boundary;
pub mod cli;
pub mod core;
pub mod dom;
pub mod invariants;
