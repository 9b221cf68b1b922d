//! Tokens the tagger need not score: plain lowercase words that are not name particles,
//! and particles, punctuation, numbers and sentence-initial function words with no possible
//! name word beside them.
//!
//! In news text about 70% of tokens are words written entirely in lowercase, and the
//! trained model tags fewer than 0.3% of them as part of a name — nearly all of those are
//! the particles and connectors of [`INNER_LOWER`] (`Bank of England`, `Ludwig van
//! Beethoven`) or pieces glued to punctuation (`U.S.-based`, `bbc.com`). Every other
//! plain lowercase word is fixed to `O`, so its features are never looked up. Decoding
//! with a tag fixed is exact for the rest of the sentence: when the unconstrained best
//! path already has `O` there, the constrained best path is the same path.
//!
//! A particle, punctuation mark or number inside a name stands next to one of the name's
//! other words, so one with only fixed tokens, particles, marks, numbers (without
//! letters: `3M` is a name) or the sentence's edge on both sides is fixed to `O` too
//! (`, the` in `said, the report`). A capitalised function word that starts a sentence
//! (`The`, `But`, `Moreover`) counts as a particle. On the 672 PolNeAR articles the
//! particles, marks and numbers left 28% of the tokens to score, against 52% with plain
//! lowercase words alone. Scores on the development sets (CoNLL-2003, GUM, PolNeAR and
//! GGT quotes) did not change, but for one false positive fewer on CoNLL-2003 dev (a
//! sentence-initial word); of 51,398 entities on the PolNeAR articles, 433 changed with
//! particles and marks, mostly names at the end of a quoted title, which no longer keep
//! the sentence's full stop (`“Sanity.”` gave `Sanity.`, now `Sanity`), and 33 with
//! sentence starters, such as `Moreover` and `Later` no longer taken for people.
//!
//! A clause mark, quotation mark or dash (`is_clause_mark`: `,` `.` `:` `“` `—` …) inside
//! a name stands between two of its words (`Goldman, Sachs & Co`, `Mission: Impossible`;
//! in CoNLL-2003 train 15 of 7,290 commas are inside names, all but one between name
//! words), so one with a word that is no name word, or the sentence's edge, on *either*
//! side is fixed too (`Obama, who`; `in Paris.`). Scored tokens on the PolNeAR articles
//! went from 25.2% to 21.8% (of all 584,277 tokens, counted with `surely_outside`). Scores on CoNLL-2003 dev, GUM and PolNeAR did not change; GGT
//! direct quotes end to end went from 88.7 to 88.9. 77 of 51,326 PolNeAR mentions changed,
//! mostly for the better (`Mass., Dec.` as one organization is now `Mass` and `Dec. 11`;
//! `Tex., Mr. Trump` is now `Tex` and `Trump`); the cost is the full stop of abbreviations
//! the tokenizer does not know (`Calif.` is now `Calif`).

use std::sync::OnceLock;

use crate::core::packed::{pack, pack_ascii_lower, PackedMap};
use crate::core::text::{Document, TokenKind};

use super::features::Context;

/// Lowercase words that may occur inside names, never fixed to `O`: every lowercase word
/// inside a name in CoNLL-2003 train (a test checks this when the corpus is present), the
/// name particles of `lexicon::NAME_PARTICLES`, and the function words of titles (`Stand
/// by Me`, `Gone with the Wind`). Kept sorted and unique (a test checks it).
pub const INNER_LOWER: &[&str] = &[
    "a",
    "a.s.",
    "affairs",
    "against",
    "al",
    "al-",
    "alliance",
    "am",
    "an",
    "and",
    "as",
    "at",
    "bank",
    "bin",
    "bureau",
    "by",
    "bypass",
    "central",
    "championship",
    "coast",
    "convention",
    "da",
    "dal",
    "de",
    "del",
    "della",
    "democracy",
    "den",
    "der",
    "des",
    "di",
    "division",
    "do",
    "dos",
    "du",
    "el",
    "et",
    "for",
    "free",
    "from",
    "germany",
    "hospital",
    "i",
    "ibn",
    "immi",
    "in",
    "interior",
    "is",
    "l",
    "la",
    "law",
    "le",
    "les",
    "lovely",
    "magazine",
    "ministry",
    "motor",
    "n't",
    "no",
    "north",
    "of",
    "office",
    "on",
    "over",
    "party",
    "pour",
    "program",
    "pvt",
    "radio",
    "self-rule",
    "serie",
    "telling",
    "the",
    "to",
    "upon",
    "van",
    "vehicles",
    "von",
    "wa",
    "wall",
    "winners",
    "with",
    "zvezda",
];

