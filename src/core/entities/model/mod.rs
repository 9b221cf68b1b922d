//! The statistical name tagger: a two-pass averaged perceptron over BILOU tags with
//! Viterbi decoding. Its weights (`data/ner-model.bin`, see `MODEL_CARD.md`) are embedded;
//! a missing or malformed blob means no model, and the caller falls back to rules.
//! Plain lowercase words that are not name particles are tagged `O` without being scored
//! (`outside.rs`).

pub mod decode;
pub mod features;
pub mod gazetteer;
pub mod lookup;
pub mod outside;
pub mod score;
pub mod tags;
#[cfg(feature = "train")]
pub mod train;
pub mod weights;

use std::sync::OnceLock;

use super::Mention;
use crate::core::span::ByteSpan;
use crate::core::text::{Document, TokenKind};
use decode::Decoder;
use features::Context;
use lookup::{Lookup, Row};
use score::Scorer;
use tags::{Part, N_TAGS};
use weights::Weights;

static BLOB: &[u8] = include_bytes!("../../../../data/ner-model.bin");

/// A loaded two-pass tagger.
#[derive(Debug, Clone)]
pub struct Model {
    lookup: Lookup,
    /// Transition scores of each pass in fixed point (none for pass 2 in a one-pass model).
    trans: [Vec<i32>; 2],
    two_pass: bool,
}

/// Pass-2 weights of the pass-1 features are kept per scored token (68 bytes) only when tokens
/// average at least this many bytes of text; denser texts (runs of punctuation) compute
/// them again in pass 2 instead, so memory stays proportional to the text.
const MIN_BYTES_PER_TOKEN_TO_CACHE: usize = 4;

impl Model {
    /// Loads a weights blob (`weights.rs`): one model (pass 1 only) or two (pass 1 and
    /// pass 2); `None` when it is malformed.
    pub fn from_blob(blob: &[u8]) -> Option<Model> {
        let parsed = weights::parse(blob)?;
        let lookup = Lookup::from_blob(&parsed)?;
        let fixed_trans =
            |h: &weights::Head| -> Vec<i32> { h.trans.iter().map(|&t| lookup::fixed(t)).collect() };
        let trans = [
            fixed_trans(parsed.heads.first()?),
            parsed.heads.get(1).map_or_else(Vec::new, fixed_trans),
        ];
        Some(Model {
            lookup,
            trans,
            two_pass: parsed.heads.len() > 1,
        })
    }

    /// Builds a model from the weights of each pass (as training makes them): pass 1 and,
    /// if given, pass 2. `None` when `layers` is empty.
    pub fn new(layers: &[Weights]) -> Option<Model> {
        Model::from_blob(&weights::encode(layers))
    }

    /// The embedded model, or `None` when the embedded blob is empty or malformed.
    pub fn embedded() -> Option<&'static Model> {
        static MODEL: OnceLock<Option<Model>> = OnceLock::new();
        MODEL.get_or_init(|| Model::from_blob(BLOB)).as_ref()
    }

    /// The tag of every token of `doc`.
    pub fn tag(&self, doc: &Document<'_>) -> Vec<u8> {
        let cache = doc.tokens.len() * MIN_BYTES_PER_TOKEN_TO_CACHE <= doc.text.len();
        self.tag_with(doc, cache)
    }

    /// [`Model::tag`], keeping the pass-2 weights of the pass-1 features per token or not
    /// (the tags are the same either way).
    fn tag_with(&self, doc: &Document<'_>, cache: bool) -> Vec<u8> {
        let ctx = Context::new(doc);
        let mut scorer = Scorer::new(&ctx, &self.lookup, doc.text.len());
        let fixed = outside::surely_outside(doc, &ctx);
        // The pass-2 weights of the pass-1 features of each scored token, in the order
        // both passes score them (`decode_doc` walks the same tokens in the same order).
        let keep = cache && self.two_pass;
        let mut partial: Vec<Row> = Vec::new();
        let mut decoder = Decoder::new(&self.trans[0]);
        let tags1 = decode_doc(doc, &fixed, &mut decoder, |i, scores| {
            let mut second = [0; N_TAGS];
            scorer.pass1(i, scores, &mut second);
            if keep {
                partial.push(second);
            }
        });
        if !self.two_pass {
            return tags1;
        }
        let votes = ctx.votes(&tags1);
        let mut decoder = Decoder::new(&self.trans[1]);
        let mut kept = partial.iter();
        decode_doc(doc, &fixed, &mut decoder, |i, scores| {
            match kept.next() {
                Some(row) => *scores = *row,
                None => scorer.pass1(i, &mut [0; N_TAGS], scores),
            }
            scorer.pass2(i, &tags1, &votes, scores);
        })
    }

    /// The name mentions the model finds in `doc`.
    pub fn find(&self, doc: &Document<'_>) -> Vec<Mention> {
        mentions(doc, &self.tag(doc))
    }
}

