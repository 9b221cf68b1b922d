//! Training the tagger (cargo feature `train`): CoNLL reading, projection of the gold
//! entities onto the tokenizer's tokens, a structured averaged perceptron with Viterbi,
//! jackknifed pass-1 predictions for the pass-2 features, and quantization.

use std::collections::HashMap;

use super::decode::viterbi;
use super::features::Context;
use super::tags::{self, Part, N_TAGS, O};
use super::weights::{Weights, CODES};
use super::Model;
use crate::core::entities::Label;
use crate::core::span::ByteSpan;
use crate::core::text::{segment, Document};

/// One training or evaluation document: its text and gold entities `(span, type index)`.
#[derive(Debug, Clone)]
pub struct GoldDoc {
    /// Sentences joined by `\n`, tokens by one space (as the shared scorers build it).
    pub text: String,
    /// Gold entities in byte offsets with their type index.
    pub entities: Vec<(ByteSpan, usize)>,
}

/// Reads a CoNLL-2003-style file (`word … NER` columns, IOB1 or IOB2, `-DOCSTART-`
/// between documents, blank lines between sentences).
pub fn read_conll(content: &str) -> Vec<GoldDoc> {
    let mut docs = Vec::new();
    let mut text = String::new();
    let mut entities = Vec::new();
    let mut open: Option<(usize, usize, usize)> = None; // start, end, type
    let mut line_start = true;
    let flush =
        |text: &mut String, entities: &mut Vec<(ByteSpan, usize)>, docs: &mut Vec<GoldDoc>| {
            let t = text.trim_end().to_string();
            if !t.is_empty() {
                docs.push(GoldDoc {
                    text: t,
                    entities: std::mem::take(entities),
                });
            }
            text.clear();
            entities.clear();
        };
    for line in content.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.first() == Some(&"-DOCSTART-") {
            if let Some((s, e, ty)) = open.take() {
                entities.push((ByteSpan::new(s, e), ty));
            }
            flush(&mut text, &mut entities, &mut docs);
            line_start = true;
            continue;
        }
        if cols.is_empty() {
            if let Some((s, e, ty)) = open.take() {
                entities.push((ByteSpan::new(s, e), ty));
            }
            if !line_start {
                text.push('\n');
                line_start = true;
            }
            continue;
        }
        let word = cols[0];
        let ner = cols.last().copied().unwrap_or("O");
        if !line_start {
            text.push(' ');
        }
        line_start = false;
        let start = text.len();
        text.push_str(word);
        let end = text.len();
        let (prefix, ty) = match ner.split_once('-') {
            Some((p, t)) => (p, tags::type_from_conll(t)),
            None => ("O", None),
        };
        match (ty, open) {
            (Some(t), Some((s, _, o))) if o == t && prefix == "I" => open = Some((s, end, t)),
            (Some(t), _) => {
                if let Some((s, e, o)) = open.take() {
                    entities.push((ByteSpan::new(s, e), o));
                }
                open = Some((start, end, t));
            }
            (None, _) => {
                if let Some((s, e, o)) = open.take() {
                    entities.push((ByteSpan::new(s, e), o));
                }
            }
        }
    }
    if let Some((s, e, ty)) = open.take() {
        entities.push((ByteSpan::new(s, e), ty));
    }
    flush(&mut text, &mut entities, &mut docs);
    docs
}

/// Gold BILOU tags for the tokens of `doc`: a token belongs to the entity it overlaps.
pub fn project(doc: &Document<'_>, entities: &[(ByteSpan, usize)]) -> Vec<u8> {
    let mut out = vec![O; doc.tokens.len()];
    for &(span, ty) in entities {
        let idx: Vec<usize> = (0..doc.tokens.len())
            .filter(|&i| doc.tokens[i].span.overlaps(&span))
            .collect();
        match idx.as_slice() {
            [] => {}
            [one] => out[*one] = tags::tag(Part::Unit, ty),
            [first, .., last] => {
                for &i in &idx {
                    out[i] = tags::tag(Part::Inside, ty);
                }
                out[*first] = tags::tag(Part::Begin, ty);
                out[*last] = tags::tag(Part::Last, ty);
            }
        }
    }
    out
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// Passes over the data.
    pub epochs: usize,
    /// Seed of the sentence shuffle.
    pub seed: u64,
    /// Folds for the jackknifed pass-1 predictions; 0 trains pass 1 only.
    pub folds: usize,
    /// Features seen fewer times than this in training are dropped.
    pub min_count: u32,
    /// Fraction of the smallest nonzero weights dropped before quantization.
    pub prune: f32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            epochs: 12,
            seed: 20_031,
            folds: 4,
            min_count: 2,
            prune: 0.6,
        }
    }
}

