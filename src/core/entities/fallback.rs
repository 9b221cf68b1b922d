//! Merging rules into the tagger's output where the tagger is known to be weak: a single
//! unknown capitalised word before a speech verb (`Obama has …`), which the 1996 training
//! news never saw, and well-known multi-word organizations from the hand-written lexicon
//! (`Arab League`, `White House`; CoNLL-2003 itself tags `White House` as a place).

use super::lexicon::{self, contains};
use super::{Label, Mention};
use crate::core::text::Document;

/// Applies the rule fixes to the tagger's `model` mentions, given the rule-based `rules`.
pub fn merge(doc: &Document<'_>, mut model: Vec<Mention>, rules: &[Mention]) -> Vec<Mention> {
    let text = doc.text;
    for m in &mut model {
        let key = m.span.slice(text).to_lowercase();
        let key = key.split_whitespace().collect::<Vec<_>>().join(" ");
        if lexicon::ORGANIZATION_NAMES.contains(&key.as_str()) {
            m.label = Some(Label::Organization);
        }
    }
    for r in rules {
        let word = r.span.slice(text);
        if r.label != Some(Label::Person)
            || word.contains(char::is_whitespace)
            || word.ends_with('s')
            || contains(lexicon::CALENDAR, word)
            || word == "May"
            || model.iter().any(|m| m.span.overlaps(&r.span))
        {
            continue;
        }
        let after = doc.tokens.partition_point(|t| t.span.start < r.span.end);
        let next = doc.tokens.get(after).map_or("", |t| t.span.slice(text));
        let lower = word.to_lowercase();
        let used_lowercase = doc.tokens.iter().any(|t| t.span.slice(text) == lower);
        if SPEECH_VERBS.contains(&next) && !used_lowercase {
            model.push(*r);
        }
    }
    model
}

/// Verbs that, right after an unknown capitalised word, make it a person.
const SPEECH_VERBS: &[&str] = &[
    "said", "says", "told", "added", "has", "had", "wants", "believes", "thinks", "warned",
];
