//! Resolving a speaker mention to the person (or organization) it names.
//!
//! A name inside the mention wins (`White House spokesman Jay Carney` → `Jay Carney`); a
//! description followed by a name in apposition takes that name (`his partner, Jason
//! Louth`); `he`/`she` and person descriptions (`the mayor`) go to the nearest earlier
//! person of a compatible gender (from first names, `Mr.`/`Mrs.`, and the pronouns used
//! after the person's mentions); `it` goes to the nearest earlier organization; any other
//! mention names itself.

use std::collections::HashMap;

use super::cues;
use super::tokens::View;
use crate::core::entities::{Entity, Label};
use crate::core::span::ByteSpan;

/// A person's grammatical gender, as far as the text tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
    Unknown,
}

const MALE_NAMES: &[&str] = &[
    "john",
    "james",
    "robert",
    "michael",
    "william",
    "david",
    "richard",
    "joseph",
    "thomas",
    "charles",
    "christopher",
    "daniel",
    "matthew",
    "anthony",
    "donald",
    "mark",
    "paul",
    "steven",
    "andrew",
    "kenneth",
    "joshua",
    "kevin",
    "brian",
    "george",
    "edward",
    "ronald",
    "timothy",
    "jason",
    "jeffrey",
    "ryan",
    "jacob",
    "gary",
    "nicholas",
    "eric",
    "jonathan",
    "stephen",
    "larry",
    "justin",
    "scott",
    "brandon",
    "benjamin",
    "samuel",
    "frank",
    "gregory",
    "raymond",
    "alexander",
    "patrick",
    "jack",
    "dennis",
    "jerry",
    "tyler",
    "aaron",
    "jose",
    "adam",
    "henry",
    "nathan",
    "douglas",
    "zachary",
    "peter",
    "kyle",
    "walter",
    "ethan",
    "jeremy",
    "harold",
    "keith",
    "christian",
    "roger",
    "noah",
    "gerald",
    "carl",
    "terry",
    "sean",
    "austin",
    "arthur",
    "lawrence",
    "jesse",
    "dylan",
    "bryan",
    "joe",
    "jordan",
    "billy",
    "bruce",
    "albert",
    "willie",
    "gabriel",
    "logan",
    "alan",
    "juan",
    "wayne",
    "roy",
    "ralph",
    "randy",
    "eugene",
    "vincent",
    "russell",
    "elijah",
    "louis",
    "bobby",
    "philip",
    "johnny",
    "bernie",
    "ted",
    "marco",
    "jeb",
    "mike",
    "chris",
    "ben",
    "jim",
    "tom",
    "bill",
    "barack",
    "vladimir",
    "jay",
    "justin",
    "doug",
    "bob",
    "steve",
    "dave",
    "jeff",
    "tim",
    "dan",
    "rand",
    "newt",
    "mitt",
    "reince",
    "josh",
    "rick",
    "pete",
    "ken",
    "hugh",
    "ian",
    "tony",
    "martin",
    "fred",
    "harry",
    "lindsey",
];

const FEMALE_NAMES: &[&str] = &[
    "mary",
    "patricia",
    "jennifer",
    "linda",
    "elizabeth",
    "barbara",
    "susan",
    "jessica",
    "sarah",
    "karen",
    "nancy",
    "lisa",
    "betty",
    "margaret",
    "sandra",
    "ashley",
    "kimberly",
    "emily",
    "donna",
    "michelle",
    "dorothy",
    "carol",
    "amanda",
    "melissa",
    "deborah",
    "stephanie",
    "rebecca",
    "sharon",
    "laura",
    "cynthia",
    "kathleen",
    "amy",
    "shirley",
    "angela",
    "helen",
    "anna",
    "brenda",
    "pamela",
    "nicole",
    "emma",
    "samantha",
    "katherine",
    "christine",
    "debra",
    "rachel",
    "catherine",
    "carolyn",
    "janet",
    "ruth",
    "maria",
    "heather",
    "diane",
    "virginia",
    "julie",
    "joyce",
    "victoria",
    "olivia",
    "kelly",
    "christina",
    "lauren",
    "joan",
    "evelyn",
    "judith",
    "megan",
    "cheryl",
    "andrea",
    "hannah",
    "martha",
    "jacqueline",
    "frances",
    "gloria",
    "ann",
    "teresa",
    "kathryn",
    "sara",
    "janice",
    "jean",
    "alice",
    "madison",
    "doris",
    "abigail",
    "julia",
    "judy",
    "grace",
    "denise",
    "amber",
    "marilyn",
    "beverly",
    "danielle",
    "theresa",
    "sophia",
    "marie",
    "diana",
    "brittany",
    "natalie",
    "isabella",
    "charlotte",
    "rose",
    "alexis",
    "kayla",
    "hillary",
    "chelsea",
    "carly",
    "nikki",
    "sarah",
    "huma",
    "ivanka",
    "melania",
    "michele",
    "elizabeth",
    "kellyanne",
    "hope",
    "jill",
    "theresa",
    "angela",
    "jane",
    "kate",
    "lucy",
    "claire",
    "wendy",
    "chrystia",
    "kathleen",
    "catherine",
    "jody",
];

