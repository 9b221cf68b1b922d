//! Word lists: speech cue verbs (matched through their inflections), the words that may
//! stand between a speaker and its cue, and the words that end a speaker noun phrase.

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
    "state",
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
    "acknowledge",
    "caution",
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
];

/// Cue lemmas that only introduce direct quotes (they rarely report a clause).
const DIRECT_ONLY: &[&str] = &[
    "chant", "cry", "exclaim", "fume", "joke", "quip", "scream", "shout", "sigh", "snap",
    "whisper", "yell", "continue", "post", "tweet", "write", "answer", "ask", "describe",
    "comment", "muse", "scoff", "wonder", "point", "question", "blast", "grumble", "rule",
    "respond", "reply", "retort", "counter", "remark",
];

/// The lemma of `word` when it is a speech cue verb form (`warned` → `warn`).
pub fn cue_lemma(word: &str) -> Option<&'static str> {
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
        candidates.push(stem.to_string());
        candidates.push(format!("{stem}e"));
        candidates.push(undouble(stem));
    }
    if let Some(stem) = w.strip_suffix('d') {
        candidates.push(stem.to_string());
    }
    if let Some(stem) = w.strip_suffix("ing") {
        candidates.push(stem.to_string());
        candidates.push(format!("{stem}e"));
        candidates.push(undouble(stem));
    }
    candidates.iter().find_map(|c| find(c))
}

fn undouble(stem: &str) -> String {
    let b = stem.as_bytes();
    if b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2] {
        stem[..stem.len() - 1].to_string()
    } else {
        stem.to_string()
    }
}

/// True when `word` is a speech cue (any form).
pub fn is_cue(word: &str) -> bool {
    cue_lemma(word).is_some_and(|l| l != "accord")
}

/// True when `word` is a cue that may report a clause (`said that …`, `argues …`).
pub fn is_indirect_cue(word: &str) -> bool {
    cue_lemma(word).is_some_and(|l| l != "accord" && !DIRECT_ONLY.contains(&l))
}

/// True when the cue takes a person object before its clause (`told reporters …`).
pub fn takes_object(word: &str) -> bool {
    matches!(
        cue_lemma(word),
        Some("tell" | "assure" | "inform" | "remind" | "warn" | "urge" | "advise" | "promise")
    )
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
    "never",
    "even",
    "added",
    "once",
    "still",
    "now",
    "did",
    "does",
    "not",
    "may",
    "might",
    "could",
    "can",
    "has",
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
        assert!(!is_cue("salad"));
        assert!(!is_cue("according"));
        assert!(!is_cue("notebook"));
        assert!(is_indirect_cue("said") && !is_indirect_cue("shouted"));
        assert!(takes_object("told"));
    }
}
