//! Linking mentions into entities: `Carney` → `Jay Carney`, `IAEA` ↔ `International Atomic
//! Energy Agency`, one label per entity.

use std::collections::HashMap;

use super::lexicon;
use super::{Entity, Label, Mention};
use crate::core::text::Document;

/// A mention's own label stands unless the entity's majority label has more than this many
/// times its votes.
const OUTVOTE: usize = 2;

/// Words left out of an organization's initials.
const INITIALS_SKIP: &[&str] = &[
    "of", "the", "and", "for", "on", "in", "&", "de", "des", "la",
];

/// The key two mentions of one entity share: lowercased, words joined by one space, a
/// leading `the` dropped.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    if text.is_ascii() {
        // ASCII lowercasing maps byte to byte and keeps the whitespace where it is.
        join_words(text.split_whitespace(), &mut out);
        out.make_ascii_lowercase();
    } else {
        join_words(text.to_lowercase().split_whitespace(), &mut out);
    }
    out
}

/// Appends `words` joined by one space to `out`, leaving out a leading `the` (any case)
/// when more words follow.
fn join_words<'a>(words: impl Iterator<Item = &'a str> + Clone, out: &mut String) {
    let mut rest = words.clone().skip(1).peekable();
    let skip_the = words
        .clone()
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("the"))
        && rest.peek().is_some();
    for (k, w) in words.skip(usize::from(skip_the)).enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
}

/// The name parts a shorter mention may use for a person: `Bashar al-Assad` →
/// `bashar`, `al-assad`, `assad`.
fn person_parts(key: &str) -> Vec<String> {
    let mut parts = Vec::new();
    for w in key.split_whitespace() {
        if w.chars().count() < 2 || lexicon::NAME_PARTICLES.contains(&w) {
            continue;
        }
        parts.push(w.to_string());
        if let Some((particle, rest)) = w.split_once('-') {
            if lexicon::NAME_PARTICLES.contains(&particle) && rest.chars().count() >= 2 {
                parts.push(rest.to_string());
            }
        }
    }
    parts
}

fn initials(text: &str) -> String {
    text.split_whitespace()
        .filter(|w| !INITIALS_SKIP.contains(&w.to_lowercase().as_str()))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

fn is_acronym(text: &str) -> bool {
    let mut letters = 0;
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    (2..=8).contains(&letters)
}

/// Links mentions into entities. Unlabelled mentions are kept only when they name a person
/// already mentioned in full; every mention of one entity gets the entity's majority label.
pub fn link(doc: &Document<'_>, mentions: Vec<Mention>) -> Vec<Entity> {
    let text = doc.text;
    // Every mention's key, numbered: equal keys share one number, so that the tables below
    // are indexed by number instead of hashing strings.
    let keys: Vec<String> = mentions
        .iter()
        .map(|m| normalise(m.span.slice(text)))
        .collect();
    let mut numbers: HashMap<&str, u32> = HashMap::with_capacity(keys.len());
    let key_of: Vec<u32> = keys
        .iter()
        .map(|k| {
            let next = numbers.len() as u32;
            *numbers.entry(k.as_str()).or_insert(next)
        })
        .collect();
    let n_keys = numbers.len();
    drop(numbers);

    // Pass 1: what short forms may refer to.
    let mut part_to_person: HashMap<String, u32> = HashMap::new();
    let mut acronym_to_org: HashMap<String, u32> = HashMap::new();
    for (idx, m) in mentions.iter().enumerate() {
        let surface = m.span.slice(text);
        let (key, number) = (&keys[idx], key_of[idx]);
        match m.label {
            Some(Label::Person) if key.contains(' ') => {
                for part in person_parts(key) {
                    part_to_person.entry(part).or_insert(number);
                }
            }
            Some(Label::Organization) if key.contains(' ') => {
                acronym_to_org.entry(initials(surface)).or_insert(number);
            }
            _ => {}
        }
        // "Long Name (LN)": the acronym in brackets right after a mention names it.
        if is_acronym(surface) && idx > 0 {
            let prev = &mentions[idx - 1];
            let between = text.get(prev.span.end..m.span.start).unwrap_or("");
            if between.trim() == "(" && prev.label.is_some() {
                acronym_to_org.insert(surface.to_uppercase(), key_of[idx - 1]);
            }
        }
    }

    // Pass 2: each mention's canonical key (by number) and label.
    let mut resolved: Vec<(usize, u32, Label)> = Vec::with_capacity(mentions.len());
    for (idx, m) in mentions.iter().enumerate() {
        let surface = m.span.slice(text);
        let (key, number) = (&keys[idx], key_of[idx]);
        let single = !key.contains(' ');
        let may_be_person = matches!(m.label, None | Some(Label::Person) | Some(Label::Misc));
        if single && may_be_person {
            if let Some(&full) = part_to_person.get(key.as_str()) {
                resolved.push((idx, full, Label::Person));
                continue;
            }
        }
        if is_acronym(surface) && m.label != Some(Label::Place) {
            if let Some(&full) = acronym_to_org.get(&surface.to_uppercase()) {
                if full != number {
                    resolved.push((idx, full, Label::Organization));
                    continue;
                }
            }
        }
        if let Some(label) = m.label {
            resolved.push((idx, number, label));
        }
    }

    // Majority label per entity; ties go to the label seen first.
    let mut votes: Vec<Vec<(Label, usize)>> = vec![Vec::new(); n_keys];
    for &(_, key, label) in &resolved {
        let Some(v) = votes.get_mut(key as usize) else {
            continue;
        };
        match v.iter_mut().find(|(l, _)| *l == label) {
            Some(slot) => slot.1 += 1,
            None => v.push((label, 1)),
        }
    }
    // `ids[key][label]`: the entity id of that key and label, numbered in order of first
    // mention (`u32::MAX`: none yet).
    let mut ids: Vec<[u32; Label::ALL.len()]> = vec![[u32::MAX; Label::ALL.len()]; n_keys];
    let mut next = 0u32;
    let mut out = Vec::with_capacity(resolved.len());
    for &(idx, key, own) in &resolved {
        let v = votes.get(key as usize);
        let (top, top_n) = v
            .and_then(|v| v.iter().rev().max_by_key(|(_, n)| *n).copied())
            .unwrap_or((own, 1));
        let own_n = v
            .and_then(|v| v.iter().find(|(l, _)| *l == own))
            .map_or(0, |(_, n)| *n);
        // A mention keeps its own label unless the other mentions clearly outvote it; a
        // name used for two kinds of thing (a city and its team) becomes two entities.
        let label = if own_n * OUTVOTE >= top_n { own } else { top };
        let Some(slot) = ids
            .get_mut(key as usize)
            .and_then(|row| row.get_mut(label as usize))
        else {
            continue;
        };
        if *slot == u32::MAX {
            *slot = next;
            next += 1;
        }
        out.push(Entity {
            span: mentions[idx].span,
            label,
            entity_id: *slot,
        });
    }
    out
}