/// Persons and organizations of a document, in order, with names and genders.
pub struct People<'t> {
    text: &'t str,
    /// (span, entity_id) of person mentions, by start.
    persons: Vec<(ByteSpan, u32)>,
    /// (span, entity_id) of organization mentions, by start.
    orgs: Vec<(ByteSpan, u32)>,
    /// Display name of each entity.
    names: HashMap<u32, String>,
    /// Gender of each person entity.
    gender: HashMap<u32, Gender>,
}

impl<'t> People<'t> {
    /// Collects the people of `entities`, inferring genders from `v`.
    pub fn new(v: &View<'_, 't>, entities: &[Entity]) -> Self {
        let text = v.doc.text;
        let mut persons = Vec::new();
        let mut orgs = Vec::new();
        let mut names: HashMap<u32, String> = HashMap::new();
        for e in entities {
            match e.label {
                Label::Person => persons.push((e.span, e.entity_id)),
                Label::Organization => orgs.push((e.span, e.entity_id)),
                _ => {}
            }
            let name = strip_titles(e.span.slice(text));
            let slot = names.entry(e.entity_id).or_default();
            if name.len() > slot.len() {
                *slot = name;
            }
        }
        persons.sort_by_key(|(s, _)| s.start);
        orgs.sort_by_key(|(s, _)| s.start);
        let gender = genders(v, &persons, &names);
        People {
            text,
            persons,
            orgs,
            names,
            gender,
        }
    }

    fn named(&self, id: u32) -> (Option<String>, Option<u32>) {
        (self.names.get(&id).cloned(), Some(id))
    }

    /// The nearest person mentioned before byte `before` whose gender fits `want`,
    /// skipping mentions inside `skip` (direct quotes, sorted).
    fn nearest_person(&self, before: usize, want: Gender, skip: &[ByteSpan]) -> Option<u32> {
        let k = self.persons.partition_point(|(s, _)| s.end <= before);
        let candidates = || {
            self.persons[..k]
                .iter()
                .rev()
                .take(40)
                .filter(|(s, _)| !in_any(skip, *s))
        };
        let gender = |id: &u32| self.gender.get(id).copied().unwrap_or(Gender::Unknown);
        if want == Gender::Unknown {
            return candidates().next().map(|&(_, id)| id);
        }
        // A person known to fit beats a nearer one of unknown gender.
        candidates()
            .find(|(_, id)| gender(id) == want)
            .or_else(|| candidates().find(|(_, id)| gender(id) == Gender::Unknown))
            .map(|&(_, id)| id)
    }

    /// The nearest person mentioned before byte `before`, outside `skip`.
    pub fn nearest(&self, before: usize, skip: &[ByteSpan]) -> (Option<String>, Option<u32>) {
        match self.nearest_person(before, Gender::Unknown, skip) {
            Some(id) => self.named(id),
            None => (None, None),
        }
    }

