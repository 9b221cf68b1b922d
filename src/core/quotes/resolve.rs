//! Resolving a speaker mention to the person (or organization) it names.
//!
//! A name inside the mention wins (`White House spokesman Jay Carney` → `Jay Carney`); a
//! description followed by a name in apposition takes that name (`his partner, Jason
//! Louth`); `he`/`she` and person descriptions (`the mayor`) go to the nearest earlier
//! person of a compatible gender (from first names, `Mr.`/`Mrs.`, and the pronouns used
//! after the person's mentions); `it` goes to the nearest earlier organization; any other
//! mention names itself.

use std::sync::OnceLock;

use super::cues;
use super::tokens::View;
use crate::core::entities::{Entity, Label};
use crate::core::packed::{pack, pack_lower, PackedMap};
use crate::core::span::ByteSpan;

/// A person's grammatical gender, as far as the text tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Gender {
    Male,
    Female,
    #[default]
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
    /// `plausible[k]`: `persons[k]` can be an antecedent: not after `the`, `in`, `at` …
    /// (`at the Alberta Legislature`), not an all-capitals acronym.
    plausible: Vec<bool>,
    /// (span, entity_id) of organization mentions, by start.
    orgs: Vec<(ByteSpan, u32)>,
    /// (span, entity_id) of organization, place and misc name mentions, by start.
    others: Vec<(ByteSpan, u32)>,
    /// Display name of each entity, indexed by entity id (ids are numbered from 0).
    names: Vec<Option<String>>,
    /// Gender of each person entity from its first name or title (`Mr.`, `Mrs.`), by id.
    named_gender: Vec<Gender>,
    /// Gender of each person entity from the pronouns after its mentions, by id.
    pronoun_gender: Vec<Gender>,
    /// Persons already named as the speaker of a quote, by id.
    speakers: Vec<bool>,
}

/// The entry of `id` in a table indexed by entity id.
fn by_id<T: Copy>(table: &[T], id: u32, default: T) -> T {
    table.get(id as usize).copied().unwrap_or(default)
}

impl<'t> People<'t> {
    /// Collects the people of `entities`, inferring genders from `v`.
    pub fn new(v: &View<'_, 't>, entities: &[Entity]) -> Self {
        let text = v.doc.text;
        let mut persons = Vec::new();
        let mut orgs = Vec::new();
        let mut others = Vec::new();
        let ids = entities
            .iter()
            .map(|e| (e.entity_id as usize).saturating_add(1))
            .max()
            .unwrap_or(0);
        let mut names: Vec<Option<String>> = vec![None; ids];
        for e in entities {
            match e.label {
                Label::Person => persons.push((e.span, e.entity_id)),
                Label::Organization => orgs.push((e.span, e.entity_id)),
                _ => {}
            }
            if e.label.is_name() && e.label != Label::Person {
                others.push((e.span, e.entity_id));
            }
            let Some(slot) = names.get_mut(e.entity_id as usize) else {
                continue;
            };
            let slot = slot.get_or_insert_with(String::new);
            // The stripped name is never longer than the mention.
            if e.span.len() > slot.len() {
                let name = strip_titles(e.span.slice(text));
                if name.len() > slot.len() {
                    *slot = name;
                }
            }
        }
        for list in [&mut persons, &mut orgs, &mut others] {
            crate::core::sort::by_key(list, |(s, _)| s.start as u64);
        }
        let (named_gender, pronoun_gender) = genders(v, &persons, &names);
        let plausible = persons
            .iter()
            .map(|&(span, _)| {
                let t = v.token_at(span.start);
                let after_place_word = t > 0
                    && v.is_in(
                        t - 1,
                        &[
                            "the", "in", "at", "on", "from", "into", "across", "near", "a", "an",
                        ],
                    );
                let acronym = !span.slice(text).chars().any(char::is_lowercase);
                !after_place_word && !acronym
            })
            .collect();
        let speakers = vec![false; ids];
        People {
            text,
            persons,
            orgs,
            others,
            names,
            named_gender,
            pronoun_gender,
            speakers,
            plausible,
        }
    }

    fn named(&self, id: u32) -> (Option<String>, Option<u32>) {
        let name = self.names.get(id as usize).and_then(Option::clone);
        (name, Some(id))
    }

