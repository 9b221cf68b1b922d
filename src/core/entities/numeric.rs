//! Dates, times, money and percentages, matched on tokens by hand-written rules.
//!
//! No regular expressions: the rules run in one pass over the tokens, need no start-up
//! compilation (which cost over 100 ms in WebAssembly), and add little to the module.

use std::sync::OnceLock;

use super::Label;
use crate::core::packed::{pack, pack_ascii_lower, PackedMap};
use crate::core::span::ByteSpan;
#[cfg(test)]
use crate::core::text;
use crate::core::text::{Document, Token, TokenKind};

const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "Jun.",
    "Jul.",
    "Aug.",
    "Sep.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
];
const RELATIVE_HEADS: &[&str] = &["last", "next", "this", "past", "coming", "previous"];
const RELATIVE_UNITS: &[&str] = &[
    "week",
    "month",
    "year",
    "weekend",
    "decade",
    "century",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "morning",
    "evening",
    "afternoon",
    "night",
];
const DAY_WORDS: &[&str] = &["yesterday", "today", "tomorrow", "tonight"];
const CURRENCY_SIGNS: &[&str] = &["$", "€", "£", "¥", "₹", "₽"];
const CURRENCY_PREFIXES: &[&str] = &["US", "A", "C", "HK", "NZ", "S"];
const CURRENCY_WORDS: &[&str] = &[
    "dollars", "dollar", "euros", "euro", "pounds", "yen", "yuan", "rupees", "roubles", "rubles",
    "francs", "cents", "pesos", "marks", "won", "dinars", "riyals", "shekels",
];
const SCALES: &[&str] = &[
    "thousand", "million", "billion", "trillion", "bn", "m", "mln", "k",
];
const PERCENT_WORDS: &[&str] = &["percent", "pct"];
const CLOCK_SUFFIXES: &[&str] = &[
    "a.m.", "p.m.", "am", "pm", "AM", "PM", "GMT", "EST", "ET", "UTC", "BST", "CET",
];

struct Cursor<'d, 't> {
    text: &'t str,
    tokens: &'d [Token],
}

impl<'t> Cursor<'_, 't> {
    fn word(&self, i: usize) -> &'t str {
        self.tokens.get(i).map_or("", |t| t.span.slice(self.text))
    }
    fn is_number(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Number)
    }
    fn span(&self, first: usize, last: usize) -> ByteSpan {
        ByteSpan::new(self.tokens[first].span.start, self.tokens[last].span.end)
    }
    /// True when token `i` directly follows token `i - 1` with no space.
    fn glued(&self, i: usize) -> bool {
        i > 0 && i < self.tokens.len() && self.tokens[i - 1].span.end == self.tokens[i].span.start
    }
}

