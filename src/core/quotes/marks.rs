//! Pairing quotation marks into quoted spans, paragraph by paragraph.
//!
//! Handles `"…"`, `“…”`, `‘…’`, `'…'` (apostrophes are not quote marks), `''…''`,
//! ``` ``…'' ```, `‘‘…’’`, `«…»`, `„…”`, nesting of another mark type, and paragraphs that
//! leave a quote open (the quote then runs to the paragraph's end; the next paragraph opening
//! with a mark continues it). Unbalanced marks are skipped and nothing here fails. One pass
//! over each paragraph with a per-family stack of open marks: linear in the text.

use crate::core::span::ByteSpan;

/// A top-level quoted span (nested quotes are inside it, not reported separately).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quoted {
    /// From the opening mark to the end of the closing mark (or the paragraph's end).
    pub span: ByteSpan,
    /// The text between the marks.
    pub inner: ByteSpan,
    /// True when no closing mark was found before the paragraph ended.
    pub unclosed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
    Guillemet,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// A straight mark: opens or closes depending on context.
    Either,
}

fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => text.get(i..).and_then(|s| s.chars().next()),
    }
}

fn char_before(text: &str, i: usize) -> Option<char> {
    match i.checked_sub(1).and_then(|j| text.as_bytes().get(j)) {
        Some(&b) if b.is_ascii() && text.is_char_boundary(i) => Some(char::from(b)),
        _ => text.get(..i).and_then(|s| s.chars().next_back()),
    }
}

/// True for the bytes a mark can start with: `"`, `'`, `` ` ``, and the lead bytes of
/// U+00AB/U+00BB (`0xC2`) and U+2018–U+201F (`0xE2`). Every other position is skipped.
fn may_start_mark(b: u8) -> bool {
    matches!(b, b'"' | b'\'' | b'`' | 0xC2 | 0xE2)
}

/// The offset of the first byte of `bytes` that [`may_start_mark`], or `bytes.len()`.
/// Eight bytes at a time: a word holding no byte ≥ 0x80 and none of the three ASCII marks
/// is skipped whole.
fn next_candidate(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Nonzero when some byte of `v` is zero.
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let mut chunks = bytes.chunks_exact(8);
    let mut skipped = 0;
    for chunk in chunks.by_ref() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let v = u64::from_le_bytes(word);
        let maybe = v & HIGH != 0
            || has_zero(v ^ (ONES * u64::from(b'"'))) != 0
            || has_zero(v ^ (ONES * u64::from(b'\''))) != 0
            || has_zero(v ^ (ONES * u64::from(b'`'))) != 0;
        if maybe {
            break;
        }
        skipped += 8;
    }
    let rest = bytes.get(skipped..).unwrap_or(&[]);
    skipped
        + rest
            .iter()
            .position(|&b| may_start_mark(b))
            .unwrap_or(rest.len())
}

/// The mark at byte `i`, if any: its family, role and length in bytes.
fn mark_at(text: &str, i: usize) -> Option<(Family, Role, usize)> {
    let c = char_at(text, i)?;
    let next = char_at(text, i + c.len_utf8());
    Some(match c {
        '\u{201C}' | '\u{201E}' | '\u{201F}' => (Family::Double, Role::Open, c.len_utf8()),
        '\u{201D}' => (Family::Double, Role::Close, c.len_utf8()),
        '"' => (Family::Double, Role::Either, 1),
        '`' if next == Some('`') => (Family::Double, Role::Open, 2),
        '\'' if next == Some('\'') => (Family::Double, Role::Either, 2),
        '\u{AB}' => (Family::Guillemet, Role::Open, c.len_utf8()),
        '\u{BB}' => (Family::Guillemet, Role::Close, c.len_utf8()),
        '\u{2018}' if next == Some('\u{2018}') => (Family::Double, Role::Open, 6),
        '\u{2019}' if next == Some('\u{2019}') => (Family::Double, Role::Close, 6),
        '\u{2018}' | '\u{201A}' => (Family::Single, Role::Open, c.len_utf8()),
        '\u{2019}' | '\'' => (Family::Single, Role::Either, c.len_utf8()),
        _ => return None,
    })
}