    /// Resolves the speaker mention `speaker` to a display name and entity id.
    pub fn resolve(
        &self,
        v: &View<'_, '_>,
        speaker: ByteSpan,
        skip: &[ByteSpan],
    ) -> (Option<String>, Option<u32>) {
        let inside = |list: &[(ByteSpan, u32)]| {
            let k = list.partition_point(|(s, _)| s.start < speaker.start);
            list[k..]
                .iter()
                .take_while(|(s, _)| s.start < speaker.end)
                .filter(|(s, _)| speaker.contains(s))
                .last()
                .map(|&(_, id)| id)
        };
        if let Some(id) = inside(&self.persons) {
            return self.named(id);
        }
        let surface = speaker.slice(self.text);
        let lower = surface.to_lowercase();
        let want = match lower.as_str() {
            "he" | "him" => Some(Gender::Male),
            "she" | "her" => Some(Gender::Female),
            _ => None,
        };
        if let Some(g) = want {
            return match self.nearest_person(speaker.start, g, skip) {
                Some(id) => self.named(id),
                None => (None, None),
            };
        }
        if matches!(
            lower.as_str(),
            "i" | "we" | "you" | "they" | "who" | "which"
        ) {
            return (None, None);
        }
        if lower == "it" {
            let k = self.orgs.partition_point(|(s, _)| s.end <= speaker.start);
            return match k.checked_sub(1).and_then(|k| self.orgs.get(k)) {
                Some(&(_, id)) => self.named(id),
                None => (None, None),
            };
        }
        // A description with a name in apposition: `his partner, Jason Louth`.
        let after = v.token_at(speaker.end);
        if v.word(after) == "," {
            if let Some(&(_, id)) = self
                .persons
                .get(
                    self.persons
                        .partition_point(|(s, _)| s.start < v.span(after + 1).start),
                )
                .filter(|(s, _)| s.start == v.span(after + 1).start)
            {
                return self.named(id);
            }
        }
        let first = v.token_at(speaker.start);
        let mut last = after.saturating_sub(1);
        if let Some(p) = (first..last).find(|&i| v.is_in(i, &["of", "for", "at", "with"])) {
            last = p.saturating_sub(1);
        }
        let head = v.word(last).to_lowercase();
        let described = v.is_in(first, cues::DETERMINERS) || !v.is_cap(first);
        if described && cues::PERSON_NOUNS.contains(&head.as_str()) {
            let g = if cues::FEMALE_NOUNS.contains(&head.as_str()) {
                Gender::Female
            } else if cues::MALE_NOUNS.contains(&head.as_str()) {
                Gender::Male
            } else {
                Gender::Unknown
            };
            if let Some(id) = self.nearest_person(speaker.start, g, skip) {
                return self.named(id);
            }
        }
        if let Some(id) = inside(&self.orgs) {
            return self.named(id);
        }
        let name = strip_titles(surface);
        ((!name.is_empty()).then_some(name), None)
    }
}

fn in_any(spans: &[ByteSpan], s: ByteSpan) -> bool {
    let k = spans.partition_point(|q| q.end <= s.start);
    spans.get(k).is_some_and(|q| q.contains(&s))
}

/// `President Barack Obama` → `Barack Obama`; `Mr. Trump` → `Trump`.
fn strip_titles(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let skip = words
        .iter()
        .take_while(|w| {
            let w = w.trim_end_matches('.').to_lowercase();
            cues::TITLES.contains(&w.as_str()) || cues::DETERMINERS.contains(&w.as_str())
        })
        .count();
    if skip >= words.len() {
        return name.to_string();
    }
    words[skip..].join(" ")
}

/// Genders of person entities: first names and titles, then the pronouns that follow
/// their mentions (before the next person mention).
fn genders(
    v: &View<'_, '_>,
    persons: &[(ByteSpan, u32)],
    names: &HashMap<u32, String>,
) -> HashMap<u32, Gender> {
    let mut votes: HashMap<u32, (i32, i32)> = HashMap::new();
    for (k, &(span, id)) in persons.iter().enumerate() {
        let t = v.token_at(span.start);
        let title = t
            .checked_sub(1)
            .map(|p| v.word(p).trim_end_matches('.').to_lowercase());
        let vote = votes.entry(id).or_default();
        match title.as_deref() {
            Some("mr") => vote.0 += 5,
            Some("mrs" | "ms" | "miss") => vote.1 += 5,
            _ => {}
        }
        let stop = persons
            .get(k + 1)
            .map_or(v.len(), |(s, _)| v.token_at(s.start))
            .min(t + 60);
        for i in v.token_at(span.end)..stop {
            match v.word(i) {
                "he" | "He" | "his" | "His" | "him" => vote.0 += 1,
                "she" | "She" | "her" | "Her" | "hers" => vote.1 += 1,
                _ => {}
            }
        }
    }
    let mut out = HashMap::new();
    for (&id, name) in names {
        let first = name.split_whitespace().next().unwrap_or("").to_lowercase();
        let (mut m, mut f) = votes.get(&id).copied().unwrap_or((0, 0));
        if MALE_NAMES.contains(&first.as_str()) {
            m += 10;
        }
        if FEMALE_NAMES.contains(&first.as_str()) {
            f += 10;
        }
        let g = if m > f {
            Gender::Male
        } else if f > m {
            Gender::Female
        } else {
            Gender::Unknown
        };
        out.insert(id, g);
    }
    out
}
