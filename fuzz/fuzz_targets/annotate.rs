//! Fuzzes the core `annotate` and the UTF-16 boundary: any UTF-8 text must annotate without
//! panicking and keep every invariant of `article_highlighter::invariants`.
#![no_main]

use article_highlighter::core::{Label, Options};
use article_highlighter::invariants;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the options; the rest is the text (lossy, so bytes that are not
    // UTF-8 become U+FFFD, as a lone surrogate does in a JavaScript string).
    let (flags, rest) = data.split_first().map_or((0, data), |(f, r)| (*f, r));
    let text = String::from_utf8_lossy(rest);
    let options = Options {
        labels: (flags & 1 == 1).then(|| vec![Label::Person, Label::Date]),
        quotes: flags & 2 == 0,
    };
    let problems = invariants::check(&text, &options);
    assert!(problems.is_empty(), "{problems:#?}\nin {text:?}");
});
