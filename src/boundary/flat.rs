//! The result of `annotate()` as numbers, for `src/boundary/build.js` to turn into the
//! public objects in one call.
//!
//! Building the result field by field through serde-wasm-bindgen costs a call into
//! JavaScript per field and a UTF-8 decode per string: without it, `annotate()` over 672
//! news articles (745 words on average) took 9% less time in Node. Here Rust writes every number of the result into one `u32`
//! array (read by JavaScript as a view of wasm memory, no copy) and the speaker names into
//! one string; JavaScript builds the objects, each span's `text` being `text.slice(start,
//! end)` of the input string, which copies nothing either.
//!
//! Layout, in order (offsets are UTF-16 code units, as everywhere in the public result):
//!
//! ```text
//! entity count, then per entity:  start, end, label, entityId
//! quote count, then per quote:    start, end, kind, flags,
//!                                 speaker start, speaker end, speakerName length,
//!                                 speakerId, cue start, cue end
//! ```
//!
//! `label` and `kind` index [`TABLE`] (labels first, then quote kinds); `flags` says which
//! of a quote's optional fields are there ([`SPEAKER`], [`SPEAKER_NAME`], [`SPEAKER_ID`],
//! [`CUE`]); absent ones are written as 0. Speaker names follow each other in
//! [`Flat::names`], each `speakerName length` UTF-16 code units long.

use super::shape::{utf16_index, AnnotationOut, SpanOut};
use crate::core::{Annotation, ByteSpan, Label, QuoteKind};

/// Numbers per entity.
pub const ENTITY_LEN: usize = 4;
/// Numbers per quotation.
pub const QUOTE_LEN: usize = 10;

/// Flag: the quote has a speaker span.
pub const SPEAKER: u32 = 1;
/// Flag: the quote has a speaker name.
pub const SPEAKER_NAME: u32 = 2;
/// Flag: the quote has a speaker entity id.
pub const SPEAKER_ID: u32 = 4;
/// Flag: the quote has a cue span.
pub const CUE: u32 = 8;

/// The public names of the labels (in [`Label::ALL`] order) and then of the quote kinds
/// (in [`QUOTE_KINDS`] order), comma-separated; `label` and `kind` numbers index it.
pub const TABLE: &str =
    "person,organization,place,misc,date,time,money,percent,direct,mixed,indirect";

/// Quote kinds in [`TABLE`] order (after the labels).
pub const QUOTE_KINDS: [QuoteKind; 3] = [QuoteKind::Direct, QuoteKind::Mixed, QuoteKind::Indirect];

/// An annotation in flat form (see the module documentation).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flat {
    /// Every number of the result.
    pub nums: Vec<u32>,
    /// The speaker names, one after the other.
    pub names: String,
}

fn label_index(label: Label) -> u32 {
    Label::ALL.iter().position(|&l| l == label).unwrap_or(0) as u32
}

fn kind_index(kind: QuoteKind) -> u32 {
    let k = QUOTE_KINDS.iter().position(|&q| q == kind).unwrap_or(0);
    (Label::ALL.len() + k) as u32
}

/// One quotation's fields, offsets already in UTF-16 code units.
struct QuoteNums<'a> {
    span: (u32, u32),
    kind: u32,
    speaker: Option<(u32, u32)>,
    name: Option<&'a str>,
    id: Option<u32>,
    cue: Option<(u32, u32)>,
}

impl Flat {
    fn with_capacity(entities: usize, quotes: usize) -> Flat {
        Flat {
            nums: Vec::with_capacity(2 + ENTITY_LEN * entities + QUOTE_LEN * quotes),
            names: String::new(),
        }
    }