/// What a lowercase word can be in a name (see [`lower_class`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LowerClass {
    /// A plain lowercase word: never in a name.
    Plain,
    /// One of [`INNER_LOWER`]: in a name only next to one of its other words.
    Particle,
    /// A capitalised function word (`The`, `But`, `He`; `lexicon::SENTENCE_STARTERS`): at
    /// the start of a sentence, in a name only next to one of its other words (`The
    /// Hague`).
    Starter,
    /// Anything else (capitalised, mixed case, digits, symbols).
    Other,
}

/// [`LowerClass::Starter`] for a capitalised word whose lowercase form is one of
/// `lexicon::SENTENCE_STARTERS`, [`LowerClass::Other`] for any other.
pub fn capital_class(word: &str) -> LowerClass {
    static STARTERS: OnceLock<PackedMap<bool>> = OnceLock::new();
    let starters = STARTERS.get_or_init(|| {
        PackedMap::new(
            crate::core::entities::lexicon::SENTENCE_STARTERS
                .iter()
                .map(|&w| (w, true)),
        )
    });
    match starters.get(pack_ascii_lower(word)) {
        Some(true) => LowerClass::Starter,
        _ => LowerClass::Other,
    }
}

/// [`LowerClass::Plain`] for letters (and inner `'`, `’`, `-`, `.`) with no uppercase
/// letter, starting with a lowercase letter, and not one of [`INNER_LOWER`];
/// [`LowerClass::Particle`] for one of [`INNER_LOWER`]; [`LowerClass::Other`] otherwise.
pub fn lower_class(word: &str) -> LowerClass {
    let bytes = word.as_bytes();
    if word.is_ascii() {
        // The common case: no char decoding, and the list is searched as packed integers.
        static INNER: OnceLock<PackedMap<bool>> = OnceLock::new();
        let inner = INNER.get_or_init(|| PackedMap::new(INNER_LOWER.iter().map(|&w| (w, true))));
        let lower = bytes.first().is_some_and(u8::is_ascii_lowercase)
            && bytes
                .iter()
                .all(|&b| b.is_ascii_lowercase() || matches!(b, b'\'' | b'-' | b'.'));
        return match (lower, inner.get(pack(bytes)).is_some()) {
            (false, _) => LowerClass::Other,
            (true, false) => LowerClass::Plain,
            (true, true) => LowerClass::Particle,
        };
    }
    // Not ASCII, so not in the (ASCII) list.
    let mut chars = word.chars();
    let lower = chars.next().is_some_and(char::is_lowercase)
        && chars.all(|c| c.is_lowercase() || matches!(c, '\'' | '\u{2019}' | '-' | '.'));
    if lower {
        LowerClass::Plain
    } else {
        LowerClass::Other
    }
}

/// Whether `word` is a plain lowercase word ([`LowerClass::Plain`]).
pub fn is_plain_lower(word: &str) -> bool {
    lower_class(word) == LowerClass::Plain
}

