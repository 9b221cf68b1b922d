//! Pathological inputs: time must grow linearly and memory stay proportional to the text.
//!
//! Every case builds an input at a base size and at ten times that size, in the same run,
//! and checks that the time ratio stays far below the 100× a quadratic step would give
//! (and the peak heap below a fixed multiple of the text). No absolute times are asserted.
//! The base is 1 MB and the big input 10 MB. The timing cases take about a minute even
//! optimised, so a debug build (plain `cargo test`) skips them; `scripts/test` runs them
//! with `cargo test --profile perf --test pathological -- --include-ignored`.
#![cfg(not(target_arch = "wasm32"))]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use article_highlighter::boundary::annotate_to_shape;
use article_highlighter::core::Options;

/// Counts live heap bytes and their peak, to bound memory.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator unchanged; only counts.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Peak heap allowed per byte of text.
const HEAP_PER_BYTE: usize = 128;

/// One case at a time, so the heap peak belongs to it.
static SERIAL: Mutex<()> = Mutex::new(());

/// Base size in bytes: 1 MB (the big input is 10 MB).
const BASE: usize = 1_000_000;

/// The largest time ratio accepted for 10× the input.
const LIMIT: f64 = 40.0;

/// `unit` repeated until the text holds at least `bytes` bytes.
fn repeat(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes.div_ceil(unit.len()))
}

/// Annotates `text`; returns the time taken and the heap peak above what was live before.
fn measure(text: &str) -> (Duration, usize) {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let t0 = Instant::now();
    let out = annotate_to_shape(text, &Options::default());
    let took = t0.elapsed();
    let peak = PEAK.load(Ordering::Relaxed) - before;
    drop(out);
    (took, peak)
}

/// Checks that `make(n)` annotates in time and memory linear in `n`, comparing
/// `BASE` with `10 * BASE`.
fn linear(name: &str, make: impl Fn(usize) -> String) {
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let small = make(BASE);
    let big = make(10 * BASE);
    measure(&small); // warm-up: the regexes compile once
                     // The machine is shared: take the best of a few runs so that noise cannot fake a
                     // super-linear ratio (a quadratic step gives about 100×, linear about 10×).
    let (mut t1, m1) = measure(&small);
    for _ in 0..2 {
        t1 = t1.min(measure(&small).0);
    }
    let (mut t10, m10) = measure(&big);
    let floor = Duration::from_millis(5);
    let ratio_of = |t10: Duration| t10.as_secs_f64() / t1.max(floor).as_secs_f64();
    if ratio_of(t10) >= LIMIT {
        t10 = t10.min(measure(&big).0);
    }
    let ratio = ratio_of(t10);
    eprintln!(
        "{name}: {} B in {t1:.2?} (heap peak {} KB), {} B in {t10:.2?} (heap peak {} KB): time ×{ratio:.1}",
        small.len(),
        m1 >> 10,
        big.len(),
        m10 >> 10
    );
    assert!(
        ratio < LIMIT,
        "{name}: 10× the input took {ratio:.1}× the time"
    );
    // Memory grows linearly with the text. The worst case measured is text made only of
    // punctuation (every character a token: ~104 heap bytes per byte of text, tokens and the
    // tagger's per-token context); prose stays under 20. MAX_TEXT_BYTES caps the total.
    assert!(
        m10 <= HEAP_PER_BYTE * big.len() + (1 << 20),
        "{name}: heap peak {m10} B for {} B of text",
        big.len()
    );
}

#[test]
#[cfg_attr(debug_assertions, ignore = "timing: run with --profile perf")]
fn pathological_prose() {
    let seed = include_str!("../www/seed-article.txt");
    linear("prose", |n| repeat(&format!("{seed}\n\n"), n));
}

#[test]
#[cfg_attr(debug_assertions, ignore = "timing: run with --profile perf")]
fn pathological_quote_marks() {
    linear("quote marks of every style", |n| {
        repeat(
            "\"\u{201C}\u{201D}\u{AB}\u{BB}'\u{2018}\u{2019}\u{201E}``'' ",
            n,
        )
    });
    linear("attributed quotes", |n| {
        repeat(
            "\"Yes,\" said Jay Carney. \u{201C}No,\u{201D} he added. ",
            n,
        )
    });
    linear("quotes by pronouns after many names", |n| {
        repeat(
            "Obama met Putin, Assad and Merkel in Paris on Monday. \"Yes,\" he said. ",
            n,
        )
    });
}

#[test]
#[cfg_attr(debug_assertions, ignore = "timing: run with --profile perf")]
fn pathological_unbalanced_marks() {
    linear("open marks only", |n| repeat("\u{201C}", n));
    linear("open singles then closing guillemets", |n| {
        repeat(" \u{2018}a", n / 2) + &repeat(" \u{BB}", n / 2)
    });
    linear("open singles then straight doubles", |n| {
        repeat(" \u{2018}a", n / 2) + &repeat(" \"", n / 2)
    });
    linear("closing marks only", |n| {
        repeat("\u{201D}\u{BB}\u{2019} ", n)
    });
}

#[test]
#[cfg_attr(debug_assertions, ignore = "timing: run with --profile perf")]
fn pathological_long_tokens() {
    linear("one token, lowercase", |n| repeat("a", n));
    linear("one token, capitalised", |n| format!("A{}", repeat("b", n)));
    linear("dotted initials", |n| repeat("A.", n));
    linear("hyphens", |n| repeat("Ab-", n));
    linear("digits", |n| repeat("1,", n));
}

#[test]
#[cfg_attr(debug_assertions, ignore = "timing: run with --profile perf")]
fn pathological_caps_and_punctuation() {
    linear("all caps", |n| repeat("THE UNITED NATIONS SAID NO ", n));
    linear("capitalised words, one sentence", |n| {
        repeat("John Smith Baker ", n)
    });
    linear("only punctuation", |n| {
        repeat("!?.,;:()[]{}-\u{2014}/&*", n)
    });
    linear("adverbs before a cue", |n| {
        repeat("also ", n) + "said: \"Yes.\" " + &repeat("\"No,\" also said. ", 1000)
    });
}

#[test]
#[cfg_attr(debug_assertions, ignore = "timing: run with --profile perf")]
fn pathological_paragraphs_and_numbers() {
    linear("short paragraphs", |n| repeat("Obama said \"yes.\"\n\n", n));
    linear("numbers among names", |n| {
        repeat(
            "On 5 May 2011 John Smith paid $5 million, 12% more, at 10:30 a.m. ",
            n,
        )
    });
    linear("a long name then its parts", |n| {
        let long = format!("John {}", repeat("Abc ", n / 4));
        long + &repeat("Abc. John said. ", n / 2)
    });
}

#[test]
fn fifty_thousand_paragraphs_are_all_seen() {
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let text = repeat("Obama said \"We agree.\"\n\n", 50_000 * 24);
    let out = annotate_to_shape(&text, &Options::default());
    assert_eq!(
        out.quotes.len(),
        50_000,
        "one quote per paragraph, none lost"
    );
    assert_eq!(out.entities.len(), 50_000);
}

#[test]
#[cfg_attr(debug_assertions, ignore = "timing: run with --profile perf")]
fn pathological_non_ascii() {
    // Unicode word boundaries make the regex engine leave its fastest path on non-ASCII text.
    linear("Cyrillic, CJK, emoji and combining marks", |n| {
        repeat(
            "Владимир Путин сказал «нет» 日本語の文章 😀👋🏽 e\u{301}te\u{301} 5 мая 2011. ",
            n,
        )
    });
}