/// Scores the tokens not `fixed` to `O` in order with `score(i, &mut row)`, and decodes
/// each sentence's runs between fixed tokens (which are tagged `O`).
fn decode_doc(
    doc: &Document<'_>,
    fixed: &[bool],
    decoder: &mut Decoder,
    mut score: impl FnMut(usize, &mut Row),
) -> Vec<u8> {
    let n = doc.tokens.len();
    let mut out = vec![tags::O; n];
    let mut rows: Vec<Row> = Vec::new();
    let is_fixed = |i: usize| fixed.get(i).copied().unwrap_or(false);
    // Sentences are decoded in pieces of at most MAX_DECODE tokens: Viterbi keeps ~150
    // bytes per token of its input, and a "sentence" of a million punctuation marks would
    // otherwise hold them all at once. Real sentences are far shorter.
    const MAX_DECODE: usize = 512;
    let pieces = doc.sentences.iter().flat_map(|s| {
        let (first, last) = (s.first.min(n), s.last.min(n));
        (first..last)
            .step_by(MAX_DECODE)
            .map(move |f| (f, (f + MAX_DECODE).min(last)))
    });
    for (first, last) in pieces {
        let mut i = first;
        while i < last {
            if is_fixed(i) {
                i += 1;
                continue;
            }
            let start = i;
            rows.clear();
            while i < last && !is_fixed(i) {
                let mut row = [0; N_TAGS];
                score(i, &mut row);
                rows.push(row);
                i += 1;
            }
            if let Some(slots) = out.get_mut(start..i) {
                decoder.decode_run(&rows, start > first, i < last, slots);
            }
        }
    }
    out
}

/// Turns BILOU tags into mentions (ill-formed runs are closed where they break).
pub fn mentions(doc: &Document<'_>, tags: &[u8]) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate().take(doc.tokens.len()) {
        let (part, ty) = tags::split(t);
        match part {
            Part::Begin => open = Some((i, ty)),
            Part::Inside => {
                if open.is_some_and(|(_, o)| o != ty) {
                    open = None;
                }
            }
            Part::Last | Part::Unit => {
                let mut start = match (part, open) {
                    (Part::Last, Some((s, o))) if o == ty => s,
                    _ => i,
                };
                // A name never starts or ends with a quotation mark (`Aunties.”` → `Aunties.`).
                let is_mark = |k: usize| {
                    doc.tokens[k].kind == TokenKind::Punct
                        && doc.tokens[k].span.slice(doc.text).chars().all(|c| {
                            matches!(
                                c,
                                '"' | '\''
                                    | '`'
                                    | '\u{201C}'
                                    | '\u{201D}'
                                    | '\u{2018}'
                                    | '\u{2019}'
                                    | '\u{AB}'
                                    | '\u{BB}'
                            )
                        })
                };
                let mut end = i;
                while start < end && is_mark(start) {
                    start += 1;
                }
                while end > start && is_mark(end) {
                    end -= 1;
                }
                if !is_mark(end) {
                    out.push(Mention {
                        span: ByteSpan::new(doc.tokens[start].span.start, doc.tokens[end].span.end),
                        label: Some(tags::label(ty)),
                    });
                }
                open = None;
            }
            Part::Outside => open = None,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::entities::Label;
    use crate::core::text::segment;

    #[test]
    fn the_committed_weights_load_and_tag() {
        // Fails when the features changed (FEATURE_VERSION) without retraining the blob.
        let model = Model::embedded().expect("data/ner-model.bin loads");
        let doc = segment("John Smith flew from Brussels to Moscow on Friday.");
        let found: Vec<(&str, Option<Label>)> = model
            .find(&doc)
            .iter()
            .map(|m| (m.span.slice(doc.text), m.label))
            .collect();
        assert_eq!(
            found,
            [
                ("John Smith", Some(Label::Person)),
                ("Brussels", Some(Label::Place)),
                ("Moscow", Some(Label::Place)),
            ]
        );
    }

    #[test]
    fn keeping_pass_two_weights_per_token_changes_no_tag() {
        let model = Model::embedded().expect("data/ner-model.bin loads");
        let text = "WASHINGTON (Reuters) - Jay Carney told the International Atomic Energy \
                    Agency (IAEA) on Friday that Iran's talks with the European Union in \
                    Brussels had stalled.\n\nCarney said Tehran must act. Mr. Carney, Ms. \
                    Kerry and Apple Inc. met in New York City.";
        let doc = segment(text);
        let kept = model.tag_with(&doc, true);
        assert_eq!(kept, model.tag_with(&doc, false));
        assert!(kept.iter().filter(|&&t| t != tags::O).count() > 10);
    }

    #[test]
    fn malformed_blobs_give_no_model() {
        assert!(Model::from_blob(b"").is_none());
        assert!(Model::from_blob(b"NERW\x01\x00\x11\x01garbage").is_none());
    }

    #[test]
    fn tags_become_mentions() {
        let doc = segment("Jay Carney met IAEA staff");
        let tags = [
            tags::tag(Part::Begin, 0),
            tags::tag(Part::Last, 0),
            tags::O,
            tags::tag(Part::Unit, 1),
            tags::O,
        ];
        let m = mentions(&doc, &tags);
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].span.slice(doc.text), "Jay Carney");
        assert_eq!(m[1].label, Some(Label::Organization));
    }
}
