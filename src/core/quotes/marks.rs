//! Pairing quotation marks into quoted spans, paragraph by paragraph.
//!
//! Handles `"…"`, `“…”`, `‘…’`, `'…'` (apostrophes are not quote marks), `''…''`,
//! ``` ``…'' ```, `«…»`, `„…“`, nesting of another mark type, and paragraphs that leave a
//! quote open (the quote then runs to the paragraph's end). Unbalanced marks are skipped;
//! nothing here fails. One pass over each paragraph: linear in the text.

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
    Double = 0,
    Single = 1,
    Guillemet = 2,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// A straight mark: opens or closes depending on context.
    Either,
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
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

/// Finds the top-level quoted spans inside `para` (a paragraph's byte span).
pub fn find_in(text: &str, para: ByteSpan) -> Vec<Quoted> {
    let mut out = Vec::new();
    // Open marks: (family, byte of the mark, byte after the mark).
    let mut stack: Vec<(Family, usize, usize)> = Vec::new();
    // Stack positions of the open marks of each family, so finding the innermost open mark
    // of a family is O(1) (a scan of the stack per mark is quadratic on unbalanced marks).
    let mut by_family: [Vec<usize>; 3] = Default::default();
    let mut i = para.start;
    while i < para.end {
        let Some((family, role, len)) = mark_at(text, i) else {
            i += char_at(text, i).map_or(1, char::len_utf8);
            continue;
        };
        let before = char_before(text, i);
        let after = char_at(text, i + len);
        let open_here = by_family[family as usize].last().copied();
        let role = match role {
            Role::Either if family == Family::Single => {
                let letter_before = before.is_some_and(char::is_alphanumeric);
                let letter_after = after.is_some_and(char::is_alphanumeric);
                if letter_before && letter_after {
                    None // don't, Obama's
                } else if is_open_context(before) && after.is_some_and(|c| !c.is_whitespace()) {
                    Some(Role::Open)
                } else if open_here.is_some() && !after.is_some_and(char::is_alphanumeric) {
                    Some(Role::Close)
                } else {
                    None // leaders' (plural possessive) or a stray mark
                }
            }
            Role::Either => {
                let closes = open_here.is_some()
                    && (before.is_some_and(|c| !c.is_whitespace())
                        || after.is_none_or(char::is_whitespace));
                Some(if closes { Role::Close } else { Role::Open })
            }
            r => Some(r),
        };
        match role {
            Some(Role::Open) => {
                by_family[family as usize].push(stack.len());
                stack.push((family, i, i + len));
            }
            Some(Role::Close) => {
                if let Some(pos) = open_here {
                    let (_, start, inner_start) = stack[pos];
                    stack.truncate(pos);
                    for positions in &mut by_family {
                        while positions.last().is_some_and(|&p| p >= pos) {
                            positions.pop();
                        }
                    }
                    if stack.is_empty() {
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
    if let Some(&(_, start, inner_start)) = stack
        .iter()
        .find(|(f, _, _)| matches!(f, Family::Double | Family::Guillemet))
    {
        if inner_start < para.end {
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
    fn unclosed_quote_runs_to_paragraph_end_and_strays_are_ignored() {
        let q = find_in("\"First part of a long quote.", ByteSpan::new(0, 28));
        assert_eq!(q.len(), 1);
        assert!(q[0].unclosed);
        assert_eq!(quotes("5' 11\u{201D} tall"), Vec::<&str>::new());
    }
}
