//! `train`: trains the name tagger and writes the weights blob (cargo feature `train`).
//!
//! ```text
//! cargo run --release --features train --bin train -- TRAIN.txt [MORE.txt …]
//!     [--gum GUM.txt] [--dev DEV.txt] [--out data/ner-model.bin]
//!     [--epochs N] [--folds K] [--min-count N] [--prune N] [--seed N]
//! ```
//! Every input is CoNLL-2003-style (`word … NER`, `-DOCSTART-` between documents). The
//! run is deterministic for a given seed.

use std::process::ExitCode;

use article_highlighter::core::entities::model::tags::TYPES;
use article_highlighter::core::entities::model::train::{
    evaluate, evaluate_with, read_conll, train, Counts, GoldDoc, Options,
};
use article_highlighter::core::entities::model::{weights, Model};

fn read(path: &str) -> Result<Vec<GoldDoc>, String> {
    std::fs::read_to_string(path)
        .map(|c| read_conll(&c))
        .map_err(|e| format!("{path}: {e}"))
}

fn report(name: &str, c: Counts) {
    let f1 = |tp: usize, p: usize, g: usize| {
        let pr = tp as f64 / p.max(1) as f64;
        let rc = tp as f64 / g.max(1) as f64;
        if pr + rc > 0.0 {
            200.0 * pr * rc / (pr + rc)
        } else {
            0.0
        }
    };
    let names = ["PER", "ORG", "LOC", "MISC"];
    let mut line = format!("{name}:");
    for t in 0..TYPES {
        line += &format!(" {} {:.2}", names[t], f1(c[t][0], c[t][1], c[t][2]));
    }
    let sum = |k: usize| c.iter().map(|x| x[k]).sum::<usize>();
    line += &format!(" | ALL {:.2}", f1(sum(0), sum(1), sum(2)));
    let pol = |k: usize| c[..3].iter().map(|x| x[k]).sum::<usize>();
    line += &format!(" | PER+ORG+LOC {:.2}", f1(pol(0), pol(1), pol(2)));
    eprintln!("{line}");
}

/// Missed and spurious entities, one per line (for error analysis).
fn errors(model: &Model, docs: &[GoldDoc]) -> String {
    use article_highlighter::core::entities::model::tags::label;
    let mut out = String::new();
    for gold in docs {
        let doc = article_highlighter::core::text::segment(&gold.text);
        let pred: Vec<_> = model.find(&doc);
        let ctx = |s: usize, e: usize| {
            let a = gold.text[..s]
                .char_indices()
                .rev()
                .nth(30)
                .map_or(0, |x| x.0);
            let b = gold.text[e..]
                .char_indices()
                .nth(30)
                .map_or(gold.text.len(), |x| e + x.0);
            gold.text[a..b].replace('\n', " / ")
        };
        for &(span, ty) in &gold.entities {
            let l = Some(label(ty));
            if !pred.iter().any(|m| m.span == span && m.label == l) {
                let got = pred.iter().find(|m| m.span.overlaps(&span));
                out += &format!(
                    "FN {:?} {:?} got {:?} | {}\n",
                    l,
                    span.slice(&gold.text),
                    got.map(|m| (m.span.slice(&gold.text), m.label)),
                    ctx(span.start, span.end)
                );
            }
        }
        for m in &pred {
            if !gold
                .entities
                .iter()
                .any(|&(s, t)| s == m.span && Some(label(t)) == m.label)
            {
                out += &format!(
                    "FP {:?} {:?} | {}\n",
                    m.label,
                    m.span.slice(&gold.text),
                    ctx(m.span.start, m.span.end)
                );
            }
        }
    }
    out
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut opts = Options::default();
    let mut out = "data/ner-model.bin".to_string();
    let mut train_docs = Vec::new();
    let mut devs: Vec<(String, Vec<GoldDoc>)> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let value = || args.get(i + 1).cloned().ok_or(format!("{a} needs a value"));
        let num = |v: String| v.parse::<u64>().map_err(|e| format!("{a}: {e}"));
        match a {
            "--gum" => train_docs.extend(read(&value()?)?),
            "--dev" => devs.push((value()?, read(&value()?)?)),
            "--out" => out = value()?,
            "--epochs" => opts.epochs = num(value()?)? as usize,
            "--folds" => opts.folds = num(value()?)? as usize,
            "--min-count" => opts.min_count = num(value()?)? as u32,
            "--prune" => opts.prune = value()?.parse::<f32>().map_err(|e| format!("{a}: {e}"))?,
            "--seed" => opts.seed = num(value()?)?,
            "-h" | "--help" => {
                eprintln!("usage: train TRAIN.txt [--gum F] [--dev F] [--out F] [--epochs N] [--folds K] [--min-count N] [--prune N] [--seed N]");
                return Ok(());
            }
            path => {
                train_docs.extend(read(path)?);
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    if train_docs.is_empty() {
        return Err("no training documents (give a CoNLL file)".into());
    }
    let layers = train(&train_docs, &opts, &mut |l| eprintln!("{l}"));
    let blob = weights::encode(&layers);
    std::fs::write(&out, &blob).map_err(|e| format!("{out}: {e}"))?;
    eprintln!("wrote {out}: {} bytes", blob.len());
    let loaded = Model::from_blob(&blob).ok_or("the written blob does not load")?;
    for (name, dev) in &devs {
        let dev = dev.as_slice();
        report(&format!("{name} (model)"), evaluate(&loaded, dev));
        if Model::embedded().is_some() {
            let pipeline = evaluate_with(dev, |text| {
                let a = article_highlighter::core::annotate(text, &Default::default());
                a.entities.iter().map(|e| (e.span, e.label)).collect()
            });
            report(&format!("{name} (embedded model, full pipeline)"), pipeline);
            let recognized = evaluate_with(dev, |text| {
                let doc = article_highlighter::core::text::segment(text);
                article_highlighter::core::entities::recognize(&doc)
                    .iter()
                    .filter_map(|m| Some((m.span, m.label?)))
                    .collect()
            });
            report(
                "dev (embedded model, recognize without linking)",
                recognized,
            );
        }
        if let Ok(path) = std::env::var("NER_ERRORS") {
            let _ = std::fs::write(
                format!("{path}.{}", name.replace('/', "_")),
                errors(&loaded, dev),
            );
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train: {e}");
            ExitCode::FAILURE
        }
    }
}
