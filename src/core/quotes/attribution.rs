//! Finding the cue verb and the speaker mention a direct quote attaches to.
//!
//! Patterns: `"…," X said`, `"…," said X`, `X said: "…"`, `X said, "…"`, with titles,
//! descriptions and pronouns as `X` (`White House spokesman Jay Carney`, `the mayor`, `he`).

use crate::core::span::ByteSpan;
use crate::core::text::{Document, TokenKind};

/// Verbs (and verb forms) that introduce speech.
pub const CUE_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "tell",
    "added",
    "adds",
    "asked",
    "asks",
    "noted",
    "notes",
    "stated",
    "states",
    "explained",
    "explains",
    "declared",
    "declares",
    "insisted",
    "insists",
    "argued",
    "argues",
    "claimed",
    "claims",
    "warned",
    "warns",
    "wrote",
    "writes",
    "continued",
    "continues",
    "recalled",
    "recalls",
    "replied",
    "replies",
    "responded",
    "acknowledged",
    "admitted",
    "admits",
    "announced",
    "announces",
    "suggested",
    "suggests",
    "stressed",
    "stresses",
    "emphasized",
    "emphasised",
    "cautioned",
    "concluded",
    "observed",
    "remarked",
    "reported",
    "tweeted",
    "posted",
    "joked",
    "quipped",
    "urged",
    "urges",
    "predicted",
    "conceded",
    "concedes",
    "countered",
    "shouted",
    "yelled",
    "whispered",
    "complained",
    "complains",
    "boasted",
    "promised",
    "vowed",
    "pledged",
    "added:",
    "testified",
    "contended",
    "maintained",
    "maintains",
    "agreed",
    "agrees",
    "affirmed",
    "assured",
    "confirmed",
    "denied",
    "demanded",
    "lamented",
    "mused",
    "pleaded",
    "recounted",
    "repeated",
    "reiterated",
    "retorted",
    "screamed",
    "sighed",
    "smiled",
    "laughed",
    "wondered",
    "thinks",
    "thought",
    "believes",
    "believed",
    "explain",
    "add",
    "write",
];

/// Words between a speaker and the cue that belong to neither (`X also said`).
const ADVERBS: &[&str] = &[
    "also",
    "later",
    "then",
    "has",
    "had",
    "have",
    "once",
    "previously",
    "recently",
    "again",
    "further",
    "simply",
    "flatly",
    "quietly",
    "angrily",
    "repeatedly",
    "would",
    "will",
    "had",
    "earlier",
    "subsequently",
    "just",
    "often",
    "reportedly",
    "initially",
    "finally",
];

/// Words that end a speaker noun phrase after a cue (`said Smith, who …`).
const NP_STOPS: &[&str] = &[
    "who",
    "in",
    "on",
    "at",
    "during",
    "after",
    "when",
    "while",
    "to",
    "that",
    "because",
    "as",
    "adding",
    "citing",
    "referring",
    "before",
    "with",
    "from",
    "of",
    "about",
    "and",
    "but",
    "told",
    "said",
    "says",
    "according",
    "via",
    "via.",
    "for",
    "since",
    "than",
];

/// How many tokens before a cue may hold the speaker and the adverbs before the cue.
const MAX_LOOKBACK: usize = 24;

/// A cue and its speaker mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribution {
    /// The cue verb.
    pub cue: ByteSpan,
    /// The speaker mention (a name, title + name, description or pronoun).
    pub speaker: ByteSpan,
}

/// True when `word` is a speech cue verb.
pub fn is_cue(word: &str) -> bool {
    CUE_VERBS.contains(&word.to_lowercase().as_str())
}

fn is_boundary(doc: &Document<'_>, i: usize) -> bool {
    let t = doc.tokens[i];
    if t.kind != TokenKind::Punct {
        return false;
    }
    !matches!(t.span.slice(doc.text), "-" | "&" | "'")
}

/// First token index at or after byte `offset`.
pub fn token_at_or_after(doc: &Document<'_>, offset: usize) -> usize {
    doc.tokens.partition_point(|t| t.span.start < offset)
}

