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

/// User + system CPU time of the calling thread, from `/proc/thread-self/stat` (Linux).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // After the command name: state is field 3, utime 14 and stime 15 (1-based, man proc).
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
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
    let mut best_cpu = f64::INFINITY;
    for _ in 0..rounds.max(1) {
        let t0 = Instant::now();
        let c0 = cpu_seconds();
        found = 0;
        for d in &docs {
            found += recognize(&segment(d)).len();
        }
        best = best.min(t0.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (c0, cpu_seconds()) {
            best_cpu = best_cpu.min(b - a);
        }
    }
    println!(
        "{} docs, {tokens} tokens, {found} mentions (segmentation + recognition, best of {rounds})",
        docs.len()
    );
    println!("wall clock: {:.0} tokens/s", tokens as f64 / best);
    if best_cpu.is_finite() && best_cpu > 0.0 {
        println!(
            "CPU time of this thread: {:.0} tokens/s (fairer on a busy machine; 10 ms ticks)",
            tokens as f64 / best_cpu
        );
    }
    ExitCode::SUCCESS
}
