//! Word lists: speech cue verbs (matched through their inflections), the words that may
//! stand between a speaker and its cue, and the words that end a speaker noun phrase.

use std::sync::OnceLock;

use crate::core::packed::{pack, pack_ascii_lower, push, PackedMap};

/// Regular speech and reporting verbs, as lemmas. Inflected forms (`warned`, `argues`,
/// `noting`, `admitted`, `denies`) are matched by [`cue_lemma`].
const REGULAR: &[&str] = &[
    "add",
    "acknowledge",
    "admit",
    "advise",
    "affirm",
    "agree",
    "allege",
    "announce",
    "answer",
    "argue",
    "ask",
    "assert",
    "assure",
    "blast",
    "boast",
    "caution",
    "charge",
    "chant",
    "claim",
    "comment",
    "complain",
    "concede",
    "conclude",
    "confirm",
    "contend",
    "continue",
    "counter",
    "cry",
    "declare",
    "demand",
    "deny",
    "describe",
    "emphasize",
    "emphasise",
    "estimate",
    "exclaim",
    "explain",
    "fume",
    "grumble",
    "hint",
    "indicate",
    "inform",
    "insist",
    "joke",
    "lament",
    "maintain",
    "mention",
    "muse",
    "note",
    "observe",
    "plead",
    "point",
    "post",
    "predict",
    "proclaim",
    "promise",
    "propose",
    "quip",
    "recall",
    "recount",
    "reiterate",
    "remark",
    "remind",
    "repeat",
    "reply",
    "report",
    "respond",
    "retort",
    "reveal",
    "scoff",
    "scream",
    "shout",
    "sigh",
    "snap",
    "stress",
    "suggest",
    "testify",
    "tweet",
    "underline",
    "urge",
    "vow",
    "warn",
    "whisper",
    "wonder",
    "yell",
    "pledge",
    "confide",
    "concur",
    "question",
    "recommend",
    "rule",
    "scold",
    "crow",
    "gush",
    "rave",
    "marvel",
    "chime",
    "interject",
    "implore",
    "tout",
    "confess",
    "reason",
    "rant",
    "sneer",
    "snarl",
    "laugh",
    "smile",
    "echo",
    "protest",
    "reassure",
    "rebut",
    "reflect",
    "venture",
    "volunteer",
    "vent",
    "wail",
    "groan",
    "growl",
    "moan",
    "mutter",
    "murmur",
    "bark",
    "bellow",
    "howl",
    "pray",
    "quote",
    "summarize",
    "summarise",
    "elaborate",
    "clarify",
    "thunder",
    "bristle",
    "persist",
    "pronounce",
    "speculate",
    "theorize",
];

/// Irregular verb forms and their lemma.
const IRREGULAR: &[(&str, &str)] = &[
    ("say", "say"),
    ("says", "say"),
    ("said", "say"),
    ("saying", "say"),
    ("tell", "tell"),
    ("tells", "tell"),
    ("told", "tell"),
    ("telling", "tell"),
    ("write", "write"),
    ("writes", "write"),
    ("wrote", "write"),
    ("writing", "write"),
    ("think", "think"),
    ("thinks", "think"),
    ("thought", "think"),
    ("believe", "believe"),
    ("believes", "believe"),
    ("believed", "believe"),
    ("according", "accord"),
    ("argued", "argue"),
    ("quipped", "quip"),
    ("snapped", "snap"),
    ("began", "begin"),
    ("stated", "state"),
    ("stating", "state"),
    ("spoke", "speak"),
];

/// Cue lemmas that also report a clause without quotation marks (`said that …`); the
/// others (`shouted`, `joked`, `believes`) only introduce direct quotes.
const INDIRECT: &[&str] = &[
    "say",
    "tell",
    "add",
    "note",
    "claim",
    "report",
    "write",
    "explain",
    "assure",
    "warn",
    "urge",
    "argue",
    "insist",
    "allege",
    "acknowledge",
    "concede",
    "maintain",
    "stress",
    "state",
    "promise",
    "confess",
    "reiterate",
    "emphasize",
    "emphasise",
    "predict",
    "complain",
    "contend",
    "declare",
    "assert",
    "caution",
    "advise",
    "remind",
    "inform",
    "testify",
    "vow",
    "pledge",
    "lament",
    "observe",
    "conclude",
    "reply",
    "respond",
];

