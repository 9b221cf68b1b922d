//! `bench_ner`: measures the name tagger's speed in tokens per second on one core.
//!
//! ```text
//! cargo run --release --bin bench_ner -- FILE [ROUNDS]
//! ```
//! FILE is CoNLL-2003-style (documents split on `-DOCSTART-`, rebuilt as the scorers build
//! them) or any other text file (then one document per blank-line-separated block).

use std::process::ExitCode;
use std::time::Instant;

use article_highlighter::core::entities::{model::Model, recognize};
use article_highlighter::core::text::segment;

/// Rebuilds documents from CoNLL columns: tokens joined by spaces, sentences by newlines.
fn conll_docs(content: &str) -> Vec<String> {
    let mut docs = Vec::new();
    let mut doc: Vec<String> = Vec::new();
    let mut sent: Vec<&str> = Vec::new();
    for line in content.lines().chain(std::iter::once("")) {
        let word = line.split_whitespace().next();
        match word {
            Some("-DOCSTART-") if !doc.is_empty() => {
                docs.push(doc.join("\n"));
                doc.clear();
            }
            Some("-DOCSTART-") => {}
            Some(w) => sent.push(w),
            None if !sent.is_empty() => {
                doc.push(sent.join(" "));
                sent.clear();
            }
            None => {}
        }
    }
    if !doc.is_empty() {
        docs.push(doc.join("\n"));
    }
    docs
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: bench_ner FILE [ROUNDS]");
        return ExitCode::from(2);
    };
    let rounds: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(3);
    let content = match std::fs::read_to_string(path) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("bench_ner: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let docs = if content.contains("-DOCSTART-") {
        conll_docs(&content)
    } else {
        content.split("\n\n").map(str::to_string).collect()
    };
    let tokens: usize = docs.iter().map(|d| segment(d).tokens.len()).sum();
    println!(
        "model: {}",
        if Model::embedded().is_some() {
            "embedded"
        } else {
            "none (rules)"
        }
    );
    let mut found = 0;
    let mut best = f64::INFINITY;
    for _ in 0..rounds.max(1) {
        let t0 = Instant::now();
        found = 0;
        for d in &docs {
            found += recognize(&segment(d)).len();
        }
        best = best.min(t0.elapsed().as_secs_f64());
    }
    println!(
        "{} docs, {tokens} tokens, {found} mentions: {:.0} tokens/s (segmentation + recognition, best of {rounds})",
        docs.len(),
        tokens as f64 / best
    );
    ExitCode::SUCCESS
}