/// One sentence ready for the perceptron: feature indices per token and gold tags.
struct Sent {
    doc: usize,
    offsets: Vec<u32>,
    feats: Vec<u32>,
    gold: Vec<u8>,
}

impl Sent {
    fn token(&self, t: usize) -> &[u32] {
        let a = self.offsets[t] as usize;
        let b = self.offsets[t + 1] as usize;
        &self.feats[a..b]
    }
}

/// Hashed features of every token of every document, sentence by sentence.
type Hashed = Vec<Vec<(Vec<u8>, Vec<Vec<u32>>)>>;

fn hash_docs(docs: &[GoldDoc], pass1_tags: Option<&[Vec<u8>]>) -> Hashed {
    let mut out = Vec::with_capacity(docs.len());
    for (d, gold) in docs.iter().enumerate() {
        let doc = segment(&gold.text);
        let ctx = Context::new(&doc);
        let tags = project(&doc, &gold.entities);
        let p1 = pass1_tags.and_then(|p| p.get(d));
        let votes = p1.map(|t| ctx.votes(t));
        let mut sents = Vec::new();
        for s in &doc.sentences {
            let mut feats = Vec::new();
            for i in s.first..s.last {
                let mut f = Vec::with_capacity(64);
                ctx.pass1(i, &mut f);
                if let (Some(t), Some(v)) = (p1, &votes) {
                    ctx.pass2(i, t, v, &mut f);
                }
                feats.push(f);
            }
            sents.push((tags[s.first..s.last].to_vec(), feats));
        }
        out.push(sents);
    }
    out
}

/// Feature keys kept (seen at least `min_count` times) and their indices.
fn vocabulary(hashed: &Hashed, min_count: u32) -> (HashMap<u32, u32>, Vec<u32>) {
    let mut counts: HashMap<u32, u32> = HashMap::new();
    for doc in hashed {
        for (_, feats) in doc {
            for f in feats.iter().flatten() {
                *counts.entry(*f).or_default() += 1;
            }
        }
    }
    let mut keys: Vec<u32> = counts
        .into_iter()
        .filter(|&(_, c)| c >= min_count)
        .map(|(k, _)| k)
        .collect();
    keys.sort_unstable();
    let map = keys
        .iter()
        .enumerate()
        .map(|(i, &k)| (k, i as u32))
        .collect();
    (map, keys)
}

fn to_sents(hashed: &Hashed, vocab: &HashMap<u32, u32>) -> Vec<Sent> {
    let mut out = Vec::new();
    for (d, doc) in hashed.iter().enumerate() {
        for (gold, feats) in doc {
            let mut s = Sent {
                doc: d,
                offsets: vec![0],
                feats: Vec::new(),
                gold: gold.clone(),
            };
            for f in feats {
                s.feats.extend(f.iter().filter_map(|k| vocab.get(k)));
                s.offsets.push(s.feats.len() as u32);
            }
            out.push(s);
        }
    }
    out
}

/// Float weights of a trained (averaged) perceptron over feature indices.
struct Trained {
    w: Vec<f32>,
    trans: Vec<f32>,
}

fn predict(w: &[f32], trans: &[f32], s: &Sent) -> Vec<u8> {
    let rows: Vec<[f32; N_TAGS]> = (0..s.gold.len())
        .map(|t| {
            let mut row = [0.0f32; N_TAGS];
            for &f in s.token(t) {
                let w = &w[f as usize * N_TAGS..(f as usize + 1) * N_TAGS];
                for (r, v) in row.iter_mut().zip(w) {
                    *r += v;
                }
            }
            row
        })
        .collect();
    viterbi(&rows, trans)
}

impl Trained {
    fn predict(&self, s: &Sent) -> Vec<u8> {
        predict(&self.w, &self.trans, s)
    }

