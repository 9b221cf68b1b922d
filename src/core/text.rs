//! Paragraphs, sentences and tokens: the segmentation every recognizer builds on.
//!
//! One linear pass over the text. Tokens never overlap, are sorted, and never contain
//! whitespace; every token, sentence and paragraph span starts and ends on a `char`
//! boundary.

use super::span::ByteSpan;
use super::words::Words;

/// What kind of token a [`Token`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (and digits, marks, inner apostrophes, hyphens or abbreviation dots).
    Word,
    /// Starts with a digit: `2011`, `1,000.5`, `10:30`, `3rd`.
    Number,
    /// Any other single character, or a run of one repeated mark (`''`, `--`, `...`).
    Punct,
}

/// One token of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Where the token is, in bytes.
    pub span: ByteSpan,
    /// Word, number or punctuation.
    pub kind: TokenKind,
}

/// A run of tokens: a sentence or a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// Byte span from the first token's start to the last token's end.
    pub span: ByteSpan,
    /// Index of the first token.
    pub first: usize,
    /// Index one past the last token.
    pub last: usize,
}

/// A segmented text.
#[derive(Debug, Clone)]
pub struct Document<'t> {
    /// The text itself.
    pub text: &'t str,
    /// All tokens, in order.
    pub tokens: Vec<Token>,
    /// Sentences, in order; every token is in exactly one sentence.
    pub sentences: Vec<Segment>,
    /// Paragraphs (lines holding at least one token), in order.
    pub paragraphs: Vec<Segment>,
    /// The tokens' texts, numbered: equal texts share a number.
    pub words: Words<'t>,
}

/// Abbreviations that keep their final dot and never end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Col", "Lt", "Capt", "Sgt",
    "Cmdr", "Adm", "Maj", "Rev", "Hon", "Pres", "St", "Jr", "Sr", "Inc", "Corp", "Co", "Ltd",
    "Bros", "vs", "etc", "Jan", "Feb", "Mar", "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "No", "Mt", "Ft", "Ave", "Blvd", "Dept", "Univ", "approx", "e.g", "i.e",
];

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    !is_general_punctuation(c) && (c.is_alphanumeric() || is_mark(c))
}

/// Dashes, quotation marks, bullets and the ellipsis (U+2010–U+2027): punctuation that is
/// neither space nor control, digit, letter or mark, and frequent in news text, so the
/// tokenizer knows them without looking up Unicode tables.
#[inline]
fn is_general_punctuation(c: char) -> bool {
    ('\u{2010}'..='\u{2027}').contains(&c)
}

/// Combining marks (general category M*), approximated by the common blocks.
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F
        | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x064B..=0x065F | 0x0900..=0x0903 | 0x093A..=0x094F)
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// The character starting at byte `i`; `None` at the end or inside a character.
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => text.get(i..).and_then(|s| s.chars().next()),
    }
}

/// Splits `text` into tokens, sentences and paragraphs, and numbers the tokens' texts.
pub fn segment(text: &str) -> Document<'_> {
    let tokens = tokenize(text);
    let paragraphs = paragraphs(text, &tokens);
    let sentences = sentences(text, &tokens, &paragraphs);
    let words = Words::number(text, &tokens);
    Document {
        text,
        tokens,
        sentences,
        paragraphs,
        words,
    }
}

/// Tokenizes `text` in one pass.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let bytes_len = text.len();
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes_len {
        if matches!(bytes.get(i), Some(b' ' | b'\n')) {
            i += 1;
            continue;
        }
        let Some(c) = char_at(text, i) else { break };
        if is_general_punctuation(c) {
            let start = i;
            i += c.len_utf8();
            let kind = if is_apostrophe(c) && possessive_s_at(text, i) {
                i += 1;
                TokenKind::Word
            } else {
                TokenKind::Punct
            };
            tokens.push(Token {
                span: ByteSpan::new(start, i),
                kind,
            });
            continue;
        }
        if c.is_whitespace() || c.is_control() || c == '\u{FEFF}' || c == '\u{200B}' {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        if c.is_ascii_digit() || (c.is_numeric() && c.is_alphanumeric()) {
            i = scan_number(text, i);
            tokens.push(Token {
                span: ByteSpan::new(start, i),
                kind: TokenKind::Number,
            });
        } else if is_word_char(c) {
            i = scan_word(text, i);
            tokens.push(Token {
                span: ByteSpan::new(start, i),
                kind: TokenKind::Word,
            });
        } else if is_apostrophe(c) && possessive_s_at(text, i + c.len_utf8()) {
            i += c.len_utf8() + 1;
            tokens.push(Token {
                span: ByteSpan::new(start, i),
                kind: TokenKind::Word,
            });
        } else {
            i += c.len_utf8();
            // A run of one repeated mark is one token: '' `` -- ...
            if matches!(c, '\'' | '`' | '-' | '.') {
                while char_at(text, i) == Some(c) {
                    i += c.len_utf8();
                }
            }
            tokens.push(Token {
                span: ByteSpan::new(start, i),
                kind: TokenKind::Punct,
            });
        }
    }
    tokens
}

