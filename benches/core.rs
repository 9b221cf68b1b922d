//! Native benchmark of the pure core (not a test): throughput of `annotate` on articles of
//! ~800, ~5,000 and ~100,000 words built from ../shared/corpora/news-pages (the seed article
//! cycled when that folder is absent), and the cost of the first call (lazy set-up).
//! Run: `cargo bench --bench core`.

use std::path::Path;
use std::time::Instant;

use article_highlighter::core::{annotate, text, Options};

fn paragraphs() -> (String, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("../shared/corpora/news-pages");
    let mut pages: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.path().join("article.txt"))
                .filter(|p| p.exists())
                .collect()
        })
        .unwrap_or_default();
    pages.sort();
    let (source, texts) = if pages.is_empty() {
        println!("benches: ../shared/corpora/news-pages is absent; using the seed article");
        let seed = std::fs::read_to_string(root.join("www/seed-article.txt")).unwrap_or_default();
        ("seed article (cycled)".to_string(), vec![seed])
    } else {
        let texts = pages
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect();
        (format!("news-pages ({} pages)", pages.len()), texts)
    };
    let paras = texts
        .iter()
        .flat_map(|t| {
            t.split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .collect();
    (source, paras)
}

fn build(paras: &[String], target: usize) -> (usize, String) {
    let mut out = Vec::new();
    let mut words = 0;
    let mut i = 0;
    while words < target && !paras.is_empty() {
        let p = &paras[i % paras.len()];
        words += p.split_whitespace().count();
        out.push(p.as_str());
        i += 1;
    }
    (words, out.join("\n\n"))
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    let (source, paras) = paragraphs();
    let options = Options::default();
    let (_, small) = build(&paras, 800);
    let t0 = Instant::now();
    let _ = annotate(&small, &options);
    println!(
        "first call (includes lazy set-up): {:.2} ms",
        t0.elapsed().as_secs_f64() * 1e3
    );
    println!("texts: {source}");
    println!("| words | tokens | median ms | µs/word | tokens/s |");
    println!("|---:|---:|---:|---:|---:|");
    let mut base = None;
    for target in [800, 5000, 100_000] {
        let (words, text) = build(&paras, target);
        let tokens = text::tokenize(&text).len();
        let runs = if target > 50_000 { 5 } else { 20 };
        let _ = annotate(&text, &options);
        let times: Vec<f64> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(annotate(std::hint::black_box(&text), &options));
                t.elapsed().as_secs_f64()
            })
            .collect();
        let m = median(times);
        let per_word = m * 1e6 / words as f64;
        base.get_or_insert(per_word);
        println!(
            "| {words} | {tokens} | {:.3} | {per_word:.3} | {:.0} |",
            m * 1e3,
            tokens as f64 / m
        );
    }
}