    /// Quantizes to int8 codes into a log-spaced codebook of magnitudes, after dropping the
    /// smallest `prune` fraction of the nonzero weights.
    fn quantize(&self, keys: &[u32], prune: f32) -> Weights {
        let mut mags: Vec<f32> = self
            .w
            .iter()
            .map(|v| v.abs())
            .filter(|&v| v > 0.0)
            .collect();
        mags.sort_by(f32::total_cmp);
        let cut = ((mags.len() as f32 * prune.clamp(0.0, 1.0)) as usize).min(mags.len());
        let threshold = mags.get(cut).copied().unwrap_or(f32::INFINITY);
        let lo = threshold.max(1e-6).ln();
        let hi = mags.last().copied().unwrap_or(1.0).max(1e-6).ln().max(lo);
        let codebook: Vec<f32> = (0..CODES)
            .map(|k| (lo + (hi - lo) * k as f32 / (CODES - 1) as f32).exp())
            .collect();
        let code = |v: f32| -> i8 {
            let m = v.abs();
            if m < threshold || m == 0.0 {
                return 0;
            }
            let k = codebook.partition_point(|&c| c < m);
            // nearest of codebook[k - 1] and codebook[k]
            let k = match (k.checked_sub(1), codebook.get(k)) {
                (Some(lo), Some(&hi)) if m - codebook[lo] < hi - m => lo,
                (Some(lo), None) => lo,
                _ => k,
            };
            let c = (k + 1).min(CODES) as i8;
            if v < 0.0 {
                -c
            } else {
                c
            }
        };
        let mut features = Vec::new();
        for (i, &key) in keys.iter().enumerate() {
            let mut row = [0i8; N_TAGS];
            for (t, slot) in row.iter_mut().enumerate() {
                *slot = code(self.w[i * N_TAGS + t]);
            }
            if row.iter().any(|&v| v != 0) {
                features.push((key, row));
            }
        }
        Weights::from_parts(codebook, self.trans.clone(), features)
    }
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Structured averaged perceptron over the sentences `which`.
fn perceptron(sents: &[Sent], which: &[usize], n_feats: usize, opts: &Options) -> Trained {
    let mut w = vec![0f32; n_feats * N_TAGS];
    let mut u = vec![0f64; n_feats * N_TAGS];
    let mut tw = vec![0f32; N_TAGS * N_TAGS];
    let mut tu = vec![0f64; N_TAGS * N_TAGS];
    let mut c = 1f64;
    let mut order = which.to_vec();
    let mut rng = Rng(opts.seed | 1);
    for _ in 0..opts.epochs {
        rng.shuffle(&mut order);
        for &si in &order {
            let s = &sents[si];
            let pred = predict(&w, &tw, s);
            if pred != s.gold {
                for t in 0..s.gold.len() {
                    let (g, p) = (s.gold[t] as usize, pred[t] as usize);
                    if g != p {
                        for &f in s.token(t) {
                            let b = f as usize * N_TAGS;
                            w[b + g] += 1.0;
                            u[b + g] += c;
                            w[b + p] -= 1.0;
                            u[b + p] -= c;
                        }
                    }
                    if t > 0 {
                        let gt = s.gold[t - 1] as usize * N_TAGS + g;
                        let pt = pred[t - 1] as usize * N_TAGS + p;
                        if gt != pt {
                            tw[gt] += 1.0;
                            tu[gt] += c;
                            tw[pt] -= 1.0;
                            tu[pt] -= c;
                        }
                    }
                }
            }
            c += 1.0;
        }
    }
    let avg = |w: &[f32], u: &[f64]| -> Vec<f32> {
        w.iter()
            .zip(u)
            .map(|(&a, &b)| (f64::from(a) - b / c) as f32)
            .collect()
    };
    Trained {
        w: avg(&w, &u),
        trans: avg(&tw, &tu),
    }
}

/// Trains the two-pass tagger on `docs`: the weights of pass 1 and (with `folds` ≥ 2)
/// pass 2, for [`weights::encode`](super::weights::encode) or [`Model::new`]; `log`
/// receives progress lines.
pub fn train(docs: &[GoldDoc], opts: &Options, log: &mut dyn FnMut(String)) -> Vec<Weights> {
    let hashed = hash_docs(docs, None);
    let (vocab, keys) = vocabulary(&hashed, opts.min_count);
    let sents = to_sents(&hashed, &vocab);
    drop(hashed);
    log(format!(
        "pass 1: {} docs, {} sentences, {} features",
        docs.len(),
        sents.len(),
        keys.len()
    ));
    let all: Vec<usize> = (0..sents.len()).collect();
    let p1 = perceptron(&sents, &all, keys.len(), opts);
    let pass1 = p1.quantize(&keys, opts.prune);
    log(format!("pass 1: {} weighted features", pass1.len()));
    if opts.folds < 2 {
        return vec![pass1];
    }
    // Jackknife: pass-1 tags for each document from a model that never saw it.
    let mut tags1: Vec<Vec<u8>> = docs.iter().map(|_| Vec::new()).collect();
    for k in 0..opts.folds {
        let train_ids: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&i| sents[i].doc % opts.folds != k)
            .collect();
        let m = perceptron(&sents, &train_ids, keys.len(), opts);
        for s in sents.iter().filter(|s| s.doc % opts.folds == k) {
            tags1[s.doc].extend(m.predict(s));
        }
        log(format!("jackknife fold {} of {} done", k + 1, opts.folds));
    }
    drop(sents);
    let hashed = hash_docs(docs, Some(&tags1));
    let (vocab, keys) = vocabulary(&hashed, opts.min_count);
    let sents = to_sents(&hashed, &vocab);
    drop(hashed);
    log(format!("pass 2: {} features", keys.len()));
    let all: Vec<usize> = (0..sents.len()).collect();
    let p2 = perceptron(&sents, &all, keys.len(), opts);
    let pass2 = p2.quantize(&keys, opts.prune);
    log(format!("pass 2: {} weighted features", pass2.len()));
    vec![pass1, pass2]
}

