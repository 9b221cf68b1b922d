//! Property tests: for generated texts full of hard cases, every invariant of
//! `article_highlighter::invariants` holds (spans in bounds, on char boundaries, sorted;
//! `text` is the slice of the input in bytes and in UTF-16; quotes nested or disjoint;
//! entities disjoint; `annotate` deterministic). Case counts stay small so `cargo test`
//! stays fast; failures shrink to a minimal text.
#![cfg(not(target_arch = "wasm32"))]

use article_highlighter::core::{annotate, Label, Options};
use article_highlighter::invariants;
use proptest::prelude::*;

/// Pieces of text that exercise every recognizer and every awkward character.
const PIECES: &[&str] = &[
    "Obama",
    "Jay",
    "Carney",
    "Jay Carney",
    "Bashar al-Assad",
    "IAEA",
    "International Atomic Energy Agency",
    "(",
    ")",
    "Moscow",
    "the White House",
    "Mr.",
    "U.S.",
    "said",
    "told",
    "he",
    "she",
    "also",
    "The",
    "Tuesday",
    "5 May 2011",
    "$5 million",
    "12%",
    "10:30 a.m.",
    "1,000.5",
    "'s",
    "don't",
    "\"",
    "\u{201C}",
    "\u{201D}",
    "\u{2018}",
    "\u{2019}",
    "'",
    "''",
    "``",
    "\u{AB}",
    "\u{BB}",
    "\u{201E}",
    "\u{201A}",
    "\u{201F}",
    ",",
    ".",
    ":",
    "!",
    "?",
    "\u{2026}",
    "\u{2014}",
    "-",
    " ",
    " ",
    " ",
    "\n",
    "\r\n",
    "\n\n",
    "\u{2029}",
    "\u{2028}",
    "\t",
    "\0",
    "\u{202E}",
    "\u{202C}",
    "\u{2067}",
    "\u{2069}",
    "\u{200F}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{FFFD}",
    "\u{1F600}",
    "\u{1F44B}\u{1F3FD}",
    "\u{10348}",
    "\u{1D400}",
    "e\u{301}",
    "\u{301}",
    "\u{915}\u{93F}",
    "\u{645}\u{631}\u{62D}\u{628}\u{627}",
    "\u{130}",
    "\u{DF}",
    "\u{3000}",
    "\u{1F1EB}\u{1F1F7}",
];

/// A text built from the pieces above and arbitrary characters.
fn article() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.join(""))
}

/// A JavaScript string with lone surrogates, as Rust sees it (each becomes U+FFFD).
fn js_string() -> impl Strategy<Value = String> {
    let unit = prop_oneof![
        3 => prop::sample::select(vec![0x22u16, 0x201C, 0x201D, 0x20, 0x41, 0x61, 0x2E, 0x0A]),
        1 => 0xD800u16..0xE000,
        1 => any::<u16>(),
    ];
    prop::collection::vec(unit, 0..120).prop_map(|u| String::from_utf16_lossy(&u))
}

fn filtered() -> Options {
    Options {
        labels: Some(vec![Label::Person, Label::Place, Label::Money]),
        quotes: true,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    #[test]
    fn articles_keep_every_invariant(text in article()) {
        let problems = invariants::check(&text, &Options::default());
        prop_assert!(problems.is_empty(), "{:?}", problems);
        let problems = invariants::check(&text, &filtered());
        prop_assert!(problems.is_empty(), "{:?}", problems);
    }

    #[test]
    fn arbitrary_strings_keep_every_invariant(text in any::<String>()) {
        let problems = invariants::check(&text, &Options::default());
        prop_assert!(problems.is_empty(), "{:?}", problems);
    }

    #[test]
    fn lone_surrogates_keep_every_invariant(text in js_string()) {
        let problems = invariants::check(&text, &Options::default());
        prop_assert!(problems.is_empty(), "{:?}", problems);
    }

    #[test]
    fn a_label_filter_only_removes_entities(text in article()) {
        let all = annotate(&text, &Options::default());
        let some = annotate(&text, &filtered());
        let kept: Vec<_> = all.entities.iter().filter(|e| filtered().labels.unwrap_or_default().contains(&e.label)).collect();
        prop_assert_eq!(kept, some.entities.iter().collect::<Vec<_>>());
        prop_assert_eq!(all.quotes, some.quotes);
    }
}
