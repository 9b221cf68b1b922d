//! Quotations: direct quotes in every mark style, mixed and indirect (reported) speech, their
//! cue and speaker mention, and the speaker resolved to a person (through pronouns,
//! descriptions and continued paragraphs).
//!
//! * `marks`: pairs quotation marks into quoted spans, paragraph by paragraph.
//! * `attribution`: the cue and speaker mention next to a direct quote.
//! * `indirect`: reported clauses (`X said that …`, `according to X, …`), mixed quotes.
//! * `resolve`: speaker mention → name and entity id (gender-aware pronouns).
//! * `cues`, `tokens`: word lists and the token-level view the rules share.

mod attribution;
mod cues;
mod indirect;
mod marks;
mod resolve;
mod tokens;

use super::entities::Entity;
use super::span::ByteSpan;
use super::text::Document;
use indirect::Marks;
use resolve::People;
use tokens::View;

/// How a quotation reports speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuoteKind {
    /// Verbatim words inside quotation marks: `"We agree," he said.`
    Direct,
    /// A quoted fragment inside reported speech: `He said the plan was "dead on arrival".`
    Mixed,
    /// Reported speech without marks: `He said that the plan was dead.`
    Indirect,
}

impl QuoteKind {
    /// The public name: `"direct"`, `"mixed"` or `"indirect"`.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Mixed => "mixed",
            QuoteKind::Indirect => "indirect",
        }
    }
}

/// One quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The quotation, marks included for direct quotes.
    pub span: ByteSpan,
    /// Direct, mixed or indirect.
    pub kind: QuoteKind,
    /// The mention the cue attaches to (`White House spokesman Jay Carney`, `he`), if any.
    pub speaker: Option<ByteSpan>,
    /// The name the speaker resolves to (`Jay Carney`), if known.
    pub speaker_name: Option<String>,
    /// The `entity_id` of the speaker's entity, if it is one.
    pub speaker_id: Option<u32>,
    /// The cue verb (`said`), if any.
    pub cue: Option<ByteSpan>,
}

/// True when the quoted text ends like speech (with a comma, stop, dash …).
fn ends_like_speech(inner: &str) -> bool {
    inner.trim_end().chars().next_back().is_some_and(|c| {
        matches!(
            c,
            ',' | '.' | '!' | '?' | '\u{2026}' | '\u{2014}' | '-' | ':' | ';'
        )
    })
}

/// A quotation before its speaker is resolved.
struct Draft {
    quote: Quote,
    /// Paragraph index.
    para: usize,
    /// The quote opens its paragraph.
    at_para_start: bool,
    /// A direct quote with no cue of its own: it may continue the previous speaker.
    continues: bool,
}

/// The last quote with a known speaker, for the quotes that continue it.
struct Last {
    para: usize,
    name: Option<String>,
    id: Option<u32>,
    speaker: Option<ByteSpan>,
    cue: Option<ByteSpan>,
}

/// How far (in tokens) the cue of a one- or two-word quote may be.
const SHORT_QUOTE_REACH: usize = 5;

/// Fewest words in a quotation with no cue of its own (shorter ones are scare quotes or
/// titles).
const MIN_UNATTRIBUTED_WORDS: usize = 4;

/// How many paragraphs back a quote with no speaker of its own looks for the last speaker.
const FALLBACK_PARAS: usize = 1;

/// Finds the quotations of `doc`, linking speakers to `entities`.
///
/// Direct quotes in every mark style come with the cue and speaker next to them, or
/// inherit the previous speaker (a later quote in the same paragraph, a paragraph that
/// continues a quote); quoted fragments inside running text are either part of a mixed
/// quote or scare quotes and titles, which are never reported. Reported speech (`X said
/// that …`, `according to X, …`) is found by the `indirect` rules. Linear in the text's
/// length.
///
/// In three steps that are functions of their own: each runs once per text, so this costs
/// nothing, and a page's first call compiles three mid-sized wasm functions in about half
/// the time V8 took over the single 30 KB one.
pub fn find(doc: &Document<'_>, entities: &[Entity]) -> Vec<Quote> {
    let v = View::new(doc, entities);
    let person_end = |i: usize| v.person_end(i);
    let (mut drafts, marks) = direct(&v, &person_end);
    indirect_drafts(&v, &marks, &person_end, &mut drafts);
    crate::core::sort::by_key(&mut drafts, |d| d.quote.span.start as u64);
    let mut people = People::new(&v, entities);
    resolve_speakers(&v, &mut people, drafts)
}