    /// The nearest person mentioned before byte `before` whose gender fits `want`,
    /// skipping mentions inside `skip` (direct quotes, sorted).
    fn nearest_person(&self, before: usize, want: Gender, skip: &[ByteSpan]) -> Option<u32> {
        let k = self.persons.partition_point(|(s, _)| s.end <= before);
        let candidates = || {
            self.persons[..k]
                .iter()
                .zip(&self.plausible)
                .rev()
                .take(8)
                .filter(|&((s, _), &plausible)| plausible && !in_any(skip, *s))
                .map(|(p, _)| p)
        };
        let named = |id: &u32| by_id(&self.named_gender, *id, Gender::Unknown);
        let voted = |id: &u32| by_id(&self.pronoun_gender, *id, Gender::Unknown);
        let spoke = |id: &u32| by_id(&self.speakers, *id, false);
        if want == Gender::Unknown {
            // Someone already quoted by name, else the nearest person.
            return candidates()
                .take(8)
                .find(|(_, id)| spoke(id))
                .or_else(|| candidates().next())
                .map(|&(_, id)| id);
        }
        // A person whose name (or earlier quotes) fits beats a nearer, doubtful one; then
        // one the pronouns fit; then anyone of unknown gender.
        candidates()
            .find(|(_, id)| {
                named(id) == want
                    || (named(id) == Gender::Unknown && spoke(id) && voted(id) != opposite(want))
            })
            .or_else(|| {
                candidates().find(|(_, id)| named(id) == Gender::Unknown && voted(id) == want)
            })
            .or_else(|| {
                candidates()
                    .find(|(_, id)| named(id) == Gender::Unknown && voted(id) == Gender::Unknown)
            })
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
        &mut self,
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
                // `Campbell's partner` is not Campbell.
                .filter(|(s, _)| {
                    let next = v.token_at(s.end);
                    !(next < v.token_at(speaker.end)
                        && matches!(v.word(next), "'s" | "\u{2019}s" | "'" | "\u{2019}"))
                })
                .last()
                .map(|&(_, id)| id)
        };
        if let Some(id) = inside(&self.persons) {
            if let Some(slot) = self.speakers.get_mut(id as usize) {
                *slot = true;
            }
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
        // `Wise's dad, Darrin.`: a capitalised name closing the sentence.
        if v.word(after) == "," && v.is_cap(after + 1) && !v.is_in(after + 1, cues::DETERMINERS) {
            let mut e = after + 1;
            while e < v.len() && v.is_cap(e) && e - after <= 4 {
                e += 1;
            }
            if matches!(v.word(e), "." | "!" | "?") {
                return (
                    Some(v.span_of(after + 1, e).slice(self.text).to_string()),
                    None,
                );
            }
        }
        let first = v.token_at(speaker.start);
        let mut last = after.saturating_sub(1);
        if let Some(p) = (first..last).find(|&i| v.is_in(i, &["of", "for", "at", "with"])) {
            last = p.saturating_sub(1);
        }
        let head = v.word(last).to_lowercase();
        let described = v.is_in(first, cues::DETERMINERS) || !v.is_cap(first);
        let person_head = cues::PERSON_NOUNS.contains(&head.as_str())
            || (v.is_in(first, &["the"])
                && !v.is_cap(last)
                && !head.ends_with('s')
                && !cues::THING_NOUNS.contains(&head.as_str()));
        if described && person_head {
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
        if let Some(id) = inside(&self.others) {
            return self.named(id);
        }
        // No entity: a name after a title phrase (`White House spokesman Jay Carney`),
        // else the mention itself.
        let mut tail = after;
        while tail > first && v.is_cap(tail - 1) && !v.is_in(tail - 1, cues::TITLES) {
            tail -= 1;
        }
        if tail > first && tail + 2 <= after && !v.is_cap(tail - 1) {
            return (
                Some(v.span_of(tail, after).slice(self.text).to_string()),
                None,
            );
        }
        let name = strip_titles(surface);
        ((!name.is_empty()).then_some(name), None)
    }
}

fn opposite(g: Gender) -> Gender {
    match g {
        Gender::Male => Gender::Female,
        Gender::Female => Gender::Male,
        Gender::Unknown => Gender::Unknown,
    }
}

fn in_any(spans: &[ByteSpan], s: ByteSpan) -> bool {
    let k = spans.partition_point(|q| q.end <= s.start);
    spans.get(k).is_some_and(|q| q.contains(&s))
}

/// `President Barack Obama` → `Barack Obama`; `Mr. Trump` → `Trump`.
fn strip_titles(name: &str) -> String {
    let leading = &GenderWords::get().leading;
    let is_leading = |w: &str| leading.get(pack_lower(w.trim_end_matches('.'))).is_some();
    let mut rest = name
        .split_whitespace()
        .skip_while(|w| is_leading(w))
        .peekable();
    if rest.peek().is_none() {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    for (k, w) in rest.enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// First names and titles by the gender they tell, and the words before a name that are
/// not part of it, as packed-word maps.
struct GenderWords {
    /// `Unknown` for a name on both lists.
    first_names: PackedMap<Gender>,
    titles: PackedMap<Gender>,
    /// Titles and determiners, which [`strip_titles`] cuts from the front of a name.
    leading: PackedMap<()>,
}

impl GenderWords {
    fn get() -> &'static GenderWords {
        static G: OnceLock<GenderWords> = OnceLock::new();
        G.get_or_init(|| {
            // A female name that is also a male one is `Unknown` (a later pair replaces an
            // earlier one), found in a map of the male names rather than by a scan.
            let male = PackedMap::new(MALE_NAMES.iter().map(|w| (*w, ())));
            let gender = |w: &str| match male.get(pack(w.as_bytes())) {
                Some(()) => Gender::Unknown,
                None => Gender::Female,
            };
            GenderWords {
                first_names: PackedMap::new(
                    MALE_NAMES
                        .iter()
                        .map(|w| (*w, Gender::Male))
                        .chain(FEMALE_NAMES.iter().map(|w| (*w, gender(w)))),
                ),
                titles: PackedMap::new([
                    ("mr", Gender::Male),
                    ("mrs", Gender::Female),
                    ("ms", Gender::Female),
                    ("miss", Gender::Female),
                ]),
                leading: PackedMap::new(
                    cues::TITLES
                        .iter()
                        .chain(cues::DETERMINERS)
                        .map(|w| (*w, ())),
                ),
            }
        })
    }
}

/// Genders of person entities: first names and titles, then the pronouns that follow
/// their mentions (before the next person mention).
fn genders(
    v: &View<'_, '_>,
    persons: &[(ByteSpan, u32)],
    names: &[Option<String>],
) -> (Vec<Gender>, Vec<Gender>) {
    let mut titles: Vec<(i32, i32)> = vec![(0, 0); names.len()];
    let mut votes: Vec<(i32, i32)> = vec![(0, 0); names.len()];
    let tables = GenderWords::get();
    // The pronoun class of each distinct word (1 male, 2 female): the scans below compare
    // numbers, not strings (a long article has a scan of up to 60 tokens per mention).
    let words = &v.doc.words;
    let pronoun: Vec<u8> = if persons.is_empty() {
        Vec::new()
    } else {
        words
            .distinct
            .iter()
            .map(|w| match *w {
                "he" | "He" | "his" | "His" | "him" => 1,
                "she" | "She" | "her" | "Her" | "hers" => 2,
                _ => 0,
            })
            .collect()
    };
    for (k, &(span, id)) in persons.iter().enumerate() {
        let t = v.token_at(span.start);
        let title = t.checked_sub(1).and_then(|p| {
            tables
                .titles
                .get(pack_lower(v.word(p).trim_end_matches('.')))
        });
        if let Some(tv) = titles.get_mut(id as usize) {
            match title {
                Some(Gender::Male) => tv.0 += 1,
                Some(Gender::Female) => tv.1 += 1,
                _ => {}
            }
        }
        let stop = persons
            .get(k + 1)
            .map_or(v.len(), |(s, _)| v.token_at(s.start))
            .min(t + 60);
        let Some(vote) = votes.get_mut(id as usize) else {
            continue;
        };
        for i in v.token_at(span.end)..stop {
            match pronoun.get(words.id(i)) {
                Some(1) => vote.0 += 1,
                Some(2) => vote.1 += 1,
                _ => {}
            }
        }
    }
    let pick = |(m, f): (i32, i32)| {
        if m > f {
            Gender::Male
        } else if f > m {
            Gender::Female
        } else {
            Gender::Unknown
        }
    };
    let mut named = vec![Gender::Unknown; names.len()];
    let mut voted = vec![Gender::Unknown; names.len()];
    for (id, name) in names.iter().enumerate() {
        let Some(name) = name else { continue };
        let first = name.split_whitespace().next().unwrap_or("");
        let (mut m, mut f) = titles.get(id).copied().unwrap_or((0, 0));
        match tables.first_names.get(pack_lower(first)) {
            Some(Gender::Male) => m += 1,
            Some(Gender::Female) => f += 1,
            Some(Gender::Unknown) => {
                m += 1;
                f += 1;
            }
            None => {}
        }
        named[id] = pick((m, f));
        voted[id] = pick(votes.get(id).copied().unwrap_or((0, 0)));
    }
    (named, voted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_word_packs() {
        for list in [MALE_NAMES, FEMALE_NAMES, cues::TITLES, cues::DETERMINERS] {
            assert!(PackedMap::<Gender>::holds_all(list));
            assert!(list.iter().all(|w| *w == w.to_lowercase()));
        }
    }

    #[test]
    fn a_first_name_tells_the_gender_of_its_list_or_none_when_on_both() {
        let names = &GenderWords::get().first_names;
        for (list, own) in [(MALE_NAMES, Gender::Male), (FEMALE_NAMES, Gender::Female)] {
            for w in list {
                let on_both = MALE_NAMES.contains(w) && FEMALE_NAMES.contains(w);
                let want = if on_both { Gender::Unknown } else { own };
                assert_eq!(names.get(pack(w.as_bytes())), Some(want), "{w}");
            }
        }
        assert_eq!(names.get(pack(b"zzzz")), None);
    }
}