/// Longest word [`cue_lemma`] can match: a regular lemma with a doubled final consonant
/// and `-ing` (`snap` → `snapping`) is four letters longer than the lemma.
const MAX_FORM_LEN: usize = {
    let mut max = 0;
    let mut i = 0;
    while i < REGULAR.len() {
        if REGULAR[i].len() + 4 > max {
            max = REGULAR[i].len() + 4;
        }
        i += 1;
    }
    let mut i = 0;
    while i < IRREGULAR.len() {
        if IRREGULAR[i].0.len() > max {
            max = IRREGULAR[i].0.len();
        }
        i += 1;
    }
    max
};

/// The word lists as [`PackedMap`]s, and the first two letters of every form a lemma can
/// come from (every candidate a word can match shares the word's first two letters, since
/// lemmas have at least three).
struct Tables {
    irregular: PackedMap<&'static str>,
    regular: PackedMap<&'static str>,
    /// Bit `b` of `prefixes[a]`: some form starts with letters `a`, `b` (0 = `a`).
    prefixes: [u32; 26],
}

impl Tables {
    fn get() -> &'static Tables {
        static T: OnceLock<Tables> = OnceLock::new();
        T.get_or_init(|| {
            let mut prefixes = [0u32; 26];
            for form in REGULAR.iter().chain(IRREGULAR.iter().map(|(f, _)| f)) {
                if let [a @ b'a'..=b'z', b @ b'a'..=b'z', ..] = form.as_bytes() {
                    prefixes[usize::from(a - b'a')] |= 1 << (b - b'a');
                }
            }
            Tables {
                irregular: PackedMap::new(IRREGULAR.iter().copied()),
                regular: PackedMap::new(REGULAR.iter().map(|&l| (l, l))),
                prefixes,
            }
        })
    }
}

/// The lemma of `word` when it is a speech cue verb form (`warned` → `warn`).
///
/// Works on the packed lowercase word: cutting a suffix is a shift, adding a letter a
/// shift and an or, so no candidate stem is ever built as a string.
pub fn cue_lemma(word: &str) -> Option<&'static str> {
    const _: () = assert!(MAX_FORM_LEN <= 16);
    let len = word.len();
    if !(2..=MAX_FORM_LEN).contains(&len) || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let t = Tables::get();
    let known_prefix = match word.as_bytes() {
        [a, b, ..] => {
            let (a, b) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
            t.prefixes[usize::from(a - b'a')] & (1 << (b - b'a')) != 0
        }
        _ => false,
    };
    if !known_prefix {
        return None;
    }
    let w = pack_ascii_lower(word)?;
    if let Some(l) = t.irregular.get(Some(w)).or_else(|| t.regular.get(Some(w))) {
        return Some(l);
    }
    // `(stem, its length)` when the word ends with `suffix`.
    let strip = |suffix: &[u8]| -> Option<(u128, usize)> {
        let n = suffix.len();
        let tail = w & ((1u128 << (8 * n)) - 1);
        (len >= n && Some(tail) == pack(suffix)).then(|| (w >> (8 * n), len - n))
    };
    let bare = |(stem, _): (u128, usize)| t.regular.get(Some(stem));
    let with = |(stem, n): (u128, usize), end: u8| t.regular.get(push(Some(stem), n, end));
    let undouble = |(stem, n): (u128, usize)| {
        let doubled = n >= 2 && (stem & 0xff) == ((stem >> 8) & 0xff);
        t.regular.get(Some(if doubled { stem >> 8 } else { stem }))
    };
    // The candidate stems, tried in this order (the first known lemma wins).
    if let Some(stem) = strip(b"ies").or_else(|| strip(b"ied")) {
        if let Some(l) = with(stem, b'y') {
            return Some(l);
        }
    }
    if let Some(l) = strip(b"es").and_then(bare) {
        return Some(l);
    }
    if let Some(l) = strip(b"s").and_then(bare) {
        return Some(l);
    }
    if let Some(stem) = strip(b"ed") {
        if let Some(l) = bare(stem)
            .or_else(|| with(stem, b'e'))
            .or_else(|| undouble(stem))
        {
            return Some(l);
        }
    }
    if let Some(l) = strip(b"d").and_then(bare) {
        return Some(l);
    }
    if let Some(stem) = strip(b"ing") {
        return bare(stem)
            .or_else(|| with(stem, b'e'))
            .or_else(|| undouble(stem));
    }
    None
}

