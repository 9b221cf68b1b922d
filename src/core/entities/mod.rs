//! Entity mentions: recognition (names and numeric expressions) and linking.

mod fallback;
mod lexicon;
mod link;
pub mod model;
mod names;
mod numeric;

use super::span::ByteSpan;
use super::text::Document;

pub use link::link;

/// The type of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    /// People, real or fictional: `Jay Carney`, `Obama`.
    Person,
    /// Companies, agencies, institutions, teams: `Arab League`, `IAEA`, `White House`.
    Organization,
    /// Countries, cities, regions, geographic features: `Syria`, `Middle East`.
    Place,
    /// Other proper names: nationalities, events, works, products: `Syrian`, `Cold War`.
    Misc,
    /// Absolute or relative dates: `Tuesday`, `next year`, `5 November 2011`.
    Date,
    /// Times of day: `10:30 a.m.`, `noon`.
    Time,
    /// Monetary amounts: `$5 million`, `20 euros`.
    Money,
    /// Percentages: `5%`, `12.5 percent`.
    Percent,
}

impl Label {
    /// Every label, in display order.
    pub const ALL: [Label; 8] = [
        Label::Person,
        Label::Organization,
        Label::Place,
        Label::Misc,
        Label::Date,
        Label::Time,
        Label::Money,
        Label::Percent,
    ];

    /// The public name of the label (`"person"`, `"organization"`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "person",
            Label::Organization => "organization",
            Label::Place => "place",
            Label::Misc => "misc",
            Label::Date => "date",
            Label::Time => "time",
            Label::Money => "money",
            Label::Percent => "percent",
        }
    }

    /// Parses a public label name; `None` for anything else.
    pub fn parse(name: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.as_str() == name)
    }

    /// True for the four name labels (person, organization, place, misc).
    pub fn is_name(self) -> bool {
        matches!(
            self,
            Label::Person | Label::Organization | Label::Place | Label::Misc
        )
    }
}

/// One recognized mention before linking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Where the mention is, in bytes.
    pub span: ByteSpan,
    /// Its type; `None` for a capitalised word that only counts if it links to a known name.
    pub label: Option<Label>,
}

/// One entity mention after linking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entity {
    /// Where the mention is, in bytes.
    pub span: ByteSpan,
    /// Its type (consistent across all mentions of one entity).
    pub label: Label,
    /// Shared by every mention of the same entity; numbered from 0 in order of first mention.
    pub entity_id: u32,
}

/// Finds name and numeric mentions, sorted by start, never overlapping.
pub fn recognize(doc: &Document<'_>) -> Vec<Mention> {
    let numeric = numeric::find_in(doc);
    let mut mentions = match model::Model::embedded() {
        Some(m) => fallback::merge(doc, m.find(doc)),
        None => names::find(doc, &numeric),
    };
    mentions.extend(numeric.iter().map(|&(span, label)| Mention {
        span,
        label: Some(label),
    }));
    crate::core::sort::by_key(&mut mentions, |m| {
        crate::core::sort::start_then_longest(m.span.start, m.span.end)
    });
    // Drop anything overlapping an earlier (or longer) mention.
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    for m in mentions {
        if out.last().is_none_or(|prev| prev.span.end <= m.span.start) {
            out.push(m);
        }
    }
    out
}
