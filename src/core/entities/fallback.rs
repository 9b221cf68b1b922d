//! Merging rules into the tagger's output where the tagger is known to be weak: a single
//! unknown capitalised word before a speech verb (`Obama has …`), which the 1996 training
//! news never saw, and well-known multi-word organizations from the hand-written lexicon
//! (`Arab League`, `White House`; CoNLL-2003 itself tags `White House` as a place) and
//! people (`Obama`) override the tagger's type.

use super::lexicon;
use super::{Label, Mention};
use crate::core::span::ByteSpan;
use crate::core::text::{Document, TokenKind};

/// Applies the rule fixes to the tagger's `model` mentions.
pub fn merge(doc: &Document<'_>, mut model: Vec<Mention>) -> Vec<Mention> {
    let text = doc.text;
    let mut key = String::new();
    for m in &mut model {
        // `Ms Bauchtman` → `Bauchtman`: honorifics are not part of a person's name.
        if m.label == Some(Label::Person) {
            let first = doc.tokens.partition_point(|t| t.span.start < m.span.start);
            let (a, b) = (doc.tokens.get(first), doc.tokens.get(first + 1));
            if let (Some(a), Some(b)) = (a, b) {
                if b.span.end <= m.span.end && is_honorific(a.span.slice(text)) {
                    m.span.start = b.span.start;
                }
            }
        }
        lookup_key(m.span.slice(text), &mut key);
        if lexicon::ORGANIZATION_NAMES.contains(&key.as_str()) {
            m.label = Some(Label::Organization);
        } else if lexicon::KNOWN_PEOPLE.contains(&key.as_str()) {
            m.label = Some(Label::Person);
        }
    }
    let word = |i: usize| doc.tokens.get(i).map_or("", |t| t.span.slice(text));
    let capitalised = |i: usize| word(i).chars().next().is_some_and(char::is_uppercase);
    let mut added = Vec::new();
    // Built on first need: every token's text, to ask "is this word also used in lowercase?"
    // in constant time (a scan per candidate made many "X said" paragraphs quadratic).
    let mut words: Option<std::collections::HashSet<&str>> = None;
    for (i, t) in doc.tokens.iter().enumerate() {
        if t.kind != TokenKind::Word || !capitalised(i) || !SPEECH_VERBS.contains(&word(i + 1)) {
            continue;
        }
        let w = word(i);
        let lower = w.to_lowercase();
        let known = [
            lexicon::SENTENCE_STARTERS,
            lexicon::CALENDAR,
            lexicon::PLACES,
            lexicon::ORGANIZATIONS,
            lexicon::DEMONYMS,
            lexicon::PERSON_TITLES,
        ]
        .iter()
        .any(|list| list.contains(&lower.as_str()));
        if known
            || w.ends_with('s')
            || w == "May"
            || (i > 0 && capitalised(i - 1))
            || overlaps_any(&model, t.span)
            || words
                .get_or_insert_with(|| doc.tokens.iter().map(|u| u.span.slice(text)).collect())
                .contains(lower.as_str())
        {
            continue;
        }
        added.push(Mention {
            span: t.span,
            label: Some(Label::Person),
        });
    }
    model.extend(added);
    model
}

/// True when `word`, lowercased, is one of the [`HONORIFICS`].
fn is_honorific(word: &str) -> bool {
    if word.is_ascii() {
        // The list is lowercase ASCII: no need to build the lowercase word.
        return HONORIFICS.iter().any(|h| h.eq_ignore_ascii_case(word));
    }
    HONORIFICS.contains(&word.to_lowercase().as_str())
}

/// Writes into `key` the lexicon key of `surface`: lowercased, words joined by one space.
fn lookup_key(surface: &str, key: &mut String) {
    key.clear();
    if surface.is_ascii() {
        // ASCII lowercasing maps byte to byte and keeps the whitespace where it is.
        for (k, w) in surface.split_whitespace().enumerate() {
            if k > 0 {
                key.push(' ');
            }
            key.push_str(w);
        }
        key.make_ascii_lowercase();
        return;
    }
    let lower = surface.to_lowercase();
    for (k, w) in lower.split_whitespace().enumerate() {
        if k > 0 {
            key.push(' ');
        }
        key.push_str(w);
    }
}

/// True when a mention of `sorted` (sorted by start, not overlapping) overlaps `span`.
fn overlaps_any(sorted: &[Mention], span: ByteSpan) -> bool {
    let i = sorted.partition_point(|m| m.span.end <= span.start);
    sorted.get(i).is_some_and(|m| m.span.overlaps(&span))
}

/// Titles cut from the front of a person mention.
const HONORIFICS: &[&str] = &[
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "prof",
    "prof.",
    "president",
    "senator",
    "sen.",
    "gov.",
    "rep.",
    "gen.",
];

/// Verbs that, right after an unknown capitalised word, make it a person.
const SPEECH_VERBS: &[&str] = &[
    "said", "says", "told", "added", "has", "had", "wants", "believes", "thinks", "warned",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::span::ByteSpan;
    use crate::core::text::segment;

    fn span_of(text: &str, s: &str) -> ByteSpan {
        let start = text.find(s).unwrap_or(0);
        ByteSpan::new(start, start + s.len())
    }

    #[test]
    fn honorifics_are_cut_and_lexicon_types_win() {
        let text = "Ms Bauchtman met the Arab League. Zorblat said no.";
        let doc = segment(text);
        let model = vec![
            Mention {
                span: span_of(text, "Ms Bauchtman"),
                label: Some(Label::Person),
            },
            Mention {
                span: span_of(text, "Arab League"),
                label: Some(Label::Misc),
            },
        ];
        let out = merge(&doc, model);
        let got: Vec<(&str, Option<Label>)> =
            out.iter().map(|m| (m.span.slice(text), m.label)).collect();
        assert_eq!(
            got,
            [
                ("Bauchtman", Some(Label::Person)),
                ("Arab League", Some(Label::Organization)),
                ("Zorblat", Some(Label::Person)),
            ]
        );
    }

    #[test]
    fn common_words_before_speech_verbs_stay_out() {
        let text = "Analysts said prices rose. Tension had eased, and tension is low.";
        let doc = segment(text);
        assert!(merge(&doc, Vec::new()).is_empty());
    }
}
