//! Dates, times, money and percentages, found by regular expressions.

use std::sync::OnceLock;

use regex::Regex;

use super::Label;
use crate::core::span::ByteSpan;

const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)";
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const NUMBER: &str = r"\d+(?:[.,]\d+)*";
const SCALE: &str = r"(?:\s(?:thousand|million|billion|trillion)|\s?(?:bn|m|k)\b)";

/// The patterns, in priority order (earlier wins on overlap at the same start).
fn patterns() -> Vec<(Label, String)> {
    vec![
        (
            Label::Money,
            format!(
                r"(?:(?:US|A|C|HK)?[$€£¥]\s?{NUMBER}{SCALE}?)|(?:\b{NUMBER}{SCALE}?\s(?:dollars|euros|pounds|yen|yuan|rupees|roubles|rubles|francs|cents)\b)"
            ),
        ),
        (
            Label::Percent,
            format!(r"\b{NUMBER}\s?(?:%|percent\b|per cent\b|percentage points?\b)"),
        ),
        (
            Label::Time,
            r"\b\d{1,2}(?::\d{2})?\s?(?:a\.m\.|p\.m\.|am\b|pm\b|GMT\b|EST\b|ET\b)|\b\d{1,2}:\d{2}\b|\b(?:noon|midnight)\b"
                .to_string(),
        ),
        (
            Label::Date,
            format!(
                r"\b(?:{WEEKDAY}(?:,?\s{MONTH}\s\d{{1,2}}(?:,\s\d{{4}})?)?|{MONTH}\s\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s\d{{4}})?|\d{{1,2}}\s{MONTH}(?:\s\d{{4}})?|{MONTH}\s\d{{4}}|(?:January|February|March|April|June|July|August|September|October|November|December)|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|(?:(?:last|next|this|past|coming)\s(?:week|month|year|weekend|decade|century|spring|summer|autumn|fall|winter|January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))|yesterday|today|tomorrow|(?:1[89]|20)\d\d(?:s)?)\b"
            ),
        ),
    ]
}

fn compiled() -> &'static [(Label, Regex)] {
    static CELL: OnceLock<Vec<(Label, Regex)>> = OnceLock::new();
    CELL.get_or_init(|| {
        patterns()
            .into_iter()
            .filter_map(|(label, p)| Regex::new(&p).ok().map(|r| (label, r)))
            .collect()
    })
}

/// Finds numeric and calendar expressions; sorted by start, never overlapping.
pub fn find(text: &str) -> Vec<(ByteSpan, Label)> {
    let mut found: Vec<(ByteSpan, Label)> = Vec::new();
    for (label, re) in compiled() {
        for m in re.find_iter(text) {
            found.push((ByteSpan::new(m.start(), m.end()), *label));
        }
    }
    found.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    let mut out: Vec<(ByteSpan, Label)> = Vec::with_capacity(found.len());
    for (span, label) in found {
        if out.last().is_none_or(|(prev, _)| prev.end <= span.start) {
            out.push((span, label));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        assert_eq!(compiled().len(), patterns().len());
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
}