fn is_open_context(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '(' | '['
                        | '{'
                        | '\u{2014}'
                        | '\u{2013}'
                        | '-'
                        | '/'
                        | ':'
                        | '\u{201C}'
                        | '"'
                        | '\u{AB}'
                        | '\u{2018}'
                )
        }
    }
}

/// Open marks, with a per-family index so that finding the innermost open mark of a
/// family never scans the whole stack (linear time even with 100,000 stray marks).
#[derive(Default)]
struct Open {
    /// (family, byte of the mark, byte after the mark).
    stack: Vec<(Family, usize, usize)>,
    /// Positions in `stack` of open marks, per family (Double, Single, Guillemet).
    by_family: [Vec<usize>; 3],
    /// Number of open double or guillemet marks.
    outer: usize,
}

fn slot(f: Family) -> usize {
    match f {
        Family::Double => 0,
        Family::Single => 1,
        Family::Guillemet => 2,
    }
}

impl Open {
    fn innermost(&self, f: Family) -> Option<usize> {
        self.by_family[slot(f)].last().copied()
    }

    fn push(&mut self, f: Family, start: usize, inner: usize) {
        self.by_family[slot(f)].push(self.stack.len());
        if f != Family::Single {
            self.outer += 1;
        }
        self.stack.push((f, start, inner));
    }

    /// Removes the mark at `pos` and everything opened after it.
    fn truncate(&mut self, pos: usize) {
        while self.stack.len() > pos {
            if let Some((f, _, _)) = self.stack.pop() {
                self.by_family[slot(f)].pop();
                if f != Family::Single {
                    self.outer -= 1;
                }
            }
        }
    }
}

/// True for the mark of `the leaders' plan`: after an `s`, before a lowercase word.
fn plural_possessive(text: &str, i: usize, len: usize, before: Option<char>) -> bool {
    if before != Some('s') {
        return false;
    }
    let rest = text.get(i + len..).unwrap_or("");
    let trimmed = rest.trim_start_matches(' ');
    trimmed.len() < rest.len() && trimmed.chars().next().is_some_and(char::is_lowercase)
}

