//! Quotations: direct quotes in every mark style, their cue and speaker, and the speaker
//! resolved to a named entity (through pronouns, descriptions and continued paragraphs).

mod attribution;
mod marks;

use std::collections::HashMap;

use super::entities::{Entity, Label};
use super::span::ByteSpan;
use super::text::{Document, TokenKind};

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

const PRONOUNS: &[&str] = &["he", "she", "they", "i", "we", "him", "her"];

/// Words that end a quotation proper, as its last character inside the marks.
fn ends_like_speech(inner: &str) -> bool {
    inner.trim_end().chars().next_back().is_some_and(|c| {
        matches!(
            c,
            ',' | '.' | '!' | '?' | '\u{2026}' | '\u{2014}' | '-' | ':' | ';'
        )
    })
}

/// Finds the quotations of `doc`, linking speakers to `entities`.
pub fn find(doc: &Document<'_>, entities: &[Entity]) -> Vec<Quote> {
    let text = doc.text;
    let names = canonical_names(text, entities);
    // Entities are sorted and never overlap, so their ends are sorted too: lookups below are
    // binary searches (a scan per quote would be quadratic).
    let persons: Vec<&Entity> = entities
        .iter()
        .filter(|e| e.label == Label::Person)
        .collect();
    let mut quotes: Vec<Quote> = Vec::new();
    // (paragraph index, speaker name, speaker id, ended unclosed) of the last attributed quote.
    let mut last: Option<(usize, Option<String>, Option<u32>, bool)> = None;

    for (p, para) in doc.paragraphs.iter().enumerate() {
        for q in marks::find_in(text, para.span) {
            let first = attribution::token_at_or_after(doc, q.inner.start);
            let end = attribution::token_at_or_after(doc, q.inner.end);
            let words = doc.tokens[first..end.max(first)]
                .iter()
                .filter(|t| t.kind != TokenKind::Punct)
                .count();
            let at_para_start = q.span.start == para.span.start;
            let attr = attribution::attribute(doc, q.span, para.span);
            let speech = words > 0
                && (ends_like_speech(q.inner.slice(text))
                    || q.unclosed
                    || (at_para_start && words >= 3)
                    || (attr.is_some() && words >= 3));
            if !speech {
                continue;
            }
            let mut quote = Quote {
                span: q.span,
                kind: QuoteKind::Direct,
                speaker: None,
                speaker_name: None,
                speaker_id: None,
                cue: None,
            };
            if let Some(a) = attr {
                quote.cue = Some(a.cue);
                quote.speaker = Some(a.speaker);
                let (name, id) = resolve(text, a.speaker, entities, &persons, &names);
                quote.speaker_name = name;
                quote.speaker_id = id;
            } else if let Some((lp, name, id, _)) = &last {
                // A quote with no cue of its own in the same or the next paragraph continues
                // the previous speaker.
                if *lp == p || (*lp + 1 == p && at_para_start) {
                    quote.speaker_name = name.clone();
                    quote.speaker_id = *id;
                }
            }
            if quote.speaker_name.is_some() {
                last = Some((p, quote.speaker_name.clone(), quote.speaker_id, q.unclosed));
            }
            quotes.push(quote);
        }
    }
    quotes
}

/// Each entity's display name: its longest mention (the first one on ties).
fn canonical_names<'t>(text: &'t str, entities: &[Entity]) -> HashMap<u32, &'t str> {
    let mut names: HashMap<u32, &'t str> = HashMap::new();
    for e in entities {
        let s = e.span.slice(text);
        let slot = names.entry(e.entity_id).or_insert(s);
        if s.len() > slot.len() {
            *slot = s;
        }
    }
    names
}

/// Resolves a speaker mention to a name and entity: a person inside the mention, else the
/// nearest earlier person for a pronoun or description, else any entity inside the mention.
fn resolve(
    text: &str,
    speaker: ByteSpan,
    entities: &[Entity],
    persons: &[&Entity],
    names: &HashMap<u32, &str>,
) -> (Option<String>, Option<u32>) {
    // The entities that start inside the speaker mention.
    let from = entities.partition_point(|e| e.span.start < speaker.start);
    let to = entities.partition_point(|e| e.span.start < speaker.end);
    let inside = |label: Option<Label>| {
        entities[from..to.max(from)]
            .iter()
            .rfind(|e| speaker.contains(&e.span) && label.is_none_or(|l| e.label == l))
    };
    let named = |e: &Entity| {
        (
            names.get(&e.entity_id).map(|s| s.to_string()),
            Some(e.entity_id),
        )
    };
    if let Some(e) = inside(Some(Label::Person)) {
        return named(e);
    }
    let surface = speaker.slice(text).to_lowercase();
    let is_pronoun = PRONOUNS.contains(&surface.as_str());
    let is_description = surface.starts_with("the ") || surface.starts_with("a ");
    if is_pronoun || (is_description && inside(None).is_none()) {
        let before = persons.partition_point(|e| e.span.end <= speaker.start);
        if let Some(e) = before.checked_sub(1).and_then(|i| persons.get(i)) {
            return named(e);
        }
        return (None, None);
    }
    if let Some(e) = inside(None) {
        return named(e);
    }
    (Some(speaker.slice(text).to_string()), None)
}
