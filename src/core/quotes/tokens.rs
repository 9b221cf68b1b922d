//! Token-level view of a document for the quote rules: words, sentence bounds, quote
//! marks, and the speaker noun phrases before and after a cue.

use super::cues;
use crate::core::entities::{Entity, Label};
use crate::core::span::ByteSpan;
use crate::core::text::{Document, TokenKind};

/// A document seen as tokens, with the sentence of every token precomputed.
pub struct View<'d, 't> {
    /// The document.
    pub doc: &'d Document<'t>,
    /// `sentence_of[i]`: index into `doc.sentences` of token `i`.
    sentence_of: Vec<usize>,
    /// `person_to[i]`: one past the last token of the person mention starting at token
    /// `i`, or 0.
    person_to: Vec<usize>,
    /// `cue[i]`: the [`cues::cue_flags`] of token `i`.
    cue: Vec<u8>,
}

/// Longest speaker noun phrase, in tokens.
const MAX_NP: usize = 8;

impl<'d, 't> View<'d, 't> {
    /// Builds the view in one pass over the sentences and the person mentions.
    pub fn new(doc: &'d Document<'t>, entities: &[Entity]) -> Self {
        let mut sentence_of = vec![0; doc.tokens.len()];
        for (s, seg) in doc.sentences.iter().enumerate() {
            for slot in sentence_of.iter_mut().take(seg.last).skip(seg.first) {
                *slot = s;
            }
        }
        // Looked up once per distinct text (most words repeat).
        let flags: Vec<u8> = doc
            .words
            .distinct
            .iter()
            .map(|w| cues::cue_flags(w))
            .collect();
        let cue = doc
            .tokens
            .iter()
            .enumerate()
            .map(|(i, t)| match t.kind {
                TokenKind::Word => flags.get(doc.words.id(i)).copied().unwrap_or(0),
                _ => 0,
            })
            .collect();
        let mut view = View {
            doc,
            sentence_of,
            person_to: vec![0; doc.tokens.len()],
            cue,
        };
        for e in entities.iter().filter(|e| e.label == Label::Person) {
            let (a, b) = (view.token_at(e.span.start), view.token_at(e.span.end));
            if b > a && view.span(a).start == e.span.start {
                if let Some(slot) = view.person_to.get_mut(a) {
                    *slot = b;
                }
            }
        }
        view
    }

    /// One past the last token of the person mention starting at token `i`, if any.
    pub fn person_end(&self, i: usize) -> Option<usize> {
        self.person_to.get(i).copied().filter(|&e| e > 0)
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.doc.tokens.len()
    }

