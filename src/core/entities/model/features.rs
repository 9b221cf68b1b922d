//! Feature extraction: every feature is a hashed `u32` key; the weights give each key one
//! score per tag.
//!
//! Pass-1 features look at the token, its neighbours (±2), its capitalisation in and out of
//! sentence-initial position, the gazetteers, and how the same word is written elsewhere in
//! the document. Pass-2 features add what pass 1 decided: the tags of the token and its
//! neighbours, and the types pass 1 gave to the other occurrences of the same word.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::gazetteer::Gazetteer;
use super::outside::{self, LowerClass};
use super::tags::{type_of, TYPES};
use crate::core::text::{Document, TokenKind};
use crate::core::words::KeyHasher;
use crate::core::words::Words;

/// Maps keyed by words of the document hash them with FNV, not SipHash (no untrusted
/// party picks the keys to attack the table: the worst case is slower, not wrong).
type WordMap<'a, V> = HashMap<&'a str, V, BuildHasherDefault<KeyHasher>>;

/// Changes whenever the features change; a weights blob with another value is refused.
pub const FEATURE_VERSION: u16 = 2;

/// FNV-1a over a template id and its parts.
#[derive(Clone, Copy)]
struct Key(u32);

impl Key {
    fn new(template: u8) -> Key {
        Key(0x811c_9dc5).b(template)
    }
    fn b(self, byte: u8) -> Key {
        Key((self.0 ^ u32::from(byte)).wrapping_mul(0x0100_0193))
    }
    fn s(self, s: &str) -> Key {
        s.bytes().fold(self, Key::b).b(0xff)
    }
}

/// Slots of [`Prefixes`]: keys, or hash states to continue, that depend on one word only.
const P7: usize = 0;
const P8: usize = 1; // 4 slots: the word as neighbour at -2, -1, +1, +2
const P9: usize = 5; // 2 slots: its shape as neighbour at -1, +1
const P12: usize = 7;
const P13: usize = 8;
const P14: usize = 9;
const P31: usize = 10;
const P32: usize = 11;

/// Per distinct word, the parts of its context-feature keys that depend on it alone
/// (FNV is sequential, so a key can continue from a stored state: the keys are the same).
type Prefixes = [u32; 12];

fn prefixes(lower: &str, shape: &str) -> Prefixes {
    // The same keys as `Key::new(t)(.b(k)).s(text)`, hashed side by side: one pass over
    // each text for all the keys that hash it.
    let start = |t: u8, k: Option<u8>| {
        let key = Key::new(t);
        k.map_or(key, |k| key.b(k)).0
    };
    fn side_by_side<const N: usize>(text: &str, mut h: [u32; N]) -> [u32; N] {
        for b in text.bytes().chain([0xff]) {
            for v in &mut h {
                *v = (*v ^ u32::from(b)).wrapping_mul(0x0100_0193);
            }
        }
        h
    }
    let l = side_by_side(
        lower,
        [
            start(7, None),
            start(8, Some(0)),
            start(8, Some(1)),
            start(8, Some(2)),
            start(8, Some(3)),
            start(12, None),
            start(13, None),
            start(31, None),
            start(32, None),
        ],
    );
    let sh = side_by_side(
        shape,
        [start(9, Some(0)), start(9, Some(1)), start(14, None)],
    );
    let mut p = [0u32; 12];
    p[P7] = l[0];
    p[P8..P8 + 4].copy_from_slice(&l[1..5]);
    p[P9] = sh[0];
    p[P9 + 1] = sh[1];
    p[P12] = l[5];
    p[P13] = l[6];
    p[P14] = sh[2];
    p[P31] = l[7];
    p[P32] = l[8];
    p
}

/// Offsets of the neighbour slots.
pub const NEIGHBOURS: [isize; 4] = [-2, -1, 1, 2];

/// The word that stands for "no token here" (before the start or past the end of the
/// sentence), as lowercase form and shape.
const EDGE: &str = "<b>";

/// Capitalisation classes.
const PUNCT: u8 = 0;
const NUMBER: u8 = 1;
const LOWER: u8 = 2;
const TITLE: u8 = 3;
const ALLCAPS: u8 = 4;
const LETTER: u8 = 5;

#[cfg(test)]
fn case_class(word: &str, kind: TokenKind) -> u8 {
    if kind == TokenKind::Number {
        return NUMBER;
    }
    word_case(word)
}