/// Base forms that are verbs whatever precedes them (`X and Y say`); other base forms
/// (`report`, `note`, `claim`) are mostly nouns unless a plural pronoun precedes them.
pub const FREE_BASE_FORMS: &[&str] = &["say", "tell", "write", "add", "argue", "explain", "insist"];

/// [`cue_flags`] bit: `word` is a speech cue (any form).
pub const CUE: u8 = 1;
/// [`cue_flags`] bit: `word` is a cue that may report a clause (`said that …`, `argues …`).
pub const INDIRECT_CUE: u8 = 1 << 1;
/// [`cue_flags`] bit: the cue takes a person object before its clause (`told reporters …`).
pub const TAKES_OBJECT: u8 = 1 << 2;
/// [`cue_flags`] bit: `word` is its own lemma, as written (`report`, not `Report`).
pub const BASE_FORM: u8 = 1 << 3;

/// Everything the rules ask about `word` as a cue, from one [`cue_lemma`] look-up.
pub fn cue_flags(word: &str) -> u8 {
    let Some(lemma) = cue_lemma(word) else {
        return 0;
    };
    let mut flags = 0;
    if lemma == word {
        flags |= BASE_FORM;
    }
    if lemma != "accord" {
        flags |= CUE;
    }
    if INDIRECT.contains(&lemma) {
        flags |= INDIRECT_CUE;
    }
    if matches!(
        lemma,
        "tell" | "assure" | "inform" | "remind" | "warn" | "urge" | "advise" | "promise"
    ) {
        flags |= TAKES_OBJECT;
    }
    flags
}

/// Words that may stand between a speaker and its cue (`he also said`, `he was quoted as saying`).
pub const BETWEEN_SPEAKER_AND_CUE: &[&str] = &[
    "also",
    "later",
    "then",
    "has",
    "had",
    "have",
    "once",
    "previously",
    "recently",
    "again",
    "further",
    "simply",
    "flatly",
    "quietly",
    "angrily",
    "repeatedly",
    "would",
    "will",
    "earlier",
    "subsequently",
    "just",
    "often",
    "reportedly",
    "initially",
    "finally",
    "was",
    "were",
    "is",
    "quoted",
    "as",
    "publicly",
    "privately",
    "told",
    "openly",
    "firmly",
    "frequently",
    "always",
    "ever",
    "never",
    "even",
    "still",
    "now",
    "did",
    "does",
    "may",
    "might",
    "could",
    "can",
    "been",
    "being",
    "who",
];

/// Words that end a speaker noun phrase.
pub const NP_STOPS: &[&str] = &[
    "who",
    "which",
    "whose",
    "in",
    "on",
    "at",
    "during",
    "after",
    "when",
    "while",
    "to",
    "that",
    "because",
    "as",
    "before",
    "with",
    "from",
    "about",
    "and",
    "but",
    "according",
    "via",
    "for",
    "since",
    "than",
    "if",
    "is",
    "was",
    "were",
    "are",
    "has",
    "had",
    "have",
    "will",
    "would",
    "also",
    "later",
    "then",
    "not",
    "did",
    "does",
    "do",
    "been",
    "this",
    "last",
    "earlier",
    "told",
    "recently",
    "previously",
    "said",
    "says",
    "where",
    "by",
    "into",
    "through",
    "under",
    "over",
    "again",
    "just",
    "can",
    "could",
    "may",
    "might",
    "should",
    "must",
    "so",
    "or",
    "yet",
    "what",
    "how",
    "why",
];

/// Time and manner words that may follow a cue before its clause (`said Tuesday that`).
pub const ADJUNCTS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tonight",
    "earlier",
    "later",
    "recently",
    "again",
    "also",
    "repeatedly",
    "publicly",
    "privately",
    "last",
    "this",
    "week",
    "month",
    "year",
    "morning",
    "afternoon",
    "evening",
    "night",
    "previously",
    "then",
    "now",
    "once",
    "flatly",
    "firmly",
    "simply",
];

/// Pronouns that can be a speaker mention.
pub const PRONOUNS: &[&str] = &["he", "she", "they", "it", "i", "we", "you", "who", "which"];

/// Determiners and quantifiers that start a descriptive speaker (`the mayor`, `one viewer`).
pub const DETERMINERS: &[&str] = &[
    "the", "a", "an", "another", "one", "his", "her", "their", "its", "our", "some", "many",
    "several", "two", "three", "both", "other", "others", "most", "few", "this", "that", "these",
    "those", "my",
];