/// For each token of `doc`: true when the tagger may fix it to `O` without scoring it —
/// a plain lowercase word ([`is_plain_lower`]) that does not directly follow punctuation
/// with no space between (`U.S.-led`, `example.com`), and a punctuation mark, number
/// without letters, name particle of [`INNER_LOWER`] or capitalised function word starting
/// its sentence ([`LowerClass::Starter`]) with no possible name word on either side (`,
/// the` in `said, the report`): a name holds at least one word that is none of these, and
/// the others inside a name sit next to one (`Bank of the West`, `The Hague`); and a clause
/// mark, quotation mark or dash with no possible name word on one side (`Obama, who`).
pub fn surely_outside(doc: &Document<'_>, ctx: &Context<'_>) -> Vec<bool> {
    let tokens = &doc.tokens;
    let n = tokens.len();
    let glued = |i: usize| {
        i.checked_sub(1)
            .and_then(|p| tokens.get(p))
            .zip(tokens.get(i))
            .is_some_and(|(p, t)| p.kind == TokenKind::Punct && p.span.end == t.span.start)
    };
    // Numbers and punctuation are never plain lowercase words.
    let mut fixed: Vec<bool> = (0..n)
        .map(|i| tokens[i].kind == TokenKind::Word && ctx.is_plain_lower(i) && !glued(i))
        .collect();
    // Tokens that are no name word: fixed ones, punctuation, numbers without letters
    // (`2011`, `10:30`, not `3M` or `49ers`), and the particles (lowercase words that are
    // not plain only because INNER_LOWER lists them).
    let weak: Vec<bool> = (0..n)
        .map(|i| match tokens[i].kind {
            TokenKind::Punct => true,
            TokenKind::Number => !tokens[i]
                .span
                .slice(doc.text)
                .chars()
                .any(char::is_alphabetic),
            TokenKind::Word => {
                fixed[i] || (ctx.is_particle(i) && !glued(i)) || ctx.is_sentence_starter(i)
            }
        })
        .collect();
    for s in &doc.sentences {
        let (first, last) = (s.first.min(n), s.last.min(n));
        for i in first..last {
            let before = i == first || weak[i - 1];
            let after = i + 1 >= last || weak[i + 1];
            if weak[i] && (before && after || (before || after) && is_clause_mark(doc, i)) {
                fixed[i] = true;
            }
        }
    }
    fixed
}