/// The capitalisation class of a word (tokens the tokenizer calls numbers are
/// [`NUMBER`] whatever their text).
fn word_case(word: &str) -> u8 {
    let mut letters = 0;
    let mut upper = 0;
    let mut first_upper = None;
    for c in word.chars() {
        if c.is_alphabetic() {
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
            }
            if first_upper.is_none() {
                first_upper = Some(c.is_uppercase());
            }
        }
    }
    match first_upper {
        None if word.chars().any(|c| c.is_numeric()) => NUMBER,
        None => PUNCT,
        Some(false) => LOWER,
        Some(true) if letters == 1 => LETTER,
        Some(true) if upper == letters => ALLCAPS,
        Some(true) => TITLE,
    }
}

fn is_capitalised(case: u8) -> bool {
    matches!(case, TITLE | ALLCAPS | LETTER)
}

/// `Xxxx` → `Xx`, `U.S.` → `X.X.`, `1996-08-22` → `d-d-d`.
#[cfg(test)]
fn shape(word: &str) -> String {
    let mut out = String::new();
    push_shape(word, &mut out);
    out
}

/// Appends the shape of `word` (see `shape`) to `buf`.
fn push_shape(word: &str, buf: &mut String) {
    let start = buf.len();
    let mut last = '\0';
    for c in word.chars() {
        let m = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_ascii() {
            c
        } else {
            'o'
        };
        if m != last {
            buf.push(m);
            last = m;
        }
        if buf.len() - start >= 8 {
            break;
        }
    }
}

/// Appends `word` lowercased, with ASCII digits mapped to `0`, to `buf`.
fn push_normalised(word: &str, buf: &mut String) {
    if word.bytes().all(|b| b.is_ascii_lowercase()) {
        buf.push_str(word);
        return;
    }
    if word.is_ascii() {
        // As below, without the Unicode case tables (they map ASCII to ASCII alike).
        buf.extend(word.bytes().map(|b| match b {
            b'0'..=b'9' => '0',
            _ => char::from(b.to_ascii_lowercase()),
        }));
        return;
    }
    buf.extend(word.chars().flat_map(char::to_lowercase).map(|c| {
        if c.is_ascii_digit() {
            '0'
        } else {
            c
        }
    }));
}

/// Appends `word`'s normalised form ([`push_normalised`]) to `lower` and its shape
/// ([`push_shape`]) to `shape`: for an ASCII word (most of them) in one pass over its
/// bytes, without the Unicode tables.
fn push_lower_and_shape(word: &str, lower: &mut String, shape: &mut String) {
    if !word.is_ascii() {
        push_normalised(word, lower);
        push_shape(word, shape);
        return;
    }
    let start = shape.len();
    let mut last = 0u8;
    for b in word.bytes() {
        let (low, m) = match b {
            b'A'..=b'Z' => (b.to_ascii_lowercase(), b'X'),
            b'a'..=b'z' => (b, b'x'),
            b'0'..=b'9' => (b'0', b'd'),
            _ => (b, b),
        };
        lower.push(char::from(low));
        if m != last && shape.len() - start < 8 {
            shape.push(char::from(m));
            last = m;
        }
    }
}

/// One string per token in a single buffer: no allocation per token (a 10 MB text has
/// millions of tokens, and a `String` each cost more memory than the text itself).
#[derive(Default)]
pub struct Strs {
    buf: String,
    ends: Vec<u32>,
}

impl Strs {
    /// The normalised form and the shape of each of `words`
    /// ([`push_lower_and_shape`]).
    #[inline(never)]
    fn lower_and_shape(words: &[&str]) -> (Strs, Strs) {
        let bytes = words.iter().map(|w| w.len()).sum::<usize>();
        let mut lower = Strs {
            buf: String::with_capacity(bytes),
            ends: Vec::with_capacity(words.len()),
        };
        let mut shape = Strs {
            buf: String::with_capacity(bytes),
            ends: Vec::with_capacity(words.len()),
        };
        for w in words {
            push_lower_and_shape(w, &mut lower.buf, &mut shape.buf);
            lower.ends.push(lower.buf.len() as u32);
            shape.ends.push(shape.buf.len() as u32);
        }
        (lower, shape)
    }
    /// The string of token `i` (empty past the end).
    pub fn get(&self, i: usize) -> &str {
        let start = i
            .checked_sub(1)
            .and_then(|j| self.ends.get(j))
            .map_or(0, |&e| e as usize);
        let end = self.ends.get(i).map_or(start, |&e| e as usize);
        self.buf.get(start..end).unwrap_or("")
    }
}