/// Nouns naming people by role: a description headed by one refers to a person.
pub const PERSON_NOUNS: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "mayor",
    "president",
    "minister",
    "senator",
    "candidate",
    "official",
    "professor",
    "man",
    "woman",
    "resident",
    "lawyer",
    "attorney",
    "director",
    "chief",
    "leader",
    "governor",
    "manager",
    "chairman",
    "chairwoman",
    "chair",
    "adviser",
    "advisor",
    "aide",
    "secretary",
    "judge",
    "doctor",
    "owner",
    "founder",
    "father",
    "mother",
    "dad",
    "mom",
    "son",
    "daughter",
    "wife",
    "husband",
    "brother",
    "sister",
    "partner",
    "friend",
    "businessman",
    "businesswoman",
    "billionaire",
    "nominee",
    "frontrunner",
    "front-runner",
    "congressman",
    "congresswoman",
    "representative",
    "councillor",
    "councilor",
    "strategist",
    "analyst",
    "economist",
    "expert",
    "researcher",
    "scientist",
    "author",
    "editor",
    "reporter",
    "journalist",
    "host",
    "proprietor",
    "star",
    "actor",
    "actress",
    "singer",
    "coach",
    "player",
    "officer",
    "detective",
    "prosecutor",
    "mogul",
    "tycoon",
    "ceo",
    "executive",
    "premier",
    "mp",
    "senior",
    "veteran",
    "student",
    "teacher",
    "worker",
    "pastor",
    "priest",
    "pope",
    "king",
    "queen",
    "prince",
    "ambassador",
    "envoy",
    "diplomat",
    "activist",
    "organizer",
    "chairperson",
    "brawler",
    "boy",
    "girl",
    "pollster",
    "commissioner",
    "counsel",
    "democrat",
    "republican",
    "nurse",
    "physician",
    "surgeon",
    "psychologist",
    "victim",
    "witness",
    "neighbour",
    "neighbor",
    "colleague",
    "voter",
];

/// Nouns naming bodies, documents and media: a description headed by one names itself
/// (`the commission`), while other `the …` descriptions (`the bow-tied maverick`) refer to
/// a person.
pub const THING_NOUNS: &[&str] = &[
    "commission",
    "company",
    "report",
    "paper",
    "statement",
    "police",
    "government",
    "department",
    "ministry",
    "agency",
    "board",
    "council",
    "group",
    "union",
    "party",
    "campaign",
    "committee",
    "office",
    "court",
    "website",
    "study",
    "survey",
    "poll",
    "release",
    "email",
    "e-mail",
    "letter",
    "document",
    "post",
    "newspaper",
    "network",
    "organization",
    "organisation",
    "association",
    "foundation",
    "institute",
    "university",
    "school",
    "city",
    "province",
    "state",
    "country",
    "administration",
    "team",
    "club",
    "firm",
    "bank",
    "utility",
    "railway",
    "coalition",
    "caucus",
    "panel",
    "audit",
    "review",
    "lawsuit",
    "suit",
    "claim",
    "complaint",
    "filing",
    "order",
    "decision",
    "ruling",
    "ad",
    "video",
    "tweet",
    "memo",
    "note",
    "message",
    "book",
    "article",
    "editorial",
    "column",
    "magazine",
    "station",
    "channel",
    "show",
    "program",
    "programme",
    "service",
    "force",
    "military",
    "army",
    "navy",
    "embassy",
    "consulate",
    "mission",
    "authority",
    "body",
    "regulator",
    "watchdog",
    "senate",
    "house",
    "parliament",
    "legislature",
    "assembly",
    "cabinet",
    "white",
    "source",
    "data",
    "analysis",
    "research",
    "transcript",
    "summary",
];

/// Nouns naming women by role.
pub const FEMALE_NOUNS: &[&str] = &[
    "spokeswoman",
    "woman",
    "chairwoman",
    "businesswoman",
    "congresswoman",
    "mother",
    "mom",
    "daughter",
    "wife",
    "sister",
    "actress",
    "queen",
    "girl",
];

/// Nouns naming men by role.
pub const MALE_NOUNS: &[&str] = &[
    "spokesman",
    "man",
    "chairman",
    "businessman",
    "congressman",
    "father",
    "dad",
    "son",
    "husband",
    "brother",
    "king",
    "prince",
    "boy",
    "pope",
    "priest",
];