/// Entity-level counts per type: `[true positives, predicted, gold]`.
pub type Counts = [[usize; 3]; tags::TYPES];

/// Scores `model` on `docs` (exact span and type), without linking or numeric entities.
pub fn evaluate(model: &Model, docs: &[GoldDoc]) -> Counts {
    evaluate_with(docs, |text| {
        let doc = segment(text);
        model
            .find(&doc)
            .into_iter()
            .filter_map(|m| Some((m.span, m.label?)))
            .collect()
    })
}

/// Scores any recognizer (`find` gives labelled byte spans of a text) on `docs`.
pub fn evaluate_with(
    docs: &[GoldDoc],
    mut find: impl FnMut(&str) -> Vec<(ByteSpan, Label)>,
) -> Counts {
    let mut counts = [[0usize; 3]; tags::TYPES];
    for gold in docs {
        let pred: Vec<(ByteSpan, usize)> = find(&gold.text)
            .into_iter()
            .filter_map(|(span, label)| {
                let ty = (0..tags::TYPES).find(|&t| tags::label(t) == label)?;
                Some((span, ty))
            })
            .collect();
        for &(_, ty) in &pred {
            counts[ty][1] += 1;
        }
        for g in &gold.entities {
            counts[g.1][2] += 1;
            if pred.contains(g) {
                counts[g.1][0] += 1;
            }
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: &str = "-DOCSTART- -X- -X- O\n\nJay NNP B-NP B-PER\nCarney NNP I-NP I-PER\n\
said VBD B-VP O\n. . O O\n\nIAEA NNP B-NP B-ORG\nvisited VBD O O\nSyria NNP O B-LOC\n. . O O\n";

    #[test]
    fn conll_reads_into_text_and_spans() {
        let docs = read_conll(TINY);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].text, "Jay Carney said .\nIAEA visited Syria .");
        let names: Vec<&str> = docs[0]
            .entities
            .iter()
            .map(|(s, _)| s.slice(&docs[0].text))
            .collect();
        assert_eq!(names, ["Jay Carney", "IAEA", "Syria"]);
        let doc = segment(&docs[0].text);
        let tags = project(&doc, &docs[0].entities);
        assert_eq!(tags[0], tags::tag(Part::Begin, 0));
        assert_eq!(tags[1], tags::tag(Part::Last, 0));
    }

    #[test]
    fn training_learns_a_tiny_corpus() {
        let docs = read_conll(&TINY.repeat(4));
        let opts = Options {
            epochs: 5,
            folds: 2,
            min_count: 1,
            ..Options::default()
        };
        let model = Model::new(&train(&docs, &opts, &mut |_| {})).expect("the model loads");
        let c = evaluate(&model, &docs);
        assert_eq!(c.iter().map(|x| x[0]).sum::<usize>(), 12);
    }
}