/// Everything the features need about one document, computed once.
pub struct Context<'a> {
    /// The document's numbered token texts (see [`Context::word_id`]).
    words: Words<'a>,
    /// Lowercased form of each distinct word (indexed by word id).
    lower: Strs,
    /// Shape of each distinct word.
    shape: Strs,
    /// Gazetteer mask of each distinct word.
    gaz: Vec<u8>,
    /// Key parts of each distinct word, and of the sentence edge.
    prefix: Vec<Prefixes>,
    edge: Prefixes,
    case: Vec<u8>,
    initial: Vec<bool>,
    caps_sentence: Vec<bool>,
    /// Sentence bounds `[first, last)` of each token.
    bounds: Vec<(u32, u32)>,
    /// Distinct-lowercase-form number of each distinct word.
    lower_ids: Vec<u32>,
    lower_count: usize,
    phrase: Vec<(u8, u8)>,
    /// Bit 0: the word is written lowercase elsewhere; bit 1: capitalised mid-sentence
    /// elsewhere.
    doc_case: Vec<u8>,
    /// For a token in a run of capitalised tokens (outside headlines): the index of the
    /// run's first and last token.
    run: Vec<Option<(u32, u32)>>,
    /// Per distinct word: what it can be in a name if lowercase ([`outside::lower_class`];
    /// [`LowerClass::Other`] for words not lowercase).
    lower_class: Vec<LowerClass>,
}

/// The gazetteer mask of each distinct word, and whether a multi-word entry starts with it.
#[inline(never)]
fn gazetteer_words(gazetteer: &Gazetteer, lower: &Strs, distinct: usize) -> (Vec<u8>, Vec<bool>) {
    (0..distinct).map(|w| gazetteer.word(lower.get(w))).unzip()
}

/// The key parts ([`Prefixes`]) of each distinct word.
#[inline(never)]
fn all_prefixes(lower: &Strs, shape: &Strs, distinct: usize) -> Vec<Prefixes> {
    (0..distinct)
        .map(|w| prefixes(lower.get(w), shape.get(w)))
        .collect()
}

/// The distinct-lowercase-form number of each distinct word, and the number of forms.
#[inline(never)]
fn number_lower(lower: &Strs, distinct: usize) -> (Vec<u32>, usize) {
    let mut lids: WordMap<'_, u32> =
        WordMap::with_capacity_and_hasher(distinct, Default::default());
    let lower_ids = (0..distinct)
        .map(|w| {
            let next = lids.len() as u32;
            *lids.entry(lower.get(w)).or_insert(next)
        })
        .collect();
    (lower_ids, lids.len())
}

/// The case class of each distinct word, and what it can be in a name if lowercase.
#[inline(never)]
fn word_cases(distinct_words: &[&str]) -> (Vec<u8>, Vec<LowerClass>) {
    let cases: Vec<u8> = distinct_words.iter().map(|w| word_case(w)).collect();
    let lower_class = distinct_words
        .iter()
        .zip(&cases)
        .map(|(w, &c)| match c {
            LOWER => outside::lower_class(w),
            _ => LowerClass::Other,
        })
        .collect();
    (cases, lower_class)
}

/// The case class of each token (numbers are [`NUMBER`] whatever their text).
#[inline(never)]
fn token_cases(doc: &Document<'_>, word_ids: &[u32], cases: &[u8]) -> Vec<u8> {
    doc.tokens
        .iter()
        .zip(word_ids)
        .map(|(t, &w)| {
            if t.kind == TokenKind::Number {
                NUMBER
            } else {
                cases.get(w as usize).copied().unwrap_or(PUNCT)
            }
        })
        .collect()
}

/// Per token: whether it is the first non-punctuation token of its sentence, whether its
/// sentence is a headline (mostly capitals), and its sentence's bounds `[first, last)`.
#[inline(never)]
fn sentence_facts(doc: &Document<'_>, case: &[u8]) -> (Vec<bool>, Vec<bool>, Vec<(u32, u32)>) {
    let n = case.len();
    let mut initial = vec![false; n];
    let mut caps_sentence = vec![false; n];
    let mut bounds = vec![(0u32, 0u32); n];
    for s in &doc.sentences {
        let (first, last) = (s.first.min(n), s.last.min(n));
        if let Some(i) = (first..last).find(|&i| doc.tokens[i].kind != TokenKind::Punct) {
            initial[i] = true;
        }
        let lettered = (first..last).filter(|&i| case[i] >= LOWER).count();
        let caps = (first..last)
            .filter(|&i| matches!(case[i], ALLCAPS | LETTER))
            .count();
        let headline = lettered >= 2 && caps * 10 >= lettered * 7;
        for i in first..last {
            caps_sentence[i] = headline;
            bounds[i] = (first as u32, last as u32);
        }
    }
    (initial, caps_sentence, bounds)
}

