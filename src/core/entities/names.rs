//! Rule-based recognizer for person, organization, place and misc names.
//!
//! Capitalised runs of tokens are cut at sentence starters and titles, then typed by word
//! lists and cues (a title before a name, an organization head word at the end, a speech
//! verb after an unknown single word). Single capitalised words that fit none of these are
//! kept as unlabelled mentions: linking keeps them only when they name a known person.

use super::lexicon::{self, contains};
use super::{Label, Mention};
use crate::core::span::ByteSpan;
use crate::core::text::{Document, Token, TokenKind};

/// Verbs that, right after an unknown capitalised word, make it a person.
const PERSON_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "asked",
    "argued",
    "insisted",
    "warned",
    "explained",
    "wrote",
    "believes",
    "thinks",
    "has",
    "had",
    "wants",
    "announced",
    "declared",
    "stated",
];

fn first_char(s: &str) -> Option<char> {
    s.chars().next()
}

fn is_capitalised(word: &str) -> bool {
    first_char(word).is_some_and(char::is_uppercase)
}

/// `al-Assad`, `bin-Laden`: a lowercase particle glued to a capitalised name.
fn is_particle_name(word: &str) -> bool {
    match word.split_once('-') {
        Some((particle, rest)) => {
            lexicon::NAME_PARTICLES.contains(&particle) && is_capitalised(rest)
        }
        None => false,
    }
}

/// Longer words are never part of a name (keeps names, and the keys linking copies, short).
const MAX_NAME_TOKEN_BYTES: usize = 64;

/// A run of more capitalised tokens than this is a heading or shouting, not a name.
const MAX_NAME_TOKENS: usize = 12;

/// For each token, whether it overlaps a numeric span. Both lists are sorted and the spans
/// never overlap, so one merge walk does it (a scan per token would be quadratic).
fn numeric_tokens(tokens: &[Token], numeric: &[(ByteSpan, Label)]) -> Vec<bool> {
    let mut j = 0;
    tokens
        .iter()
        .map(|t| {
            while numeric.get(j).is_some_and(|(s, _)| s.end <= t.span.start) {
                j += 1;
            }
            numeric.get(j).is_some_and(|(s, _)| s.overlaps(&t.span))
        })
        .collect()
}

/// Finds name mentions in `doc`, avoiding the numeric spans already found.
///
/// Runs only when the model did not load; kept out of its caller (`recognize`) so that a
/// page compiles its 7 KB of wasm only then (V8 compiles each function on its first call).
#[inline(never)]
pub fn find(doc: &Document<'_>, numeric: &[(ByteSpan, Label)]) -> Vec<Mention> {
    let text = doc.text;
    let tokens = &doc.tokens;
    let word = |i: usize| tokens[i].span.slice(text);
    let in_numeric = numeric_tokens(tokens, numeric);
    let is_name_token = |i: usize| {
        tokens[i].kind == TokenKind::Word
            && tokens[i].span.len() <= MAX_NAME_TOKEN_BYTES
            && (is_capitalised(word(i)) || is_particle_name(word(i)))
            && !contains(lexicon::CALENDAR, word(i))
            && !in_numeric[i]
    };

    let mut out = Vec::new();
    for sentence in &doc.sentences {
        let initial = (sentence.first..sentence.last)
            .find(|&i| tokens[i].kind != TokenKind::Punct)
            .unwrap_or(sentence.first);
        let mut i = sentence.first;
        while i < sentence.last {
            if !is_name_token(i) {
                i += 1;
                continue;
            }
            let mut end = i + 1;
            loop {
                if end < sentence.last && is_name_token(end) {
                    end += 1;
                } else if end + 1 < sentence.last
                    && (word(end) == "of" || lexicon::NAME_PARTICLES.contains(&word(end)))
                    && is_name_token(end + 1)
                {
                    end += 2;
                } else {
                    break;
                }
            }
            if end - i > MAX_NAME_TOKENS {
                i = end;
                continue;
            }
            if let Some(m) = classify(doc, i, end, initial) {
                out.push(m);
            }
            i = end;
        }
    }
    out
}

/// Types the run of tokens `[start, end)`; `None` drops it.
#[allow(clippy::if_same_then_else)] // one branch per evidence kind, kept apart for reading
fn classify(doc: &Document<'_>, mut start: usize, end: usize, initial: usize) -> Option<Mention> {
    let text = doc.text;
    let tokens = &doc.tokens;
    let word = |i: usize| tokens[i].span.slice(text);

    if start == initial && contains(lexicon::SENTENCE_STARTERS, word(start)) {
        start += 1;
    }
    if start >= end {
        return None;
    }
    let head_is_org = (start..end)
        .any(|i| contains(lexicon::ORG_HEADS, word(i)) && (i + 1 == end || word(i + 1) == "of"))
        && end - start >= 2;
    let mut has_title = start > 0 && contains(lexicon::PERSON_TITLES, word(start - 1));
    if !head_is_org {
        while start + 1 < end && contains(lexicon::PERSON_TITLES, word(start)) {
            start += 1;
            has_title = true;
        }
    }
    let span = ByteSpan::new(tokens[start].span.start, tokens[end - 1].span.end);
    let key = span.slice(text).to_lowercase();
    let key = key.split_whitespace().collect::<Vec<_>>().join(" ");
    let len = end - start;
    let any_starter = (start..end).any(|i| contains(lexicon::SENTENCE_STARTERS, word(i)));
    let next_word = tokens.get(end).map(|t| t.span.slice(text)).unwrap_or("");

    let label = if lexicon::PLACES.contains(&key.as_str()) {
        Some(Label::Place)
    } else if lexicon::ORGANIZATIONS.contains(&key.as_str()) || head_is_org {
        Some(Label::Organization)
    } else if lexicon::MISC_NAMES.contains(&key.as_str())
        || (len == 1 && lexicon::DEMONYMS.contains(&key.as_str()))
    {
        Some(Label::Misc)
    } else if any_starter {
        return None;
    } else if has_title || (len >= 2 && contains(lexicon::GIVEN_NAMES, word(start))) {
        Some(Label::Person)
    } else if len == 1 && is_acronym(word(start)) {
        Some(Label::Organization)
    } else if (2..=3).contains(&len) || (len == 1 && PERSON_VERBS.contains(&next_word)) {
        Some(Label::Person)
    } else if len == 1 {
        None
    } else {
        Some(Label::Misc)
    };
    // An unknown single word stays unlabelled: linking keeps it only if it names a person.
    Some(Mention { span, label })
}

fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&letters)
        && word
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '&')
}
