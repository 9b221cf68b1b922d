//! Replays every input in `tests/regressions/` (minimised fuzz finds and hand-made
//! pathological texts) and checks every invariant of `article_highlighter::invariants`,
//! with default options and with a label filter and no quotes.
//!
//! A file is read as bytes and decoded lossily, exactly as the `annotate` fuzz target does
//! (whose first byte picks options: that byte is kept as text here, which only adds cases).
#![cfg(not(target_arch = "wasm32"))]

use article_highlighter::core::{Label, Options};
use article_highlighter::invariants;

#[test]
fn every_regression_input_keeps_the_invariants() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/regressions");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/regressions exists")
        .map(|e| e.expect("a readable entry").path())
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let filtered = Options {
        labels: Some(vec![Label::Person, Label::Date]),
        quotes: false,
    };
    let mut failures = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path).expect("a readable file");
        let text = String::from_utf8_lossy(&bytes);
        for options in [Options::default(), filtered.clone()] {
            let problems = invariants::check(&text, &options);
            if !problems.is_empty() {
                failures.push(format!("{}: {problems:?}", path.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