/// The end of the run of word characters at byte `i` of `text` (ASCII letters and digits
/// are tested as bytes: most text is ASCII).
fn skip_word_chars(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_alphanumeric() {
            i += 1;
        } else if b.is_ascii() {
            break;
        } else {
            match char_at(text, i) {
                Some(c) if is_word_char(c) => i += c.len_utf8(),
                _ => break,
            }
        }
    }
    i
}

/// True when `s` at `i` is an `s` that ends a word (the `s` of a possessive `'s`).
fn possessive_s_at(text: &str, i: usize) -> bool {
    matches!(char_at(text, i), Some('s') | Some('S'))
        && !char_at(text, i + 1).is_some_and(is_word_char)
}

fn scan_number(text: &str, mut i: usize) -> usize {
    while let Some(c) = char_at(text, i) {
        if is_word_char(c) {
            i += c.len_utf8();
        } else if matches!(c, ',' | '.' | ':' | '/')
            && char_at(text, i + 1).is_some_and(|d| d.is_ascii_digit())
        {
            i += 1;
        } else {
            break;
        }
    }
    i
}

#[allow(clippy::if_same_then_else)] // one branch per joining rule
fn scan_word(text: &str, start: usize) -> usize {
    let mut i = start;
    loop {
        i = skip_word_chars(text, i);
        let Some(c) = char_at(text, i) else { break };
        // Most words end at a space or at a mark that never joins (`,`): no more to ask.
        if c.is_ascii() && !matches!(c, '-' | '&' | '\'' | '.') {
            break;
        }
        let next = i + c.len_utf8();
        let next_is_word = char_at(text, next).is_some_and(is_word_char);
        let joins = c == '-' || c == '&' || (is_apostrophe(c) && !possessive_s_at(text, next));
        if joins && next_is_word {
            i = next;
        } else if c == '.' && next_is_word && is_single_letter_chunk(text, start, i) {
            // U.S. / e.g. : dotted initials stay one token
            i = next;
        } else {
            break;
        }
    }
    // A final dot belongs to dotted initials (U.S.) and to known abbreviations (Mr.).
    if char_at(text, i) == Some('.') {
        let word = &text[start..i];
        let dotted = word.contains('.') && word.split('.').all(|p| p.chars().count() == 1);
        // A single capital letter before a dot is an initial: `P. Simmons`, `John F. Kennedy`.
        let mut chars = word.chars();
        let initial = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
        if dotted || initial || ABBREVIATIONS.contains(&word) {
            i += 1;
        }
    }
    i
}

/// True when the chunk since the last dot (or the word start) is one letter.
fn is_single_letter_chunk(text: &str, start: usize, end: usize) -> bool {
    let word = &text[start..end];
    let chunk = word.rsplit('.').next().unwrap_or(word);
    chunk.chars().count() == 1
}

fn paragraphs(text: &str, tokens: &[Token]) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut first = 0;
    for i in 0..tokens.len() {
        let ends_here = match tokens.get(i + 1) {
            None => true,
            Some(next) => text
                .get(tokens[i].span.end..next.span.start)
                .is_some_and(|gap| gap.contains('\n') || gap.contains('\u{2029}')),
        };
        if ends_here {
            out.push(Segment {
                span: ByteSpan::new(tokens[first].span.start, tokens[i].span.end),
                first,
                last: i + 1,
            });
            first = i + 1;
        }
    }
    out
}

fn is_closing_punct(s: &str) -> bool {
    matches!(
        s,
        "\"" | "\u{201D}" | "\u{2019}" | "'" | "''" | ")" | "]" | "\u{BB}"
    )
}