/// The direct quotations of every paragraph, and which tokens are inside quotation
/// marks (for the reported-speech rules).
#[inline(never)]
fn direct(v: &View<'_, '_>, person_end: &dyn Fn(usize) -> Option<usize>) -> (Vec<Draft>, Marks) {
    let doc = v.doc;
    let text = doc.text;
    let n = v.len();
    let mut marks = Marks {
        direct: vec![false; n],
        fragment: vec![0; n],
        used_cue: vec![false; n],
    };
    let mut drafts: Vec<Draft> = Vec::new();

    for (p, para) in doc.paragraphs.iter().enumerate() {
        let mut lo = para.first;
        let mut after_attributed = false;
        for q in marks::find_in(text, para.span) {
            let first = v.token_at(q.inner.start);
            let end = v.token_at(q.inner.end).max(first);
            let words = (first..end).filter(|&i| !v.is_punct(i)).count();
            let (open, close) = (v.token_at(q.span.start), v.token_at(q.span.end));
            if attribution::is_embedded(v, &q, lo) {
                for slot in marks.fragment.iter_mut().take(close).skip(open) {
                    *slot = words;
                }
                continue;
            }
            let attr = attribution::attribute(v, &q, lo, &person_end).filter(|a| {
                // A one- or two-word quote needs a cue before it close by (`says
                // "One!"`), not somewhere else in a long sentence.
                let c = v.token_at(a.cue.start);
                words > 2 || c > open || open - c <= SHORT_QUOTE_REACH
            });
            lo = close;
            let at_para_start = q.span.start == para.span.start;
            let speechlike = ends_like_speech(q.inner.slice(text)) || q.unclosed;
            // `"…," O'Donnell said. "Big time."`: a short quote may follow an attributed one.
            let speech = words > 0
                && (attr.is_some()
                    || (speechlike && (words >= MIN_UNATTRIBUTED_WORDS || after_attributed)));
            after_attributed = speech && (attr.is_some() || after_attributed);
            if !speech {
                for slot in marks.fragment.iter_mut().take(close).skip(open) {
                    *slot = words;
                }
                continue;
            }
            for slot in marks.direct.iter_mut().take(close).skip(open) {
                *slot = true;
            }
            if let Some(cue) = attr.map(|a| a.cue) {
                let c = v.token_at(cue.start);
                if let Some(slot) = marks.used_cue.get_mut(c) {
                    *slot = true;
                }
            }
            drafts.push(Draft {
                quote: Quote {
                    span: q.span,
                    kind: QuoteKind::Direct,
                    speaker: attr.and_then(|a| a.speaker),
                    speaker_name: None,
                    speaker_id: None,
                    cue: attr.map(|a| a.cue),
                },
                para: p,
                at_para_start,
                continues: attr.is_none(),
            });
        }
    }

    (drafts, marks)
}

/// Appends the reported speech (indirect and mixed quotations) to `drafts`.
#[inline(never)]
fn indirect_drafts(
    v: &View<'_, '_>,
    marks: &Marks,
    person_end: &dyn Fn(usize) -> Option<usize>,
    drafts: &mut Vec<Draft>,
) {
    let doc = v.doc;
    let para_of = |offset: usize| doc.paragraphs.partition_point(|s| s.span.end <= offset);
    for r in indirect::find(v, marks, person_end) {
        drafts.push(Draft {
            quote: Quote {
                span: r.span,
                kind: if r.mixed {
                    QuoteKind::Mixed
                } else {
                    QuoteKind::Indirect
                },
                speaker: r.speaker,
                speaker_name: None,
                speaker_id: None,
                cue: Some(r.cue),
            },
            para: para_of(r.span.start),
            at_para_start: false,
            continues: false,
        });
    }
}

/// Resolves each draft's speaker to a name and entity (through its mention, the quote it
/// continues, or the recent or nearest person), in text order.
#[inline(never)]
fn resolve_speakers(v: &View<'_, '_>, people: &mut People<'_>, drafts: Vec<Draft>) -> Vec<Quote> {
    let direct_spans: Vec<ByteSpan> = drafts
        .iter()
        .filter(|d| d.quote.kind == QuoteKind::Direct)
        .map(|d| d.quote.span)
        .collect();
    let mut last: Option<Last> = None;
    let mut out = Vec::with_capacity(drafts.len());
    for mut d in drafts {
        let q = &mut d.quote;
        if let Some(s) = q.speaker {
            (q.speaker_name, q.speaker_id) = people.resolve(v, s, &direct_spans);
        } else if d.continues {
            if let Some(l) = last.as_ref() {
                if l.para == d.para {
                    // `"A," he said. "B."`: the same attribution.
                    q.speaker = l.speaker;
                    q.cue = l.cue;
                    (q.speaker_name, q.speaker_id) = (l.name.clone(), l.id);
                } else if l.para + 1 == d.para && d.at_para_start {
                    (q.speaker_name, q.speaker_id) = (l.name.clone(), l.id);
                }
            }
        }
        if q.speaker_name.is_none() && q.speaker.is_none() && q.kind == QuoteKind::Direct {
            // No mention and no continuation: the recent speaker, else the nearest person.
            let recent = last.as_ref().filter(|l| l.para + FALLBACK_PARAS >= d.para);
            (q.speaker_name, q.speaker_id) = match recent {
                Some(l) => (l.name.clone(), l.id),
                None => people.nearest(q.span.start, &direct_spans),
            };
        }
        if q.speaker_name.is_some() || q.speaker.is_some() {
            last = Some(Last {
                para: d.para,
                name: q.speaker_name.clone(),
                id: q.speaker_id,
                speaker: q.speaker,
                cue: q.cue,
            });
        }
        out.push(d.quote);
    }
    out
}
