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

fn normalise(text: &str) -> String {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let words = match words.first() {
        Some(&"the") if words.len() > 1 => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
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
    let letters: String = text.chars().filter(|c| c.is_alphabetic()).collect();
    (2..=8).contains(&letters.chars().count()) && letters.chars().all(char::is_uppercase)
}

/// Links mentions into entities. Unlabelled mentions are kept only when they name a person
/// already mentioned in full; every mention of one entity gets the entity's majority label.
pub fn link(doc: &Document<'_>, mentions: Vec<Mention>) -> Vec<Entity> {
    let text = doc.text;
    // Pass 1: what short forms may refer to.
    let mut part_to_person: HashMap<String, String> = HashMap::new();
    let mut acronym_to_org: HashMap<String, String> = HashMap::new();
    for (idx, m) in mentions.iter().enumerate() {
        let surface = m.span.slice(text);
        let key = normalise(surface);
        match m.label {
            Some(Label::Person) if key.contains(' ') => {
                for part in person_parts(&key) {
                    part_to_person.entry(part).or_insert_with(|| key.clone());
                }
            }
            Some(Label::Organization) if key.contains(' ') => {
                acronym_to_org
                    .entry(initials(surface))
                    .or_insert_with(|| key.clone());
            }
            _ => {}
        }
        // "Long Name (LN)": the acronym in brackets right after a mention names it.
        if is_acronym(surface) && idx > 0 {
            let prev = &mentions[idx - 1];
            let between = text.get(prev.span.end..m.span.start).unwrap_or("");
            if between.trim() == "(" && prev.label.is_some() {
                acronym_to_org.insert(surface.to_uppercase(), normalise(prev.span.slice(text)));
            }
        }
    }

    // Pass 2: each mention's canonical key and label.
    let mut resolved: Vec<(usize, String, Label)> = Vec::with_capacity(mentions.len());
    for (idx, m) in mentions.iter().enumerate() {
        let surface = m.span.slice(text);
        let key = normalise(surface);
        let single = !key.contains(' ');
        let may_be_person = matches!(m.label, None | Some(Label::Person) | Some(Label::Misc));
        if single && may_be_person {
            if let Some(full) = part_to_person.get(&key) {
                resolved.push((idx, full.clone(), Label::Person));
                continue;
            }
        }
        if is_acronym(surface) && m.label != Some(Label::Place) {
            if let Some(full) = acronym_to_org.get(&surface.to_uppercase()) {
                if full != &key {
                    resolved.push((idx, full.clone(), Label::Organization));
                    continue;
                }
            }
        }
        if let Some(label) = m.label {
            resolved.push((idx, key, label));
        }
    }

    // Majority label per entity; ties go to the label seen first.
    let mut votes: HashMap<&str, Vec<(Label, usize)>> = HashMap::new();
    for (_, key, label) in &resolved {
        let v = votes.entry(key.as_str()).or_default();
        match v.iter_mut().find(|(l, _)| l == label) {
            Some(slot) => slot.1 += 1,
            None => v.push((*label, 1)),
        }
    }
    let mut ids: HashMap<(&str, Label), u32> = HashMap::new();
    let mut out = Vec::with_capacity(resolved.len());
    for (idx, key, own) in &resolved {
        let v = votes.get(key.as_str());
        let (top, top_n) = v
            .and_then(|v| v.iter().rev().max_by_key(|(_, n)| *n).copied())
            .unwrap_or((*own, 1));
        let own_n = v
            .and_then(|v| v.iter().find(|(l, _)| l == own))
            .map_or(0, |(_, n)| *n);
        // A mention keeps its own label unless the other mentions clearly outvote it; a
        // name used for two kinds of thing (a city and its team) becomes two entities.
        let label = if own_n * OUTVOTE >= top_n { *own } else { top };
        let next = ids.len() as u32;
        let id = *ids.entry((key.as_str(), label)).or_insert(next);
        out.push(Entity {
            span: mentions[*idx].span,
            label,
            entity_id: id,
        });
    }
    out
}