    fn push_quote(&mut self, q: QuoteNums<'_>) {
        let flags = q.speaker.map_or(0, |_| SPEAKER)
            | q.name.map_or(0, |_| SPEAKER_NAME)
            | q.id.map_or(0, |_| SPEAKER_ID)
            | q.cue.map_or(0, |_| CUE);
        let (s_start, s_end) = q.speaker.unwrap_or((0, 0));
        let (c_start, c_end) = q.cue.unwrap_or((0, 0));
        let name_len = q.name.map_or(0, |n| {
            self.names.push_str(n);
            n.encode_utf16().count() as u32
        });
        self.nums.extend([
            q.span.0,
            q.span.1,
            q.kind,
            flags,
            s_start,
            s_end,
            name_len,
            q.id.unwrap_or(0),
            c_start,
            c_end,
        ]);
    }
}

/// Writes `ann`, an annotation of `text` (byte offsets), in flat form with UTF-16 offsets.
/// Offsets fit a `u32`: texts are at most [`super::MAX_TEXT_BYTES`] long.
pub fn to_flat(text: &str, ann: &Annotation) -> Flat {
    let index = utf16_index(text, ann);
    let at = |byte: usize| index.get(byte) as u32;
    let span = |s: ByteSpan| (at(s.start), at(s.end));
    let mut flat = Flat::with_capacity(ann.entities.len(), ann.quotes.len());
    flat.nums.push(ann.entities.len() as u32);
    for e in &ann.entities {
        let (start, end) = span(e.span);
        flat.nums
            .extend([start, end, label_index(e.label), e.entity_id]);
    }
    flat.nums.push(ann.quotes.len() as u32);
    for q in &ann.quotes {
        flat.push_quote(QuoteNums {
            span: span(q.span),
            kind: kind_index(q.kind),
            speaker: q.speaker.map(span),
            name: q.speaker_name.as_deref(),
            id: q.speaker_id,
            cue: q.cue.map(span),
        });
    }
    flat
}