/// Per token: its multi-word gazetteer match (see [`Gazetteer::phrases`]), sentence by
/// sentence, given each token's lowercase form and whether an entry starts with it.
#[inline(never)]
fn sentence_phrases<'w>(
    doc: &Document<'_>,
    gazetteer: &Gazetteer,
    lower_of: impl Fn(usize) -> &'w str,
    starts_at: impl Fn(usize) -> bool,
) -> Vec<(u8, u8)> {
    let n = doc.tokens.len();
    let mut phrase = vec![(0u8, 0u8); n];
    let mut slice: Vec<&str> = Vec::new();
    let mut starts: Vec<bool> = Vec::new();
    for s in &doc.sentences {
        let (first, last) = (s.first.min(n), s.last.min(n));
        // Most sentences hold no word a multi-word entry starts with.
        if !(first..last).any(&starts_at) {
            continue;
        }
        slice.clear();
        slice.extend((first..last).map(&lower_of));
        starts.clear();
        starts.extend((first..last).map(&starts_at));
        for (k, p) in gazetteer.phrases(&slice, &starts).into_iter().enumerate() {
            if let Some(slot) = phrase.get_mut(first + k) {
                *slot = p;
            }
        }
    }
    phrase
}

/// For each token in a run of capitalised tokens (outside headlines): the index of the
/// run's first and last token.
#[inline(never)]
fn capitalised_runs(
    case: &[u8],
    caps_sentence: &[bool],
    bounds: &[(u32, u32)],
) -> Vec<Option<(u32, u32)>> {
    let n = case.len();
    let mut run = vec![None; n];
    let mut i = 0;
    while i < n {
        if !is_capitalised(case[i]) || caps_sentence[i] {
            i += 1;
            continue;
        }
        let last = (bounds[i].1 as usize).min(n);
        let mut j = i + 1;
        while j < last && is_capitalised(case[j]) {
            j += 1;
        }
        for slot in &mut run[i..j] {
            *slot = Some((i as u32, (j - 1) as u32));
        }
        i = j;
    }
    run
}

/// Per token with letters: bit 0 when its lowercase form is written lowercase elsewhere,
/// bit 1 when it is capitalised mid-sentence elsewhere (`lower_id` gives each token's
/// lowercase-form number, below `forms`).
#[inline(never)]
fn document_case(
    case: &[u8],
    initial: &[bool],
    caps_sentence: &[bool],
    lower_id: impl Fn(usize) -> usize,
    forms: usize,
) -> Vec<u8> {
    let n = case.len();
    // Per lowercase form: (times written lowercase, times capitalised mid-sentence), over
    // the tokens with letters; None when no such token has that form.
    let mut counts: Vec<Option<(u16, u16)>> = vec![None; forms];
    let mut own = vec![(0u16, 0u16); n];
    for i in 0..n {
        if case[i] < LOWER {
            continue;
        }
        let lower_start = u16::from(case[i] == LOWER);
        let cap_mid = u16::from(is_capitalised(case[i]) && !initial[i] && !caps_sentence[i]);
        own[i] = (lower_start, cap_mid);
        if let Some(slot) = counts.get_mut(lower_id(i)) {
            let c = slot.get_or_insert((0, 0));
            c.0 = c.0.saturating_add(lower_start);
            c.1 = c.1.saturating_add(cap_mid);
        }
    }
    (0..n)
        .map(|i| match counts.get(lower_id(i)).copied().flatten() {
            Some((l, c)) => u8::from(l > own[i].0) | (u8::from(c > own[i].1) << 1),
            None => 0,
        })
        .collect()
}