    /// The text of token `i` (`""` out of range).
    pub fn word(&self, i: usize) -> &'t str {
        self.doc
            .tokens
            .get(i)
            .map_or("", |t| t.span.slice(self.doc.text))
    }

    /// The byte span of token `i`.
    pub fn span(&self, i: usize) -> ByteSpan {
        self.doc
            .tokens
            .get(i)
            .map_or_else(ByteSpan::default, |t| t.span)
    }

    /// The byte span from token `first` to token `last - 1`.
    pub fn span_of(&self, first: usize, last: usize) -> ByteSpan {
        ByteSpan::new(
            self.span(first).start,
            self.span(last.max(first + 1) - 1).end,
        )
    }

    /// True when token `i` is punctuation.
    pub fn is_punct(&self, i: usize) -> bool {
        self.doc
            .tokens
            .get(i)
            .is_none_or(|t| t.kind == TokenKind::Punct)
    }

    /// True when token `i` starts with an uppercase letter.
    pub fn is_cap(&self, i: usize) -> bool {
        self.word(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// True when token `i` is a word in `list` (case-insensitive).
    pub fn is_in(&self, i: usize, list: &[&str]) -> bool {
        let w = self.word(i);
        list.iter().any(|x| x.eq_ignore_ascii_case(w))
    }

    /// First token index at or after byte `offset`.
    pub fn token_at(&self, offset: usize) -> usize {
        self.doc.tokens.partition_point(|t| t.span.start < offset)
    }

    /// The sentence (first, last) token bounds of token `i`.
    pub fn sentence(&self, i: usize) -> (usize, usize) {
        self.sentence_of
            .get(i)
            .and_then(|&s| self.doc.sentences.get(s))
            .map_or((i, i), |s| (s.first, s.last))
    }

    /// The end of the sentence running from token `k`, at most `reach` tokens on; a
    /// middle initial (`Harry J. Kazianis`) does not end it.
    pub fn clause_end(&self, k: usize, reach: usize) -> usize {
        let end = (k + reach).min(self.len());
        let (_, para_end) = self
            .doc
            .paragraphs
            .get(self.doc.paragraphs.partition_point(|p| p.last <= k))
            .map_or((k, end), |p| (p.first, p.last));
        let end = end.min(para_end);
        (k..end)
            .find(|&i| {
                matches!(self.word(i), "." | "!" | "?")
                    && !(i > k && self.word(i - 1).len() == 1 && self.is_cap(i - 1))
                    && self.word(i + 1) != ")"
            })
            .map_or(end, |i| i + 1)
    }

    /// True when token `i` looks like a manner adverb (`pointedly`, `angrily`).
    pub fn is_adverb(&self, i: usize) -> bool {
        let w = self.word(i);
        w.len() > 4 && w.ends_with("ly") && !self.is_cap(i) && !self.is_in(i, &["only", "early"])
    }

    /// True when token `i` is the apostrophe of a plural possessive (`Sanders’ campaign`).
    pub fn is_possessive_mark(&self, i: usize) -> bool {
        matches!(self.word(i), "'" | "\u{2019}")
            && i > 0
            && self.span(i - 1).end == self.span(i).start
            && self.word(i - 1).ends_with('s')
    }

    /// True when token `i` is a quotation mark (any style).
    pub fn is_quote_mark(&self, i: usize) -> bool {
        matches!(
            self.word(i),
            "\"" | "\u{201C}"
                | "\u{201D}"
                | "\u{2018}"
                | "\u{2019}"
                | "'"
                | "''"
                | "``"
                | "\u{AB}"
                | "\u{BB}"
                | "\u{201E}"
        )
    }

    /// True when token `i` is a cue verb (lowercase, or capitalised at a sentence start).
    pub fn is_cue(&self, i: usize) -> bool {
        self.cue_flag(i, cues::CUE) && (!self.is_cap(i) || self.sentence(i).0 == i)
    }

    /// True when token `i` is a cue verb that may report a clause.
    pub fn is_indirect_cue(&self, i: usize) -> bool {
        self.cue_flag(i, cues::INDIRECT_CUE) && self.is_cue(i)
    }

    /// True when token `i` has the [`cues::cue_flags`] bit `flag`.
    pub fn cue_flag(&self, i: usize, flag: u8) -> bool {
        self.cue.get(i).is_some_and(|&f| f & flag != 0)
    }

    /// True when the cue at `i` stands where a finite verb can: not after a determiner or
    /// possessive (`his claims`, `the proposed budget`), not negated (`won't say`), not an
    /// infinitive (`to answer`), and an `-ing` form only after a comma, an auxiliary or
    /// `by` (`, saying`, `was saying`, `by saying`). `a` is the first token to look at.
    pub fn is_verb_cue(&self, a: usize, i: usize) -> bool {
        if !self.is_cue(i) {
            return false;
        }
        let mut b = i;
        while b > a && self.is_in(b - 1, cues::BETWEEN_SPEAKER_AND_CUE) {
            b -= 1;
        }
        if b > a {
            let w = self.word(b - 1).to_lowercase();
            if self.is_in(b - 1, cues::DETERMINERS)
                || w == "'s"
                || w == "\u{2019}s"
                || w.ends_with("n't")
                || w.ends_with("n\u{2019}t")
                || matches!(w.as_str(), "not" | "never" | "cannot" | "to")
            {
                return false;
            }
        }
        let prev = if i > a { self.word(i - 1) } else { "," };
        // Passive `the tax was announced`.
        if self.word(i).ends_with("ed") && matches!(prev, "was" | "were" | "been" | "be" | "is") {
            return false;
        }
        // A bare base form is a noun after anything but a plural subject: `a new report`,
        // `the Treasury note`, `civil claim`.
        let base = self.cue_flag(i, cues::BASE_FORM);
        if base
            && !cues::FREE_BASE_FORMS.contains(&self.word(i))
            && !self.is_in(i.saturating_sub(1), &["they", "we", "i", "you", "to"])
        {
            return false;
        }
        if self.word(i).ends_with("ing") {
            return matches!(
                prev,
                "," | ":" | "was" | "were" | "is" | "are" | "been" | "be" | "by" | "and" | "as"
            );
        }
        true
    }

    /// True when token `i` ends a noun phrase: punctuation (other than `-`, `&`, `'s`) or
    /// a stop word.
    fn breaks_np(&self, i: usize) -> bool {
        (self.is_punct(i) && !matches!(self.word(i), "-" | "&"))
            || self.is_in(i, cues::NP_STOPS)
            || self.is_cue(i)
    }

    /// True when token `i` can start a speaker noun phrase.
    pub fn can_start_np(&self, i: usize) -> bool {
        !self.is_punct(i)
            && (self.is_cap(i)
                || self.is_in(i, cues::PRONOUNS)
                || self.is_in(i, cues::DETERMINERS)
                || self.is_in(i, cues::PERSON_NOUNS)
                || self.word(i).ends_with('s'))
            && !self.is_in(i, cues::ADJUNCTS)
            && !self.is_in(i, cues::NP_STOPS)
    }

    /// The speaker noun phrase right after a cue at `i - 1` (`said Jay Carney, who …`),
    /// never reaching `end`. A person name `person_end` inside the window ends the phrase
    /// (`said oil and gas worker Mike Wipf`).
    pub fn np_after(
        &self,
        i: usize,
        end: usize,
        person_end: &dyn Fn(usize) -> Option<usize>,
    ) -> Option<ByteSpan> {
        if i >= end {
            return None;
        }
        // A name within reach (before any punctuation) ends the phrase.
        let mut j = i;
        while j < end
            && j - i < MAX_NP
            && !self.is_punct(j)
            && !self.is_in(j, &["who", "in", "on", "at"])
        {
            if let Some(e) = person_end(j) {
                if e >= end || self.breaks_np(e) {
                    return Some(self.span_of(i, e.min(end)));
                }
            }
            j += 1;
        }
        if !self.can_start_np(i) {
            return None;
        }
        let mut j = i + 1;
        while j < end && j - i < MAX_NP && !self.breaks_np(j) {
            j += 1;
        }
        Some(self.span_of(i, j))
    }

    /// The subject noun phrase before the cue at `cue`, not before token `start`
    /// (`White House spokesman Jay Carney said`). Appositions between commas are skipped
    /// (`Jane Doe, a spokeswoman for X, which …, said` → `Jane Doe`), and a name keeps its
    /// affiliation (`Tim Guest with the health authority says`).
    pub fn np_before(&self, start: usize, cue: usize) -> Option<ByteSpan> {
        let mut last = cue;
        while last > start
            && (self.is_in(last - 1, cues::BETWEEN_SPEAKER_AND_CUE) || self.is_adverb(last - 1))
            && !self.is_cap(last - 1)
        {
            last -= 1;
        }
        // `Rep. Jim McDermott (D-Wash.) said`: skip the parenthesis.
        if last > start + 1 && self.word(last - 1) == ")" {
            if let Some(open) = (last.saturating_sub(8).max(start)..last - 1)
                .rev()
                .find(|&t| self.word(t) == "(")
            {
                last = open;
            }
        }
        if last > start && self.word(last - 1) == "," {
            return self.apposed(start, last - 1);
        }
        let mut first = last;
        while first > start && last - first < MAX_NP && !self.breaks_np(first - 1) {
            first -= 1;
        }
        // `Name with/of/at the Organization`
        if first >= start + 2
            && self.is_in(first - 1, &["with", "of", "at", "from", "for"])
            && self.is_cap(first - 2)
        {
            let mut f = first - 2;
            while f > start && self.is_cap(f - 1) && first - f < MAX_NP {
                f -= 1;
            }
            if self.person_end(f).is_some() {
                first = f;
            }
        }
        // Lowercase words before a capitalised name are kept only as part of a title phrase.
        while first < last && !self.can_start_np(first) {
            first += 1;
        }
        (first < last).then(|| self.span_of(first, last))
    }

    /// The subject of `X, apposition, (which …,) cue` where `comma` is the comma before
    /// the cue: the leftmost comma-separated chunk that starts with a person, else the
    /// leftmost one that can start a noun phrase.
    fn apposed(&self, start: usize, comma: usize) -> Option<ByteSpan> {
        let lowest = comma.saturating_sub(30).max(start);
        let mut chunks: Vec<usize> = Vec::new(); // chunk starts, right to left
        let mut i = comma;
        while i > lowest {
            if self.word(i - 1) == "," {
                chunks.push(i);
            }
            i -= 1;
        }
        if lowest == start {
            chunks.push(start);
        }
        let pick = chunks
            .iter()
            .rev()
            .copied()
            .find(|&c| self.person_end(c).is_some())
            .or_else(|| {
                chunks.iter().rev().copied().find(|&c| {
                    self.can_start_np(c)
                        && !self.is_in(c, cues::NP_STOPS)
                        && !self.is_in(c, &["of", "for", "like", "unlike", "despite", "among"])
                })
            })?;
        if let Some(e) = self.person_end(pick).filter(|&e| e <= comma) {
            return Some(self.span_of(pick, e));
        }
        let mut j = pick + 1;
        while j < comma && j - pick < MAX_NP && !self.breaks_np(j) {
            j += 1;
        }
        Some(self.span_of(pick, j))
    }
}