/// Writes a public-shape annotation in flat form, for a text whose `slice(start, end)` is
/// each span's `text` (the highlight handle's own result). `None` when a label or kind is
/// not a public name or an offset does not fit a `u32` (the caller converts it the general
/// way then).
pub fn from_shape(ann: &AnnotationOut) -> Option<Flat> {
    let table: Vec<&str> = TABLE.split(',').collect();
    let index = |name: &str| table.iter().position(|&t| t == name).map(|k| k as u32);
    let num = |n: usize| u32::try_from(n).ok();
    let pair = |start: usize, end: usize| Some((num(start)?, num(end)?));
    let span = |s: &Option<SpanOut>| -> Option<Option<(u32, u32)>> {
        s.as_ref()
            .map_or(Some(None), |s| pair(s.start, s.end).map(Some))
    };
    let mut flat = Flat::with_capacity(ann.entities.len(), ann.quotes.len());
    flat.nums.push(num(ann.entities.len())?);
    for e in &ann.entities {
        let (start, end) = pair(e.start, e.end)?;
        flat.nums
            .extend([start, end, index(&e.label)?, e.entity_id]);
    }
    flat.nums.push(num(ann.quotes.len())?);
    for q in &ann.quotes {
        flat.push_quote(QuoteNums {
            span: pair(q.start, q.end)?,
            kind: index(&q.kind)?,
            speaker: span(&q.speaker)?,
            name: q.speaker_name.as_deref(),
            id: q.speaker_id,
            cue: span(&q.cue)?,
        });
    }
    Some(flat)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::boundary::shape::{to_shape, AnnotationOut, EntityOut, QuoteOut, SpanOut};
    use crate::core::{annotate, Options};

    /// The decoding `build.js` does, in Rust: a different program over the same layout.
    fn from_flat(text: &str, flat: &Flat) -> Option<AnnotationOut> {
        let units: Vec<u16> = text.encode_utf16().collect();
        let name_units: Vec<u16> = flat.names.encode_utf16().collect();
        let table: Vec<&str> = TABLE.split(',').collect();
        let slice = |a: u32, b: u32| -> Option<String> {
            Some(String::from_utf16_lossy(units.get(a as usize..b as usize)?))
        };
        let span = |a: u32, b: u32| -> Option<SpanOut> {
            Some(SpanOut {
                start: a as usize,
                end: b as usize,
                text: slice(a, b)?,
            })
        };
        let mut nums = flat.nums.iter().copied();
        let mut out = AnnotationOut::default();
        for _ in 0..nums.next()? {
            let [start, end, label, entity_id] = std::array::from_fn(|_| nums.next());
            let (start, end) = (start?, end?);
            out.entities.push(EntityOut {
                start: start as usize,
                end: end as usize,
                text: slice(start, end)?,
                label: table.get(label? as usize)?.to_string(),
                entity_id: entity_id?,
            });
        }
        let mut name_at = 0usize;
        for _ in 0..nums.next()? {
            let q: [Option<u32>; QUOTE_LEN] = std::array::from_fn(|_| nums.next());
            let [start, end, kind, flags, s0, s1, name_len, id, c0, c1] =
                q.map(Option::unwrap_or_default);
            q.iter().all(Option::is_some).then_some(())?;
            let name = name_units.get(name_at..name_at + name_len as usize)?;
            name_at += name_len as usize;
            out.quotes.push(QuoteOut {
                start: start as usize,
                end: end as usize,
                text: slice(start, end)?,
                kind: table.get(kind as usize)?.to_string(),
                speaker: if flags & SPEAKER != 0 {
                    Some(span(s0, s1)?)
                } else {
                    None
                },
                speaker_name: (flags & SPEAKER_NAME != 0).then(|| String::from_utf16_lossy(name)),
                speaker_id: (flags & SPEAKER_ID != 0).then_some(id),
                cue: if flags & CUE != 0 {
                    Some(span(c0, c1)?)
                } else {
                    None
                },
            });
        }
        (nums.next().is_none() && name_at == name_units.len()).then_some(out)
    }

    #[test]
    fn a_shape_with_a_name_outside_the_table_is_left_to_the_general_way() {
        let text = "Jay Carney met Vladimir Putin in Moscow.";
        let mut shape = to_shape(text, &annotate(text, &Options::default()));
        assert!(from_shape(&shape).is_some());
        shape.entities[0].label = "people".to_string();
        assert_eq!(from_shape(&shape), None);
    }

    #[test]
    fn the_table_names_every_label_then_every_quote_kind() {
        let names: Vec<&str> = Label::ALL
            .iter()
            .map(|l| l.as_str())
            .chain(QUOTE_KINDS.iter().map(|k| k.as_str()))
            .collect();
        assert_eq!(TABLE, names.join(","));
    }

    #[test]
    fn flat_form_decodes_to_the_public_shape() {
        let texts = [
            "",
            "WASHINGTON — White House spokesman Jay Carney said on Monday that the \
             International Atomic Energy Agency (IAEA) had “no evidence” of it. \
             “We agree,” Carney told reporters. ‘Fine,’ said Ms. Zoë Ångström 👋🏽, who \
             paid $5 million (12.5%) at 3 p.m. on 3 May 2024.\n\n\"It is over,\" he said. \
             According to Vladimir Putin, Moscow will act.\n\n«Non», a dit Macron.",
            "\"Unattributed words of a long quote go on here,\" the end.\n\n\"And more.\"",
        ];
        let mut quotes_with_names = 0;
        for text in texts {
            let ann = annotate(text, &Options::default());
            let flat = to_flat(text, &ann);
            assert_eq!(
                flat.nums.len(),
                2 + ENTITY_LEN * ann.entities.len() + QUOTE_LEN * ann.quotes.len()
            );
            let shape = to_shape(text, &ann);
            assert_eq!(from_flat(text, &flat).as_ref(), Some(&shape), "{text}");
            // The handle's way, from the public shape: the same numbers and names.
            assert_eq!(from_shape(&shape).as_ref(), Some(&flat), "{text}");
            quotes_with_names += shape
                .quotes
                .iter()
                .filter(|q| q.speaker_name.is_some())
                .count();
        }
        // The texts exercise names, speakers and cues, not only empty fields.
        assert!(quotes_with_names >= 3, "{quotes_with_names}");
    }
}