fn digits(s: &str) -> Option<u32> {
    (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn is_day(s: &str) -> bool {
    let core = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &s[core.len()..];
    matches!(suffix, "" | "st" | "nd" | "rd" | "th")
        && digits(core).is_some_and(|d| (1..=31).contains(&d))
}

fn is_year(s: &str) -> bool {
    digits(s).is_some_and(|y| (1800..=2099).contains(&y))
}

fn is_decade(s: &str) -> bool {
    s.strip_suffix('s')
        .is_some_and(|y| is_year(y) && y.ends_with('0'))
}

/// `10:30`, `9:05`: a clock time.
fn is_clock(s: &str) -> bool {
    match s.split_once(':') {
        Some((h, m)) => {
            digits(h).is_some_and(|h| h <= 24) && m.len() == 2 && digits(m).is_some_and(|m| m < 60)
        }
        None => false,
    }
}

/// `10am`, `7pm`: an hour glued to its suffix.
fn is_glued_hour(s: &str) -> bool {
    let b = s.as_bytes();
    match b {
        [.., x, y] if x.eq_ignore_ascii_case(&b'a') || x.eq_ignore_ascii_case(&b'p') => {
            y.eq_ignore_ascii_case(&b'm')
                && s.get(..s.len() - 2)
                    .and_then(digits)
                    .is_some_and(|h| (1..=12).contains(&h))
        }
        _ => false,
    }
}

/// `5`, `1,000.5`: a plain amount.
fn is_amount(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_digit())
        && s.bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
}

/// `5bn`, `20m`: an amount glued to a scale.
fn is_scaled_amount(s: &str) -> bool {
    let core = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    is_amount(core) && SCALES.contains(&&s[core.len()..])
}

/// Finds numeric and calendar expressions in `text` (segments it first).
#[cfg(test)]
pub fn find(text: &str) -> Vec<(ByteSpan, Label)> {
    find_in(&text::segment(text))
}

/// Finds numeric and calendar expressions among the tokens of `doc`; sorted, never
/// overlapping.
pub fn find_in(doc: &Document<'_>) -> Vec<(ByteSpan, Label)> {
    let c = Cursor {
        text: doc.text,
        tokens: &doc.tokens,
    };
    let mut out = Vec::new();
    let starters = Starters::get();
    // Looked up once per distinct token text.
    let listed: Vec<bool> = doc
        .words
        .distinct
        .iter()
        .map(|w| starters.lists(w))
        .collect();
    let may_start = |i: usize| c.is_number(i) || listed.get(doc.words.id(i)) == Some(&true);
    let mut i = 0;
    while i < c.tokens.len() {
        if !may_start(i) {
            i += 1;
            continue;
        }
        match match_at(&c, i) {
            Some((last, label)) => {
                out.push((c.span(i, last), label));
                i = last + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// The words an expression can start with besides a number (see [`Starters::lists`]),
/// as packed-word sets: most tokens are ruled out by one or two look-ups.
struct Starters {
    /// Matched as written: currency signs and prefixes, `noon`, `midnight`, weekdays, months.
    exact: PackedMap<()>,
    /// Matched ignoring ASCII case: `last`, `next`, …, `today`, `tonight`, ….
    folded: PackedMap<()>,
    /// Bytes some word of either set starts with (both cases for `folded`), and the
    /// longest word: most tokens are ruled out by these before any packing.
    first: [bool; 256],
    longest: usize,
}

impl Starters {
    fn get() -> &'static Starters {
        static S: OnceLock<Starters> = OnceLock::new();
        S.get_or_init(|| {
            let exact: Vec<&str> = [
                CURRENCY_SIGNS,
                CURRENCY_PREFIXES,
                &["noon", "midnight"],
                WEEKDAYS,
                MONTHS,
            ]
            .concat();
            let folded: Vec<&str> = [RELATIVE_HEADS, DAY_WORDS].concat();
            let mut first = [false; 256];
            for w in &exact {
                if let Some(&b) = w.as_bytes().first() {
                    first[b as usize] = true;
                }
            }
            for w in &folded {
                if let Some(&b) = w.as_bytes().first() {
                    first[b.to_ascii_lowercase() as usize] = true;
                    first[b.to_ascii_uppercase() as usize] = true;
                }
            }
            let longest = exact
                .iter()
                .chain(&folded)
                .map(|w| w.len())
                .max()
                .unwrap_or(0);
            Starters {
                exact: PackedMap::new(exact.into_iter().map(|w| (w, ()))),
                folded: PackedMap::new(folded.into_iter().map(|w| (w, ()))),
                first,
                longest,
            }
        })
    }

    /// True when `w` is one of the words an expression can start with besides a number
    /// (`money` a currency sign or prefix, `time` `noon` or `midnight`, `date` a weekday, a
    /// month, a relative head or a day word): no rule of [`match_at`] can match at a token
    /// that is neither a number nor such a word.
    fn lists(&self, w: &str) -> bool {
        let listed_start = w
            .as_bytes()
            .first()
            .is_some_and(|&b| self.first[b as usize]);
        listed_start
            && w.len() <= self.longest
            && (self.exact.get(pack(w.as_bytes())).is_some()
                || self.folded.get(pack_ascii_lower(w)).is_some())
    }
}

/// The expression starting at token `i`: its last token and label.
fn match_at(c: &Cursor<'_, '_>, i: usize) -> Option<(usize, Label)> {
    money(c, i)
        .map(|l| (l, Label::Money))
        .or_else(|| percent(c, i).map(|l| (l, Label::Percent)))
        .or_else(|| time(c, i).map(|l| (l, Label::Time)))
        .or_else(|| date(c, i).map(|l| (l, Label::Date)))
}

fn money(c: &Cursor<'_, '_>, i: usize) -> Option<usize> {
    let mut j = i;
    if CURRENCY_PREFIXES.contains(&c.word(j))
        && CURRENCY_SIGNS.contains(&c.word(j + 1))
        && c.glued(j + 1)
    {
        j += 1;
    }
    if CURRENCY_SIGNS.contains(&c.word(j)) {
        let n = j + 1;
        if is_scaled_amount(c.word(n)) {
            return Some(n);
        }
        if !(c.is_number(n) && is_amount(c.word(n))) {
            return None;
        }
        return Some(if SCALES.contains(&c.word(n + 1)) {
            n + 1
        } else {
            n
        });
    }
    if c.is_number(i) && (is_amount(c.word(i)) || is_scaled_amount(c.word(i))) {
        let mut k = i + 1;
        if SCALES.contains(&c.word(k)) {
            k += 1;
        }
        if CURRENCY_WORDS.contains(&c.word(k)) {
            return Some(k);
        }
    }
    None
}

fn percent(c: &Cursor<'_, '_>, i: usize) -> Option<usize> {
    if !(c.is_number(i) && is_amount(c.word(i))) {
        return None;
    }
    match c.word(i + 1) {
        "%" => Some(i + 1),
        w if PERCENT_WORDS.contains(&w) => Some(i + 1),
        "per" if c.word(i + 2) == "cent" => Some(i + 2),
        "percentage" if matches!(c.word(i + 2), "point" | "points") => Some(i + 2),
        _ => None,
    }
}

fn time(c: &Cursor<'_, '_>, i: usize) -> Option<usize> {
    let w = c.word(i);
    if matches!(w, "noon" | "midnight") {
        return Some(i);
    }
    if !c.is_number(i) {
        return None;
    }
    if is_glued_hour(w) {
        return Some(i);
    }
    let hour = digits(w).is_some_and(|h| (1..=12).contains(&h));
    if (is_clock(w) || hour) && CLOCK_SUFFIXES.contains(&c.word(i + 1)) {
        return Some(i + 1);
    }
    is_clock(w).then_some(i)
}

fn date(c: &Cursor<'_, '_>, i: usize) -> Option<usize> {
    let w = c.word(i);
    if WEEKDAYS.contains(&w) {
        // Tuesday, November 8, 2016
        let j = if c.word(i + 1) == "," { i + 2 } else { i + 1 };
        return Some(month_day_year(c, j).unwrap_or(i));
    }
    if let Some(last) = month_day_year(c, i) {
        return Some(last);
    }
    if c.is_number(i) && is_day(w) && MONTHS.contains(&c.word(i + 1)) {
        // 5 November (2011)
        return Some(if is_year(c.word(i + 2)) { i + 2 } else { i + 1 });
    }
    if MONTHS.contains(&w) && w != "May" && !w.ends_with('.') {
        return Some(i);
    }
    // The lists are lowercase ASCII: comparing ignoring ASCII case is comparing `w`
    // lowercased, without allocating it.
    let lower_in = |list: &[&str]| list.iter().any(|x| x.eq_ignore_ascii_case(w));
    if lower_in(RELATIVE_HEADS) {
        let next = c.word(i + 1);
        if RELATIVE_UNITS.contains(&next) || WEEKDAYS.contains(&next) || MONTHS.contains(&next) {
            return Some(i + 1);
        }
    }
    if lower_in(DAY_WORDS) {
        return Some(i);
    }
    if c.is_number(i) {
        if let Some(last) = iso_date(c, i) {
            return Some(last);
        }
        if is_year(w) || is_decade(w) || is_slash_date(w) {
            return Some(i);
        }
    }
    None
}

/// `November 8`, `Nov. 8, 2016`, `November 2016` starting at token `i`.
fn month_day_year(c: &Cursor<'_, '_>, i: usize) -> Option<usize> {
    if !MONTHS.contains(&c.word(i)) {
        return None;
    }
    if c.is_number(i + 1) && is_day(c.word(i + 1)) {
        if c.word(i + 2) == "," && is_year(c.word(i + 3)) {
            return Some(i + 3);
        }
        if is_year(c.word(i + 2)) {
            return Some(i + 2);
        }
        return Some(i + 1);
    }
    is_year(c.word(i + 1)).then_some(i + 1)
}

/// `2011-11-08`: three glued number tokens joined by hyphens.
fn iso_date(c: &Cursor<'_, '_>, i: usize) -> Option<usize> {
    let ok = is_year(c.word(i))
        && c.word(i + 1) == "-"
        && c.word(i + 2).len() == 2
        && digits(c.word(i + 2)).is_some_and(|m| (1..=12).contains(&m))
        && c.word(i + 3) == "-"
        && c.word(i + 4).len() == 2
        && digits(c.word(i + 4)).is_some_and(|d| (1..=31).contains(&d))
        && (1..=4).all(|k| c.glued(i + k));
    ok.then_some(i + 4)
}

/// `11/8/2016`, `08/11/16`.
fn is_slash_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('/').collect();
    parts.len() == 3
        && digits(parts[0]).is_some_and(|d| (1..=31).contains(&d))
        && digits(parts[1]).is_some_and(|d| (1..=31).contains(&d))
        && matches!(parts[2].len(), 2 | 4)
        && digits(parts[2]).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_lists_pack_and_fold() {
        let lists = [
            CURRENCY_SIGNS,
            CURRENCY_PREFIXES,
            WEEKDAYS,
            MONTHS,
            RELATIVE_HEADS,
            DAY_WORDS,
        ];
        for list in lists {
            assert!(PackedMap::<()>::holds_all(list));
        }
        for list in [RELATIVE_HEADS, DAY_WORDS] {
            assert!(list.iter().all(|w| *w == w.to_ascii_lowercase()));
        }
    }

    fn labels(text: &str) -> Vec<(&str, Label)> {
        find(text)
            .into_iter()
            .map(|(s, l)| (s.slice(text), l))
            .collect()
    }

    #[test]
    fn finds_each_kind() {
        assert_eq!(
            labels("On Tuesday, 5 November 2011, shares rose 12.5 percent to $3.2 billion at 10:30 a.m. last month."),
            [
                ("Tuesday", Label::Date),
                ("5 November 2011", Label::Date),
                ("12.5 percent", Label::Percent),
                ("$3.2 billion", Label::Money),
                ("10:30 a.m.", Label::Time),
                ("last month", Label::Date),
            ]
        );
    }

    #[test]
    fn currency_signs_outside_ascii() {
        assert_eq!(
            labels("It cost €20 million, not £5."),
            [("€20 million", Label::Money), ("£5", Label::Money)]
        );
        assert_eq!(labels("a US$5bn deal"), [("US$5bn", Label::Money)]);
        assert_eq!(
            labels("20 million dollars"),
            [("20 million dollars", Label::Money)]
        );
    }

    #[test]
    fn dates_in_many_forms() {
        assert_eq!(
            labels("Tuesday, November 8, 2016 and Nov. 9 and 2016-11-10 and 11/12/2016, in the 1990s, May 3, not May."),
            [
                ("Tuesday, November 8, 2016", Label::Date),
                ("Nov. 9", Label::Date),
                ("2016-11-10", Label::Date),
                ("11/12/2016", Label::Date),
                ("1990s", Label::Date),
                ("May 3", Label::Date),
            ]
        );
        assert_eq!(
            labels("7pm tonight, 5% up, 3 percentage points"),
            [
                ("7pm", Label::Time),
                ("tonight", Label::Date),
                ("5%", Label::Percent),
                ("3 percentage points", Label::Percent),
            ]
        );
    }

    #[test]
    fn plain_numbers_are_not_dates() {
        assert!(labels("He scored 3 goals in 90 minutes and 1,200 fans cheered.").is_empty());
    }
}