/// Finds the top-level quoted spans inside `para` (a paragraph's byte span).
///
/// A quote is top-level unless it sits inside an open double or guillemet quote; a stray
/// single mark left open (`the '90s`) never hides the quotes after it.
pub fn find_in(text: &str, para: ByteSpan) -> Vec<Quoted> {
    let mut out: Vec<Quoted> = Vec::new();
    let mut open = Open::default();
    let mut in_attribute = false;
    let mut i = para.start;
    while i < para.end {
        let Some((family, role, len)) = mark_at(text, i) else {
            // No mark starts inside a character or at any byte but those of `may_start_mark`.
            i += 1;
            i += next_candidate(text.as_bytes().get(i..para.end).unwrap_or(&[]));
            continue;
        };
        let before = char_before(text, i);
        let after = char_at(text, i + len);
        if before == Some('=') || (in_attribute && text.get(i..i + 1) == Some("\"")) {
            // `tweet-date="March 4"`: markup left in the text, not a quotation.
            in_attribute = before == Some('=');
            i += len;
            continue;
        }
        let open_here = open.innermost(family);
        let role = match role {
            Role::Either if family == Family::Single => {
                let letter_before = before.is_some_and(char::is_alphanumeric);
                let letter_after = after.is_some_and(char::is_alphanumeric);
                if letter_before && letter_after {
                    None // don't, Obama's
                } else if is_open_context(before) && after.is_some_and(|c| !c.is_whitespace()) {
                    Some(Role::Open)
                } else if open_here.is_some()
                    && !after.is_some_and(char::is_alphanumeric)
                    && !plural_possessive(text, i, len, before)
                {
                    Some(Role::Close)
                } else {
                    None // leaders' (plural possessive) or a stray mark
                }
            }
            Role::Either => {
                let closing_context = before.is_some_and(|c| !c.is_whitespace())
                    || after.is_none_or(char::is_whitespace);
                if open_here.is_some() && closing_context {
                    Some(Role::Close)
                } else if open_here.is_none()
                    && before.is_some_and(|c| matches!(c, ',' | '.' | '?' | '!'))
                    && after.is_none_or(char::is_whitespace)
                {
                    None // the closing mark of a quote opened in an earlier paragraph
                } else {
                    Some(Role::Open)
                }
            }
            r => Some(r),
        };
        match role {
            Some(Role::Open) => open.push(family, i, i + len),
            Some(Role::Close) => {
                if let Some(pos) = open_here {
                    let (_, start, inner_start) = open.stack[pos];
                    open.truncate(pos);
                    if open.outer == 0 {
                        // An outer quote replaces the quotes it contains.
                        while out.last().is_some_and(|q| q.span.start >= start) {
                            out.pop();
                        }
                        out.push(Quoted {
                            span: ByteSpan::new(start, i + len),
                            inner: ByteSpan::new(inner_start, i),
                            unclosed: false,
                        });
                    }
                }
            }
            _ => {}
        }
        i += len;
    }
    // An open double or guillemet quote left at the paragraph's end runs to the end.
    if let Some(&(_, start, inner_start)) = open
        .stack
        .iter()
        .find(|(f, _, _)| matches!(f, Family::Double | Family::Guillemet))
    {
        if inner_start < para.end {
            while out.last().is_some_and(|q| q.span.start >= start) {
                out.pop();
            }
            out.push(Quoted {
                span: ByteSpan::new(start, para.end),
                inner: ByteSpan::new(inner_start, para.end),
                unclosed: true,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<&str> {
        find_in(text, ByteSpan::new(0, text.len()))
            .iter()
            .map(|q| q.inner.slice(text))
            .collect()
    }

    #[test]
    fn every_mark_style() {
        assert_eq!(quotes("He said \"yes, sir,\" and left."), ["yes, sir,"]);
        assert_eq!(quotes("\u{201C}We agree,\u{201D} she said."), ["We agree,"]);
        assert_eq!(quotes("\u{AB}Non,\u{BB} dit-il."), ["Non,"]);
        assert_eq!(quotes("``We will win,'' he said."), ["We will win,"]);
        assert_eq!(quotes("''We will win,'' he said."), ["We will win,"]);
        assert_eq!(quotes("'It's over,' said Obama's aide."), ["It's over,"]);
        assert_eq!(quotes("\u{2018}No,\u{2019} he said."), ["No,"]);
    }

    #[test]
    fn nesting_and_apostrophes() {
        assert_eq!(
            quotes("\"He called it 'a disaster' and the leaders' plan failed,\" she said."),
            ["He called it 'a disaster' and the leaders' plan failed,"]
        );
    }

    #[test]
    fn stray_single_mark_does_not_hide_later_quotes() {
        assert_eq!(
            quotes("Back in the '90s, \"we won,\" he said."),
            ["we won,"]
        );
    }

    #[test]
    fn many_marks_stay_linear() {
        let text = "\u{201C}a ".repeat(100_000);
        let start = std::time::Instant::now();
        let q = find_in(&text, ByteSpan::new(0, text.len()));
        assert_eq!(q.len(), 1);
        let text = "'x \u{2018}y ".repeat(50_000);
        assert!(find_in(&text, ByteSpan::new(0, text.len())).len() <= 1);
        assert!(start.elapsed().as_secs() < 5);
    }

    #[test]
    fn candidates_are_found_in_every_position() {
        for len in 0..20 {
            for at in 0..=len {
                for mark in [b'"', b'\'', b'`', 0xC2, 0xE2] {
                    let mut bytes = vec![b'a'; len];
                    if at < len {
                        bytes[at] = mark;
                    }
                    assert_eq!(next_candidate(&bytes), at, "{len} {at} {mark}");
                }
            }
        }
        assert_eq!(next_candidate("abcdefgh\u{e9}".as_bytes()), 10);
        assert_eq!(next_candidate("abcdefgh\u{e9}\u{ab}".as_bytes()), 10);
    }

    #[test]
    fn markup_attributes_are_not_quotes() {
        assert_eq!(
            quotes("<tweet date=\"March 4\">\"We won,\" he said."),
            ["We won,"]
        );
    }

    #[test]
    fn unclosed_quote_runs_to_paragraph_end_and_strays_are_ignored() {
        let q = find_in("\"First part of a long quote.", ByteSpan::new(0, 28));
        assert_eq!(q.len(), 1);
        assert!(q[0].unclosed);
        assert_eq!(quotes("5' 11\u{201D} tall"), Vec::<&str>::new());
    }
}