fn span_of(doc: &Document<'_>, first: usize, last: usize) -> ByteSpan {
    ByteSpan::new(doc.tokens[first].span.start, doc.tokens[last - 1].span.end)
}

/// The noun phrase starting at token `i` (after a cue): `said Jay Carney, who …` → `Jay Carney`.
fn np_after(doc: &Document<'_>, i: usize, end: usize) -> Option<ByteSpan> {
    let mut j = i;
    while j < end && j - i < 8 && !is_boundary(doc, j) {
        let w = doc.tokens[j].span.slice(doc.text).to_lowercase();
        if j > i && NP_STOPS.contains(&w.as_str()) {
            break;
        }
        j += 1;
    }
    (j > i).then(|| span_of(doc, i, j))
}

/// The noun phrase ending just before token `cue` (`White House spokesman Jay Carney said`).
fn np_before(doc: &Document<'_>, start: usize, cue: usize) -> Option<ByteSpan> {
    let mut last = cue;
    while last > start
        && ADVERBS.contains(
            &doc.tokens[last - 1]
                .span
                .slice(doc.text)
                .to_lowercase()
                .as_str(),
        )
    {
        last -= 1;
    }
    let mut first = last;
    while first > start && last - first < 8 && !is_boundary(doc, first - 1) {
        let w = doc.tokens[first - 1].span.slice(doc.text).to_lowercase();
        if NP_STOPS.contains(&w.as_str()) && w != "of" {
            break;
        }
        first -= 1;
    }
    (first < last).then(|| span_of(doc, first, last))
}

/// Finds the cue and speaker of the quote spanning `quote`, looking after the closing mark
/// first and then before the opening mark, never past the paragraph `para`.
pub fn attribute(doc: &Document<'_>, quote: ByteSpan, para: ByteSpan) -> Option<Attribution> {
    let para_first = token_at_or_after(doc, para.start);
    let para_end = token_at_or_after(doc, para.end);
    after(doc, quote, para_end).or_else(|| before(doc, quote, para_first))
}

fn after(doc: &Document<'_>, quote: ByteSpan, para_end: usize) -> Option<Attribution> {
    let mut k = token_at_or_after(doc, quote.end);
    if k < para_end && doc.tokens[k].span.slice(doc.text) == "," {
        k += 1;
    }
    if k >= para_end {
        return None;
    }
    let word = |i: usize| doc.tokens[i].span.slice(doc.text);
    if is_cue(word(k)) {
        // "…," said X
        let speaker = np_after(doc, k + 1, para_end)?;
        return Some(Attribution {
            cue: doc.tokens[k].span,
            speaker,
        });
    }
    // "…," X said
    let window = (k + 10).min(para_end);
    let mut j = k;
    while j < window && !is_boundary(doc, j) {
        if is_cue(word(j)) && j > k {
            let speaker = np_before(doc, k, j)?;
            return Some(Attribution {
                cue: doc.tokens[j].span,
                speaker,
            });
        }
        j += 1;
    }
    None
}

fn before(doc: &Document<'_>, quote: ByteSpan, para_first: usize) -> Option<Attribution> {
    let open = token_at_or_after(doc, quote.start);
    if open <= para_first {
        return None;
    }
    let word = |i: usize| doc.tokens[i].span.slice(doc.text);
    let mut b = open - 1;
    if matches!(word(b), ":" | ",") {
        if b == para_first {
            return None;
        }
        b -= 1;
    }
    // X said: "…" / X told reporters: "…"
    let lowest = b.saturating_sub(2).max(para_first);
    let cue = (lowest..=b).rev().find(|&i| is_cue(word(i)))?;
    // The speaker is at most a few words before the cue: look no further back than that
    // (a scan to the paragraph start for every quote would be quadratic).
    let lowest = cue.saturating_sub(MAX_LOOKBACK).max(para_first);
    let start = (lowest..cue)
        .rev()
        .find(|&i| is_boundary(doc, i))
        .map_or(lowest, |i| i + 1);
    let speaker = np_before(doc, start, cue)?;
    Some(Attribution {
        cue: doc.tokens[cue].span,
        speaker,
    })
}