/// True when token `i` is a clause mark, quotation mark or dash (`,` `.` `:` `“` `—` …).
/// Inside a name one of these stands between two of its words (`Goldman, Sachs & Co`,
/// `Mission: Impossible`); at a name's edge it is only the full stop of an abbreviation the
/// tokenizer does not list (`Calif.`), which [`surely_outside`] gives up.
fn is_clause_mark(doc: &Document<'_>, i: usize) -> bool {
    doc.tokens.get(i).is_some_and(|t| {
        t.kind == TokenKind::Punct
            && matches!(
                t.span.slice(doc.text),
                "," | "."
                    | ";"
                    | ":"
                    | "!"
                    | "?"
                    | "\""
                    | "\u{201C}"
                    | "\u{201D}"
                    | "\u{AB}"
                    | "\u{BB}"
                    | "\u{2014}"
                    | "\u{2013}"
                    | "\u{2026}"
                    | "..."
            )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::text::segment;

    #[test]
    fn only_plain_lowercase_words_outside_names_are_fixed() {
        let text = "the Bank of England said eBay's U.S.-based unit, visited example.com \
                    and talked to Ludwig van Beethoven's heirs in 2024.";
        let doc = segment(text);
        let ctx = Context::new(&doc);
        let fixed: Vec<&str> = surely_outside(&doc, &ctx)
            .iter()
            .zip(&doc.tokens)
            .filter(|(&f, _)| f)
            .map(|(_, t)| t.span.slice(text))
            .collect();
        assert_eq!(
            fixed,
            // The dot in `example.com` follows a plain word (fixed): a clause mark beside
            // no name word.
            [
                "said", "unit", ",", "visited", "example", ".", "talked", "heirs", "in", "2024",
                "."
            ]
        );
    }

    #[test]
    fn capitalised_function_words_starting_a_sentence_are_fixed_away_from_name_words() {
        let text = "The company said so. The Hague agreed. But he left. Moreover, The Times \
                    wrote that the Moreover Fund grew.";
        let doc = segment(text);
        let ctx = Context::new(&doc);
        let fixed = surely_outside(&doc, &ctx);
        let at = |w: &str, nth: usize| {
            let i = doc
                .tokens
                .iter()
                .enumerate()
                .filter(|(_, t)| t.span.slice(text) == w)
                .nth(nth)
                .map(|(i, _)| i);
            i.map(|i| fixed[i])
        };
        // Fixed: starters next to lowercase words or punctuation.
        assert_eq!(at("The", 0), Some(true));
        assert_eq!(at("But", 0), Some(true));
        assert_eq!(at("Moreover", 0), Some(true));
        // Kept: a starter before a capitalised word, and the same words mid-sentence.
        assert_eq!(at("The", 1), Some(false));
        assert_eq!(at("The", 2), Some(false));
        assert_eq!(at("Moreover", 1), Some(false));
    }

    #[test]
    fn numbers_without_letters_are_no_name_words() {
        let text = "It fell by 12.5 % in 2016 , and 3M said so to the Apollo 11 crew .";
        let doc = segment(text);
        let ctx = Context::new(&doc);
        let kept: Vec<&str> = surely_outside(&doc, &ctx)
            .iter()
            .zip(&doc.tokens)
            .filter(|(&f, _)| !f)
            .map(|(_, t)| t.span.slice(text))
            .collect();
        // `It` starts its sentence before a lowercase word; `and` and `the` stand next to
        // possible name words, `11` too (`Apollo 11`).
        assert_eq!(kept, ["and", "3M", "the", "Apollo", "11"]);
    }

    #[test]
    fn clause_marks_are_fixed_unless_between_name_words() {
        let text = "Obama, who met Goldman, Sachs & Co in Paris. “Mission: Impossible” won.";
        let doc = segment(text);
        let ctx = Context::new(&doc);
        let fixed = surely_outside(&doc, &ctx);
        let marks: Vec<(&str, bool)> = doc
            .tokens
            .iter()
            .zip(&fixed)
            .filter(|(t, _)| t.kind == TokenKind::Punct)
            .map(|(t, &f)| (t.span.slice(text), f))
            .collect();
        assert_eq!(
            marks,
            [
                (",", true),  // Obama, who
                (",", false), // Goldman, Sachs
                ("&", false),
                (".", true),  // Paris.
                ("“", true),  // . “Mission: a mark before it
                (":", false), // Mission: Impossible
                ("”", true),  // Impossible” won
                (".", true),
            ]
        );
    }

    #[test]
    fn particles_and_marks_are_fixed_only_away_from_name_words() {
        let text = "He said that the rest of the money went to the Bank of the West, and \
                    to the people of France.";
        let doc = segment(text);
        let ctx = Context::new(&doc);
        let fixed = surely_outside(&doc, &ctx);
        let by_rule: Vec<(usize, &str)> = fixed
            .iter()
            .zip(&doc.tokens)
            .enumerate()
            .filter(|&(i, (&f, _))| f && !ctx.is_plain_lower(i))
            .map(|(i, (_, t))| (i, t.span.slice(text)))
            .collect();
        // Kept: `the` before `Bank`, `of the` inside `Bank of the West` and `of` before
        // `France`. The comma after `West` and the final stop are clause marks with a
        // particle or the sentence's edge on one side.
        assert_eq!(
            by_rule,
            [
                (0, "He"),
                (3, "the"),
                (5, "of"),
                (6, "the"),
                (9, "to"),
                (15, ","),
                (16, "and"),
                (17, "to"),
                (18, "the"),
                (22, "."),
            ]
        );
    }

    #[test]
    fn the_list_is_sorted_lowercase_and_unique() {
        assert!(PackedMap::<bool>::holds_all(INNER_LOWER));
        for w in INNER_LOWER {
            assert!(!is_plain_lower(w), "{w}");
        }
        assert!(is_plain_lower("said") && is_plain_lower("café") && is_plain_lower("don’t"));
        assert!(!is_plain_lower("eBay") && !is_plain_lower("Said") && !is_plain_lower("État"));
        assert!(INNER_LOWER.windows(2).all(|w| w[0] < w[1]));
        assert!(INNER_LOWER.iter().all(|w| w
            .chars()
            .all(|c| c.is_ascii_lowercase() || matches!(c, '-' | '.' | '\''))));
    }

    #[test]
    fn every_lowercase_word_inside_a_training_name_is_kept() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/corpora/conll2003/train.txt"
        );
        let Ok(train) = std::fs::read_to_string(path) else {
            eprintln!("skipped: {path} is absent (the list was derived from it)");
            return;
        };
        let mut missing: Vec<&str> = train
            .lines()
            .filter_map(|l| {
                let mut cols = l.split_whitespace();
                let word = cols.next()?;
                (cols.last()? != "O" && word != "-DOCSTART-").then_some(word)
            })
            .filter(|w| {
                let mut chars = w.chars();
                chars.next().is_some_and(char::is_lowercase)
                    && chars.all(|c| c.is_lowercase() || matches!(c, '\'' | '\u{2019}' | '-' | '.'))
                    && INNER_LOWER.binary_search(w).is_err()
            })
            .collect();
        missing.sort_unstable();
        missing.dedup();
        assert!(missing.is_empty(), "add to INNER_LOWER: {missing:?}");
    }

    #[test]
    fn name_particles_are_kept() {
        for p in crate::core::entities::lexicon::NAME_PARTICLES {
            assert!(INNER_LOWER.binary_search(p).is_ok(), "{p}");
        }
    }
}
