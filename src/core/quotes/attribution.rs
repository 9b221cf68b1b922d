//! Finding the cue and the speaker mention a direct quote attaches to.
//!
//! Patterns, within the quote's sentence: `"…," X said`, `"…," said X`,
//! `"…," X, a spokeswoman, said`, `"…," he was quoted as saying`, `X said: "…"`,
//! `X told reporters, "…"`, `asks editor X, "…"`, `…, saying: "…"`, `X chanted "…"` and the
//! headline form `X: "…"`. Speakers are names, titles with names, descriptions or pronouns.

use super::marks::Quoted;
use super::tokens::View;
use crate::core::span::ByteSpan;

/// A cue and its speaker mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribution {
    /// The cue (a verb, or the colon of `X: "…"`).
    pub cue: ByteSpan,
    /// The speaker mention, when one was found.
    pub speaker: Option<ByteSpan>,
}

/// How far (in tokens) a cue may be from the quote.
const REACH: usize = 30;

/// True when the quote is a fragment embedded in running text (`its "reset" of`,
/// `said the plan was "dead"`): the token before it, in its sentence, is a word that is
/// not a cue. `lo` is the first token the sentence may start at.
pub fn is_embedded(v: &View<'_, '_>, q: &Quoted, lo: usize) -> bool {
    let open = v.token_at(q.span.start);
    let (s0, _) = v.sentence(open);
    if open == 0 || open <= s0.max(lo) {
        return false;
    }
    let b = open - 1;
    // `… in the U.S. "Forget it," he said.`: a dotted abbreviation can end the sentence.
    !v.is_punct(b) && !v.is_cue(b) && !v.word(b).ends_with('.')
}

/// Finds the cue and speaker of the direct quote `q`; `lo` is the first token the search
/// may look back to (the end of the previous quote in the paragraph).
pub fn attribute(
    v: &View<'_, '_>,
    q: &Quoted,
    lo: usize,
    person_end: &dyn Fn(usize) -> Option<usize>,
) -> Option<Attribution> {
    let inner = q.inner.slice(v.doc.text).trim_end();
    let comma_end = inner.ends_with(',') || inner.ends_with('\u{2014}') || inner.ends_with('-');
    if comma_end {
        after(v, q, person_end).or_else(|| before(v, q, lo, person_end))
    } else {
        before(v, q, lo, person_end).or_else(|| after(v, q, person_end))
    }
}

fn after(
    v: &View<'_, '_>,
    q: &Quoted,
    person_end: &dyn Fn(usize) -> Option<usize>,
) -> Option<Attribution> {
    if q.unclosed {
        return None;
    }
    let close = v.token_at(q.span.end).checked_sub(1)?;
    let mut k = close + 1;
    if matches!(v.word(k), "," | "\u{2014}" | "\u{2013}" | "-" | "--") {
        k += 1;
    }
    if k >= v.len() {
        return None;
    }
    let new_sentence = v.sentence(close).0 != v.sentence(k).0;
    let mut end = v.clause_end(k, REACH);
    if let Some(m) = (k..end).find(|&i| v.is_quote_mark(i) && !v.is_possessive_mark(i)) {
        end = m;
    }
    if !new_sentence && v.word(k).eq_ignore_ascii_case("according") && v.word(k + 1) == "to" {
        return Some(Attribution {
            cue: v.span_of(k, k + 2),
            speaker: v.np_after(k + 2, end, person_end),
        });
    }
    let j = (k..end).find(|&i| v.is_verb_cue(k, i))?;
    // In a new sentence only `"…." Smith said.` counts: the cue ends it.
    if new_sentence && (end.saturating_sub(j) > 4 || j - k > 4) {
        return None;
    }
    if j == k {
        let mut n = j + 1;
        if v.is_in(n, &["out", "up", "back", "on"]) {
            n += 1;
        }
        let speaker = v.np_after(n, end, person_end)?;
        return Some(Attribution {
            cue: v.span(j),
            speaker: Some(speaker),
        });
    }
    let speaker = v.np_before(k, j)?;
    Some(Attribution {
        cue: v.span(j),
        speaker: Some(speaker),
    })
}

