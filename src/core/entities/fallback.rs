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
    // Unknown capitalised words before a speech verb, lowercased: each becomes a person
    // unless the same word is also written in lowercase somewhere in the text.
    let mut candidates: Vec<(ByteSpan, String)> = Vec::new();
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
        {
            continue;
        }
        candidates.push((t.span, lower));
    }
    let used = used_in_text(doc, candidates.iter().map(|(_, lower)| lower.as_str()));
    let added = candidates
        .iter()
        .filter(|(_, lower)| !used(lower))
        .map(|&(span, _)| Mention {
            span,
            label: Some(Label::Person),
        })
        .collect::<Vec<_>>();
    model.extend(added);
    model
}

/// Which of `words` some token of `doc` is written as, in one pass over its distinct token
/// texts (a scan per word made many "X said" paragraphs quadratic). Hashing every token instead
/// was the slowest part of recognition outside the tagger; here the few words are sorted,
/// and a token is looked up only when its length and first byte fit one of them.
fn used_in_text<'w>(
    doc: &Document<'_>,
    words: impl Iterator<Item = &'w str>,
) -> impl Fn(&str) -> bool + 'w {
    let mut wanted: Vec<&'w str> = words.collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut seen = vec![false; wanted.len()];
    if !wanted.is_empty() {
        // Bit `n` of `lengths`: a word of `n` bytes (63: 63 or more); `firsts`: first bytes.
        let length_bit = |s: &str| 1u64 << s.len().min(63);
        let lengths = wanted.iter().fold(0, |m, w| m | length_bit(w));
        let mut firsts = [false; 256];
        for w in &wanted {
            if let Some(&b) = w.as_bytes().first() {
                firsts[usize::from(b)] = true;
            }
        }
        for &s in &doc.words.distinct {
            let fits = lengths & length_bit(s) != 0
                && s.as_bytes()
                    .first()
                    .is_some_and(|&b| firsts[usize::from(b)]);
            if fits {
                if let Ok(k) = wanted.binary_search(&s) {
                    seen[k] = true;
                }
            }
        }
    }
    move |w| wanted.binary_search(&w).is_ok_and(|k| seen[k])
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