fn sentences(text: &str, tokens: &[Token], paragraphs: &[Segment]) -> Vec<Segment> {
    let mut out = Vec::new();
    for p in paragraphs {
        let mut first = p.first;
        let mut i = p.first;
        while i < p.last {
            let t = tokens[i].span.slice(text);
            let is_end = matches!(t, "." | "!" | "?" | "..." | "\u{2026}");
            if is_end && i + 1 < p.last {
                // Keep closing quotes and brackets with the sentence they close.
                let mut j = i + 1;
                while j < p.last && is_closing_punct(tokens[j].span.slice(text)) {
                    j += 1;
                }
                if j < p.last && starts_sentence(tokens[j].span.slice(text)) {
                    out.push(Segment {
                        span: ByteSpan::new(tokens[first].span.start, tokens[j - 1].span.end),
                        first,
                        last: j,
                    });
                    first = j;
                    i = j;
                    continue;
                }
            }
            i += 1;
        }
        if first < p.last {
            out.push(Segment {
                span: ByteSpan::new(tokens[first].span.start, tokens[p.last - 1].span.end),
                first,
                last: p.last,
            });
        }
    }
    out
}

fn starts_sentence(token: &str) -> bool {
    token.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(
                c,
                '"' | '\u{201C}' | '\u{2018}' | '\'' | '`' | '(' | '\u{AB}'
            )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.span.slice(text)).collect()
    }

    #[test]
    fn tokens_keep_names_abbreviations_and_possessives() {
        assert_eq!(
            words("Mr. Bashar al-Assad's U.S. trip cost $1,000.50, he said."),
            [
                "Mr.", "Bashar", "al-Assad", "'s", "U.S.", "trip", "cost", "$", "1,000.50", ",",
                "he", "said", "."
            ]
        );
        assert_eq!(
            words("''Don't,'' she said"),
            ["''", "Don't", ",", "''", "she", "said"]
        );
    }

    #[test]
    fn initials_keep_their_dot_and_do_not_end_sentences() {
        assert_eq!(words("P. Simmons took 4"), ["P.", "Simmons", "took", "4"]);
        let doc = segment("John F. Kennedy spoke. He left.");
        assert_eq!(doc.sentences.len(), 2);
    }

    #[test]
    fn tokens_join_back_to_the_text_without_whitespace() {
        let text = "Ângela  Merkel 👋 said: «Wir schaffen das» — e\u{301}t\u{e9}.\r\nOK";
        let joined: String = tokenize(text).iter().map(|t| t.span.slice(text)).collect();
        let expected: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(joined, expected);
    }

    #[test]
    fn general_punctuation_is_known_without_the_unicode_tables() {
        // The apostrophe U+2019 joins the letters on both sides (`O’Neill`): below.
        for c in ('\u{2010}'..='\u{2027}').filter(|&c| c != '\u{2019}') {
            // What the general path would have asked.
            assert!(
                !c.is_whitespace() && !c.is_control() && !c.is_numeric(),
                "{c:?}"
            );
            assert!(!c.is_alphanumeric() && !is_mark(c), "{c:?}");
            let text = format!("a{c}b {c}");
            let kinds: Vec<(&str, TokenKind)> = tokenize(&text)
                .iter()
                .map(|t| (t.span.slice(&text), t.kind))
                .collect();
            let mark = c.to_string();
            let want = [
                ("a", TokenKind::Word),
                (mark.as_str(), TokenKind::Punct),
                ("b", TokenKind::Word),
                (mark.as_str(), TokenKind::Punct),
            ];
            assert_eq!(kinds, want, "{c:?}");
        }
        let c = '\u{2019}';
        assert!(!c.is_whitespace() && !c.is_numeric() && !c.is_alphanumeric() && !is_mark(c));
        assert_eq!(
            words("O\u{2019}Neill\u{2019}s \u{2019}plan\u{2019} \u{2019}s"),
            [
                "O\u{2019}Neill",
                "\u{2019}s",
                "\u{2019}",
                "plan",
                "\u{2019}",
                "\u{2019}s"
            ]
        );
    }

    #[test]
    fn sentences_and_paragraphs() {
        let text =
            "Mr. Smith went to Washington. He said \"no.\" Then he left.\n\nNew paragraph here";
        let doc = segment(text);
        let sents: Vec<&str> = doc.sentences.iter().map(|s| s.span.slice(text)).collect();
        assert_eq!(
            sents,
            [
                "Mr. Smith went to Washington.",
                "He said \"no.\"",
                "Then he left.",
                "New paragraph here"
            ]
        );
        assert_eq!(doc.paragraphs.len(), 2);
    }
}