fn before(
    v: &View<'_, '_>,
    q: &Quoted,
    lo: usize,
    person_end: &dyn Fn(usize) -> Option<usize>,
) -> Option<Attribution> {
    let open = v.token_at(q.span.start);
    let (s0, _) = v.sentence(open);
    let ws = s0.max(lo);
    if open <= ws {
        // A paragraph opening with the quote, after one ending with a colon:
        // `Cruz continued:` / `Reporter X says:`.
        let prev = open.checked_sub(1)?;
        if lo < open || v.word(prev) != ":" {
            return None;
        }
        let (p0, _) = v.sentence(prev);
        return clause_cue(v, p0.max(prev.saturating_sub(REACH)), prev, person_end);
    }
    let b = open - 1;
    if v.is_verb_cue(ws, b) {
        // A short quote running on into the sentence is a fragment: `predicts "renovictions"
        // will rise`.
        let words = (v.token_at(q.inner.start)..v.token_at(q.inner.end))
            .filter(|&i| !v.is_punct(i))
            .count();
        let next = v.token_at(q.span.end);
        if words <= 2 && !v.is_punct(next) && v.sentence(next).0 == v.sentence(b).0 {
            return None;
        }
        // X chanted "…" / saying "…"
        return Some(Attribution {
            cue: v.span(b),
            speaker: subject(v, ws, b, b, person_end),
        });
    }
    if !matches!(v.word(b), ":" | "," | "\u{2014}") {
        return None;
    }
    clause_cue(v, ws.max(open.saturating_sub(REACH + 10)), b, person_end)
}

/// The cue and speaker of a clause `ws..b` that introduces a quote after the punctuation
/// at `b` (`X said:`, `According to X,`, `Republican pollster Daron Shaw:`).
fn clause_cue(
    v: &View<'_, '_>,
    ws: usize,
    b: usize,
    person_end: &dyn Fn(usize) -> Option<usize>,
) -> Option<Attribution> {
    if v.word(ws).eq_ignore_ascii_case("according") && v.word(ws + 1) == "to" {
        return Some(Attribution {
            cue: v.span_of(ws, ws + 2),
            speaker: v.np_after(ws + 2, b, person_end),
        });
    }
    if let Some(c) = (ws..b).rev().find(|&i| v.is_verb_cue(ws, i)) {
        return Some(Attribution {
            cue: v.span(c),
            speaker: subject(v, ws, c, b, person_end),
        });
    }
    if v.word(b) != ":" {
        return None;
    }
    // No cue before a colon: a name right before it, or a clause opening with a name or
    // pronoun (`She then addressed the supporters:`), or a headline `Trump: "…"`.
    if let Some(t) = (ws..b).rev().take(4).find(|&t| person_end(t) == Some(b)) {
        return Some(Attribution {
            cue: v.span(b),
            speaker: Some(v.span_of(t, b)),
        });
    }
    if let Some(e) = person_end(ws).filter(|&e| e <= b) {
        return Some(Attribution {
            cue: v.span(b),
            speaker: Some(v.span_of(ws, e)),
        });
    }
    if v.is_in(ws, &["he", "she", "they"]) {
        return Some(Attribution {
            cue: v.span(b),
            speaker: Some(v.span(ws)),
        });
    }
    let shouting = (ws..b).all(|t| !v.word(t).chars().any(char::is_lowercase));
    let title_case = (ws..b).all(|t| v.is_cap(t) || v.word(t) == ".");
    if b - ws <= 5 && title_case && !shouting {
        return Some(Attribution {
            cue: v.span(b),
            speaker: Some(v.span_of(ws, b)),
        });
    }
    None
}
/// The speaker of the cue at `c` in a clause starting at `ws` and ending before `b`: the
/// subject before it, or the phrase after it (`asks editor X,`), or the clause's first
/// phrase (`X rallied supporters, saying: "…"`).
fn subject(
    v: &View<'_, '_>,
    ws: usize,
    c: usize,
    b: usize,
    person_end: &dyn Fn(usize) -> Option<usize>,
) -> Option<ByteSpan> {
    let after_comma = c > ws && v.word(c - 1) == ",";
    if c > ws && !after_comma {
        if let Some(s) = v.np_before(ws, c) {
            return Some(s);
        }
    }
    if let Some(s) = v.np_after(c + 1, b, person_end) {
        return Some(s);
    }
    // The clause's subject: a person, a pronoun or a capitalised name at its start.
    if let Some(e) = person_end(ws).filter(|&e| e <= c) {
        return Some(v.span_of(ws, e));
    }
    if v.is_in(ws, super::cues::PRONOUNS) && ws < c {
        return Some(v.span(ws));
    }
    if v.can_start_np(ws) && ws < c {
        let mut j = ws + 1;
        while j < c
            && j - ws < 8
            && !v.is_punct(j)
            && !v.is_cue(j)
            && !v.is_in(j, super::cues::NP_STOPS)
        {
            j += 1;
        }
        return Some(v.span_of(ws, j));
    }
    None
}