/// Titles that precede a name and are not part of it.
pub const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "sen",
    "rep",
    "gov",
    "gen",
    "president",
    "senator",
    "governor",
    "mayor",
    "minister",
    "judge",
    "sir",
    "dame",
    "lord",
    "lady",
    "rev",
    "pastor",
    "secretary",
    "chancellor",
    "premier",
    "representative",
    "congressman",
    "congresswoman",
    "speaker",
    "chief",
    "justice",
    "attorney",
    "general",
    "former",
    "vice",
    "prime",
    "leader",
    "candidate",
    "nominee",
    "spokesman",
    "spokeswoman",
    "mp",
    "professor",
    "councillor",
    "commissioner",
    "officer",
    "captain",
    "capt",
    "lt",
    "sgt",
    "col",
    "adm",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_find_their_lemma() {
        for (form, lemma) in [
            ("warned", "warn"),
            ("argues", "argue"),
            ("noting", "note"),
            ("admitted", "admit"),
            ("denies", "deny"),
            ("said", "say"),
            ("Says", "say"),
            ("concludes", "conclude"),
            ("testified", "testify"),
        ] {
            assert_eq!(cue_lemma(form), Some(lemma), "{form}");
        }
        let has = |w: &str, flag: u8| cue_flags(w) & flag != 0;
        assert!(!has("salad", CUE));
        assert!(!has("according", CUE));
        assert!(!has("notebook", CUE));
        assert!(has("said", INDIRECT_CUE) && !has("shouted", INDIRECT_CUE));
        assert!(has("told", TAKES_OBJECT));
        assert!(has("report", BASE_FORM) && !has("Report", BASE_FORM));
    }

    /// The straightforward definition `cue_lemma` must agree with.
    fn reference_lemma(word: &str) -> Option<&'static str> {
        if word.is_empty() || !word.chars().all(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        let w = word.to_ascii_lowercase();
        if let Some((_, lemma)) = IRREGULAR.iter().find(|(form, _)| *form == w) {
            return Some(lemma);
        }
        let find = |cand: &str| REGULAR.iter().copied().find(|l| *l == cand);
        if let Some(l) = find(&w) {
            return Some(l);
        }
        let undouble = |stem: &str| {
            let b = stem.as_bytes();
            if b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2] {
                stem[..stem.len() - 1].to_string()
            } else {
                stem.to_string()
            }
        };
        let mut candidates: Vec<String> = Vec::new();
        if let Some(stem) = w.strip_suffix("ies").or_else(|| w.strip_suffix("ied")) {
            candidates.push(format!("{stem}y"));
        }
        if let Some(stem) = w.strip_suffix("es") {
            candidates.push(stem.to_string());
        }
        if let Some(stem) = w.strip_suffix('s') {
            candidates.push(stem.to_string());
        }
        if let Some(stem) = w.strip_suffix("ed") {
            candidates.extend([stem.to_string(), format!("{stem}e"), undouble(stem)]);
        }
        if let Some(stem) = w.strip_suffix('d') {
            candidates.push(stem.to_string());
        }
        if let Some(stem) = w.strip_suffix("ing") {
            candidates.extend([stem.to_string(), format!("{stem}e"), undouble(stem)]);
        }
        candidates.iter().find_map(|c| find(c))
    }

    #[test]
    fn fast_lemma_matches_the_reference() {
        let mut words: Vec<String> = Vec::new();
        let lemmas = REGULAR.iter().chain(IRREGULAR.iter().map(|(f, _)| f));
        for l in lemmas.chain(["a", "ab", "x", "e", "ing", "ies", "ied", "ed", "d", "s"].iter()) {
            let stem = l.trim_end_matches(['e', 'y']);
            let last = &l[l.len().saturating_sub(1)..];
            for form in [
                l.to_string(),
                format!("{l}s"),
                format!("{l}es"),
                format!("{l}d"),
                format!("{l}ed"),
                format!("{l}ing"),
                format!("{stem}ies"),
                format!("{stem}ied"),
                format!("{stem}ing"),
                format!("{stem}ed"),
                format!("{l}{last}ed"),
                format!("{l}{last}ing"),
                format!("{l}{last}{last}ing"),
                format!("x{l}"),
                format!("{l}x"),
                l[1..].to_string(),
                l.to_uppercase(),
                format!("{l}\u{e9}"),
            ] {
                words.push(form);
            }
        }
        let seed = include_str!("../../../www/seed-article.txt");
        words.extend(seed.split(|c: char| !c.is_alphanumeric()).map(String::from));
        for w in &words {
            assert_eq!(cue_lemma(w), reference_lemma(w), "{w}");
        }
    }
}