impl<'a> Context<'a> {
    /// Precomputes the per-token facts of `doc`.
    ///
    /// In steps that are functions of their own, each a loop over the tokens or the distinct
    /// words (profiles see each step, and V8 optimises each on its own).
    pub fn new(doc: &Document<'a>) -> Context<'a> {
        // Everything that depends on a word's text alone is computed once per distinct word.
        let (word_ids, distinct_words) = (&doc.words.ids, &doc.words.distinct);
        let distinct = distinct_words.len();
        let (lower, shape) = Strs::lower_and_shape(distinct_words);
        let gazetteer = Gazetteer::get();
        let (gaz, starts_phrase) = gazetteer_words(gazetteer, &lower, distinct);
        let prefix = all_prefixes(&lower, &shape, distinct);
        let (lower_ids, lower_count) = number_lower(&lower, distinct);
        let (cases, lower_class) = word_cases(distinct_words);
        let case = token_cases(doc, word_ids, &cases);
        let lower_of = |i: usize| lower.get(word_ids[i] as usize);
        let starts_at = |i: usize| starts_phrase[word_ids[i] as usize];
        let (initial, caps_sentence, bounds) = sentence_facts(doc, &case);
        let phrase = sentence_phrases(doc, gazetteer, lower_of, starts_at);
        let run = capitalised_runs(&case, &caps_sentence, &bounds);
        let lower_id = |i: usize| lower_ids[word_ids[i] as usize] as usize;
        let doc_case = document_case(&case, &initial, &caps_sentence, lower_id, lower_count);
        Context {
            lower_class,
            prefix,
            edge: prefixes(EDGE, EDGE),
            words: doc.words.clone(),
            lower,
            shape,
            gaz,
            case,
            initial,
            caps_sentence,
            bounds,
            lower_ids,
            lower_count,
            phrase,
            doc_case,
            run,
        }
    }

    /// Lowercased form of token `i`.
    fn lower(&self, i: usize) -> &str {
        self.lower.get(self.word_id(i))
    }

    /// Shape of token `i`.
    fn shape(&self, i: usize) -> &str {
        self.shape.get(self.word_id(i))
    }

    /// Gazetteer mask of token `i`.
    fn gaz(&self, i: usize) -> u8 {
        self.gaz.get(self.word_id(i)).copied().unwrap_or(0)
    }

    /// Distinct-lowercase-form number of token `i`.
    fn lower_id(&self, i: usize) -> usize {
        self.lower_ids
            .get(self.word_id(i))
            .map_or(0, |&l| l as usize)
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.words.ids.len()
    }

    /// True when the document has no token.
    pub fn is_empty(&self) -> bool {
        self.words.ids.is_empty()
    }

    fn at(&self, i: usize, off: isize) -> Option<usize> {
        let (first, last) = self.bounds[i];
        let j = i as isize + off;
        (j >= first as isize && j < last as isize).then_some(j as usize)
    }

    /// Appends the pass-1 features of token `i` to `out`: its word features
    /// ([`Context::word_features`]) then its context features
    /// ([`Context::context_features`]).
    pub fn pass1(&self, i: usize, out: &mut Vec<u32>) {
        self.word_features(i, out);
        self.context_features(i, out);
    }

    /// The distinct-word number of token `i`: tokens with the same text have the same
    /// number, and so the same [`Context::word_features`]. Numbers are below
    /// [`Context::distinct_words`].
    pub fn word_id(&self, i: usize) -> usize {
        self.words.id(i)
    }

    /// True when token `i`'s text is a plain lowercase word that is not a name particle
    /// (see [`outside`]).
    pub fn is_plain_lower(&self, i: usize) -> bool {
        self.lower_class(i) == LowerClass::Plain
    }

    /// True when token `i`'s text is a lowercase name particle ([`outside::INNER_LOWER`]).
    pub fn is_particle(&self, i: usize) -> bool {
        self.lower_class(i) == LowerClass::Particle
    }

    /// True when token `i` starts its sentence and is a capitalised function word
    /// ([`LowerClass::Starter`]).
    pub fn is_sentence_starter(&self, i: usize) -> bool {
        // Looked up for sentences' first tokens only, not for every capitalised word.
        self.initial.get(i).copied().unwrap_or(false)
            && matches!(self.case.get(i), Some(&(TITLE | LETTER)))
            && outside::capital_class(self.words.text(i)) == LowerClass::Starter
    }

    fn lower_class(&self, i: usize) -> LowerClass {
        self.lower_class
            .get(self.word_id(i))
            .copied()
            .unwrap_or(LowerClass::Other)
    }

    /// Number of distinct token texts in the document.
    pub fn distinct_words(&self) -> usize {
        self.words.distinct.len()
    }

    /// Appends the features of token `i` that depend on its text alone (the first ones
    /// [`Context::pass1`] gives, so their weights can be summed once per distinct word).
    pub fn word_features(&self, i: usize, out: &mut Vec<u32>) {
        let lower = self.lower(i);
        out.push(Key::new(0).0);
        out.push(Key::new(1).s(self.words.text(i)).0);
        out.push(Key::new(2).s(lower).0);
        out.push(Key::new(3).s(self.shape(i)).0);
        // Prefixes of 1–3 characters and suffixes of 1–4 (shorter than the word).
        for (n, (end, _)) in lower.char_indices().skip(1).take(3).enumerate() {
            out.push(Key::new(4).b(n as u8).s(&lower[..end]).0);
        }
        for (n, (start, _)) in lower.char_indices().rev().take(4).enumerate() {
            if start > 0 {
                out.push(Key::new(5).b(n as u8 + 1).s(&lower[start..]).0);
            }
        }
    }

    /// Appends the features of token `i` that look at its position, neighbours and the
    /// rest of the document: [`Context::own_features`], [`Context::neighbour_features`]
    /// for the four neighbours, [`Context::small_features`] and
    /// [`Context::string_features`].
    pub fn context_features(&self, i: usize, out: &mut Vec<u32>) {
        self.own_features(i, out);
        for k in 0..NEIGHBOURS.len() {
            self.neighbour_features(self.neighbour(i, k), k, out);
        }
        self.small_features(i, out);
        self.string_features(i, out);
    }

    /// Whether token `i` starts its sentence and whether the sentence is a headline:
    /// with the token's text, all that [`Context::own_features`] depend on.
    pub fn init_caps(&self, i: usize) -> (bool, bool) {
        (self.initial[i], self.caps_sentence[i])
    }

    /// The capitalisation class of token `i`.
    pub fn case(&self, i: usize) -> u8 {
        self.case[i]
    }

    /// Appends the features of token `i` that depend on its text, its case class and
    /// [`Context::init_caps`] only.
    pub fn own_features(&self, i: usize, out: &mut Vec<u32>) {
        let case = self.case[i];
        let init = u8::from(self.initial[i]);
        let caps = u8::from(self.caps_sentence[i]);
        out.push(Key::new(6).b(case).b(init).b(caps).0);
        let own = self.prefix.get(self.word_id(i)).unwrap_or(&self.edge);
        out.push(Key(own[P7]).b(init).b(caps).0);
    }

    /// The token at neighbour slot `k` (offsets −2, −1, +1, +2) of token `i`, `None` past
    /// the sentence's edge.
    pub fn neighbour(&self, i: usize, k: usize) -> Option<usize> {
        NEIGHBOURS.get(k).and_then(|&off| self.at(i, off))
    }

    /// Appends the features that token `j` (`None`: the sentence edge) gives the token
    /// whose neighbour slot `k` it is: they depend on `j`'s text and `k` only.
    pub fn neighbour_features(&self, j: Option<usize>, k: usize, out: &mut Vec<u32>) {
        let p = j.map_or(&self.edge, |j| {
            self.prefix.get(self.word_id(j)).unwrap_or(&self.edge)
        });
        out.extend(p.get(P8 + k));
        // Shapes of the ±1 neighbours (slots 1 and 2).
        if k == 1 || k == 2 {
            out.extend(p.get(P9 + k - 1));
        }
    }

    /// Everything [`Context::small_features`] depends on, packed into one number (equal
    /// numbers give equal features).
    pub fn small_key(&self, i: usize) -> u64 {
        let case_at = |off: isize| self.at(i, off).map_or(9, |j| self.case[j]);
        let gaz_at = |off: isize| self.at(i, off).map_or(0x80, |j| self.gaz(j));
        let (pm, pp) = self.phrase[i];
        let run = self
            .run_part(i)
            .map_or(0, |(len, pos)| 0x20 | (len << 2) | pos);
        let fields: [(u64, u32); 12] = [
            (u64::from(case_at(-1)), 4),
            (u64::from(case_at(1)), 4),
            (u64::from(self.case[i]), 4),
            (u64::from(gaz_at(-1)), 8),
            (u64::from(gaz_at(1)), 8),
            (u64::from(self.gaz(i)), 8),
            (u64::from(pm), 8),
            (u64::from(pp), 2),
            (u64::from(self.doc_case[i]), 2),
            (u64::from(self.initial[i]), 1),
            (u64::from(self.caps_sentence[i]), 1),
            (u64::from(run), 6),
        ];
        fields.iter().fold(0, |acc, &(v, bits)| (acc << bits) | v)
    }

    /// The length (at most 5) of the run of capitalised tokens token `i` is in, and its
    /// position in it (0 first, 1 inside, 2 last).
    fn run_part(&self, i: usize) -> Option<(u8, u8)> {
        let (a, b) = self.run.get(i).copied().flatten()?;
        let (a, b) = (a as usize, b as usize);
        let len = (b - a + 1).min(5) as u8;
        let pos = if i == a {
            0
        } else if i == b {
            2
        } else {
            1
        };
        Some((len, pos))
    }

    /// Appends the features of token `i` over small domains: the case and gazetteer
    /// classes of its neighbours, its document case, its run of capitalised tokens.
    pub fn small_features(&self, i: usize, out: &mut Vec<u32>) {
        let case = self.case[i];
        let init = u8::from(self.initial[i]);
        let caps = u8::from(self.caps_sentence[i]);
        let case_at = |off: isize| self.at(i, off).map_or(9, |j| self.case[j]);
        let gaz_at = |off: isize| self.at(i, off).map_or(0x80, |j| self.gaz(j));
        for (k, off) in [-1isize, 1].into_iter().enumerate() {
            out.push(Key::new(10).b(k as u8).b(case_at(off)).b(case).0);
            out.push(Key::new(11).b(k as u8).b(gaz_at(off)).0);
        }
        out.push(
            Key::new(15)
                .b(self.gaz(i))
                .b(u8::from(is_capitalised(case)))
                .0,
        );
        let (pm, pp) = self.phrase[i];
        if pp != 0 {
            out.push(Key::new(16).b(pm).b(pp).0);
        }
        out.push(Key::new(17).b(self.doc_case[i]).b(case).b(init).0);
        if caps == 1 {
            out.push(Key::new(18).b(self.gaz(i)).b(self.doc_case[i]).0);
        }
        if let Some((len, pos)) = self.run_part(i) {
            out.push(Key::new(30).b(len).b(pos).0);
        }
    }

    /// Appends the features of token `i` over pairs and triples of words or shapes.
    pub fn string_features(&self, i: usize, out: &mut Vec<u32>) {
        let pre = |j: usize| self.prefix.get(self.word_id(j)).unwrap_or(&self.edge);
        let pre_at = |off: isize| self.at(i, off).map_or(&self.edge, pre);
        let next_word = self.at(i, 1).map_or(EDGE, |j| self.lower(j));
        let next_shape = self.at(i, 1).map_or(EDGE, |j| self.shape(j));
        out.push(Key(pre_at(-1)[P12]).s(self.lower(i)).0);
        out.push(Key(pre(i)[P13]).s(next_word).0);
        out.push(Key(pre_at(-1)[P14]).s(self.shape(i)).s(next_shape).0);
        if let (Some((_, pos)), Some(&Some((a, b)))) = (self.run_part(i), self.run.get(i)) {
            if b > a {
                out.push(Key(pre(b as usize)[P31]).b(pos).0);
                out.push(Key(pre(a as usize)[P32]).b(pos).0);
            }
        }
    }

    /// Appends the pass-2 features of token `i`, given the pass-1 `tags` of the whole
    /// document and the `votes` from [`Context::votes`].
    pub fn pass2(&self, i: usize, tags: &[u8], votes: &[[u16; TYPES + 1]], out: &mut Vec<u32>) {
        let tag_at = |off: isize| {
            self.at(i, off)
                .and_then(|j| tags.get(j).copied())
                .unwrap_or(0xff)
        };
        out.push(Key::new(20).b(tag_at(0)).0);
        out.push(Key::new(21).b(tag_at(-1)).b(tag_at(0)).0);
        out.push(Key::new(22).b(tag_at(0)).b(tag_at(1)).0);
        let cap = u8::from(is_capitalised(self.case[i]));
        if let Some(v) = votes.get(i) {
            // u32: the counts saturate at u16::MAX, their sum and doubles must not overflow.
            let total: u32 = v.iter().map(|&c| u32::from(c)).sum();
            if total > 0 {
                let mut best = 0;
                for k in 1..v.len() {
                    if v[k] > v[best] {
                        best = k;
                    }
                }
                out.push(Key::new(23).b(best as u8).b(cap).0);
                for (k, &c) in v.iter().enumerate().skip(1) {
                    if c > 0 {
                        out.push(
                            Key::new(24)
                                .b(k as u8)
                                .b(cap)
                                .b(u8::from(u32::from(c) * 2 > total))
                                .0,
                        );
                    }
                }
            } else {
                out.push(Key::new(25).b(cap).0);
            }
        }
    }

    /// Everything [`Context::pass2`] depends on for token `i`, packed into one number
    /// (equal numbers give equal features).
    pub fn pass2_key(&self, i: usize, tags: &[u8], votes: &[[u16; TYPES + 1]]) -> u64 {
        let tag_at = |off: isize| {
            self.at(i, off)
                .and_then(|j| tags.get(j).copied())
                .unwrap_or(0xff)
        };
        let mut key = (u64::from(tag_at(-1)) << 16) | (u64::from(tag_at(0)) << 8);
        key |= u64::from(tag_at(1));
        key = (key << 1) | u64::from(is_capitalised(self.case[i]));
        // Votes: state (0 none, 1 all zero, 2 some), the best type, and per type whether
        // it has votes and whether it has the majority.
        let (state, best, bits) = match votes.get(i) {
            None => (0u64, 0u64, 0u64),
            Some(v) => {
                let total: u32 = v.iter().map(|&c| u32::from(c)).sum();
                if total == 0 {
                    (1, 0, 0)
                } else {
                    let mut best = 0;
                    for k in 1..v.len() {
                        if v[k] > v[best] {
                            best = k;
                        }
                    }
                    let bits = v.iter().skip(1).fold(0u64, |acc, &c| {
                        (acc << 2) | (u64::from(c > 0) << 1) | u64::from(u32::from(c) * 2 > total)
                    });
                    (2, best as u64, bits)
                }
            }
        };
        (((key << 2 | state) << 3 | best) << (2 * TYPES)) | bits
    }

    /// For each token, how pass 1 typed the *other* occurrences of the same word in the
    /// document: counts of `[O, PER, ORG, LOC, MISC]`. Punctuation and numbers get zeros.
    pub fn votes(&self, tags: &[u8]) -> Vec<[u16; TYPES + 1]> {
        let mut totals: Vec<[u16; TYPES + 1]> = vec![[0; TYPES + 1]; self.lower_count];
        let slot = |t: u8| type_of(t).map_or(0, |ty| ty + 1);
        for (i, &t) in tags.iter().enumerate().take(self.len()) {
            if self.case[i] >= LOWER {
                if let Some(e) = totals.get_mut(self.lower_id(i)) {
                    e[slot(t)] = e[slot(t)].saturating_add(1);
                }
            }
        }
        (0..self.len())
            .map(|i| {
                if self.case[i] < LOWER {
                    return [0; TYPES + 1];
                }
                let mut v = totals.get(self.lower_id(i)).copied().unwrap_or_default();
                if let Some(&t) = tags.get(i) {
                    v[slot(t)] = v[slot(t)].saturating_sub(1);
                }
                v
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::text::segment;

    #[test]
    fn side_by_side_hashing_gives_the_keys_one_at_a_time() {
        for (lower, shape) in [
            ("carney", "x"),
            ("", ""),
            (EDGE, EDGE),
            ("é-ü.s.", "x-x.x."),
        ] {
            let mut want = [0u32; 12];
            want[P7] = Key::new(7).s(lower).0;
            for k in 0..4 {
                want[P8 + k] = Key::new(8).b(k as u8).s(lower).0;
            }
            for k in 0..2 {
                want[P9 + k] = Key::new(9).b(k as u8).s(shape).0;
            }
            want[P12] = Key::new(12).s(lower).0;
            want[P13] = Key::new(13).s(lower).0;
            want[P14] = Key::new(14).s(shape).0;
            want[P31] = Key::new(31).s(lower).0;
            want[P32] = Key::new(32).s(lower).0;
            assert_eq!(prefixes(lower, shape), want, "{lower}");
        }
    }

    /// Words of every case pattern, with digits, marks, non-ASCII letters and the empty one.
    const SAMPLE_WORDS: &[&str] = &[
        "Obama",
        "U.S.",
        "COVID-19",
        "B2B",
        "iPhone",
        "said",
        "1996-08-22",
        "x",
        "",
        "AbCdEfGhIjKlMn",
        "a-b-c-d-e-f-g-h-i",
        "Zürich",
        "O'Neill's",
    ];

    #[test]
    fn normalising_ascii_words_matches_the_unicode_way() {
        for &w in SAMPLE_WORDS {
            let mut fast = String::new();
            push_normalised(w, &mut fast);
            let slow: String = w
                .chars()
                .flat_map(char::to_lowercase)
                .map(|c| if c.is_ascii_digit() { '0' } else { c })
                .collect();
            assert_eq!(fast, slow, "{w}");
        }
    }

    #[test]
    fn the_one_pass_ascii_lower_and_shape_match_the_general_ones() {
        for &w in SAMPLE_WORDS {
            let (mut lower, mut shape) = (String::from("<"), String::from(">"));
            push_lower_and_shape(w, &mut lower, &mut shape);
            let (mut want_lower, mut want_shape) = (String::from("<"), String::from(">"));
            push_normalised(w, &mut want_lower);
            push_shape(w, &mut want_shape);
            assert_eq!((lower, shape), (want_lower, want_shape), "{w}");
        }
    }

    #[test]
    fn shapes_cases_and_document_flags() {
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("Carney"), "Xx");
        assert_eq!(shape("1996-08-22"), "d-d-d");
        assert_eq!(case_class("IAEA", TokenKind::Word), ALLCAPS);
        assert_eq!(case_class("al-Assad", TokenKind::Word), LOWER);
        let doc = segment("Apple rose. He ate an apple. Then Apple fell.");
        let ctx = Context::new(&doc);
        // token 0 "Apple": lowercase elsewhere and capitalised mid-sentence elsewhere? no:
        // the third "Apple" starts after "Then", so it is mid-sentence.
        assert_eq!(ctx.doc_case[0], 3);
        let mut f = Vec::new();
        ctx.pass1(0, &mut f);
        assert!(f.len() > 20);
        let votes = ctx.votes(&vec![0; ctx.len()]);
        assert_eq!(votes[0][0], 2); // the two other "apple"s
    }
}
