//! Reported speech without (or with only embedded) quotation marks.
//!
//! Patterns, per sentence and outside direct quotes: `X said (that) …`, `X told reporters …`,
//! `X says …` with any clause-reporting cue; `…, X said.` / `…, said X.`; `…, he explains,
//! …`; `according to X, …` / `…, according to X.`. The content is the reported clause (with
//! `that`, without the sentence's final stop), as the PolNeAR and GGT annotations mark it.
//! A clause holding a quoted fragment of three words or more is a mixed quote.

use super::cues;
use super::tokens::View;
use crate::core::span::ByteSpan;

/// A reported-speech quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reported {
    /// The reported content.
    pub span: ByteSpan,
    /// True when the content holds a quoted fragment (a mixed quote).
    pub mixed: bool,
    /// The cue (`said`, `according to`).
    pub cue: ByteSpan,
    /// The speaker mention.
    pub speaker: Option<ByteSpan>,
}

/// Words that may open a reported clause after its cue besides any capitalised word,
/// pronoun or determiner.
const CLAUSE_OPENERS: &[&str] = &[
    "that", "if", "whether", "what", "how", "why", "when", "there",
];

/// Longest reported clause, in tokens (keeps run-on text linear).
const MAX_CLAUSE: usize = 150;

/// Fewest words in a reported clause.
const MIN_WORDS: usize = 3;

/// Token flags: inside a direct quote, inside a quoted fragment (and the fragment's words).
pub struct Marks {
    /// `direct[i]`: token `i` is inside a direct quote.
    pub direct: Vec<bool>,
    /// `fragment[i]`: number of words of the fragment token `i` is in (0 = none).
    pub fragment: Vec<usize>,
    /// `used_cue[i]`: token `i` is the cue of a direct quote.
    pub used_cue: Vec<bool>,
}

/// Finds reported speech in every sentence of the view.
pub fn find(
    v: &View<'_, '_>,
    marks: &Marks,
    person_end: &dyn Fn(usize) -> Option<usize>,
) -> Vec<Reported> {
    let mut out = Vec::new();
    for s in &v.doc.sentences {
        let (a, mut z) = (s.first, s.last);
        if is_heading_or_caption(v, a, z) {
            continue;
        }
        if z > a && matches!(v.word(z - 1), "." | "!" | "?" | ";" | ":") && !inside(marks, z - 1) {
            z -= 1;
        }
        let (mut lo, mut i) = (a, a);
        while i < z {
            if let Some((r, next)) = at(v, marks, lo, z, i, person_end) {
                out.push(r);
                i = next.max(i + 1);
                lo = i;
            } else {
                i += 1;
            }
        }
    }
    out
}

/// A heading (`READ MORE: X says Y`, no closing stop) or a photo caption (followed by a
/// `(Name/Agency)` credit) reports no speech of the article.
fn is_heading_or_caption(v: &View<'_, '_>, a: usize, z: usize) -> bool {
    if z <= a {
        return true;
    }
    let mut end = z - 1;
    while end > a && (v.is_quote_mark(end) || v.word(end) == ")") {
        end -= 1;
    }
    if !matches!(v.word(end), "." | "!" | "?" | "\u{2026}" | "...") {
        return true;
    }
    v.word(z) == "("
        && v.sentence(z).0 != v.sentence(a).0
        && (z..(z + 10).min(v.len()))
            .take_while(|&t| v.word(t) != ")")
            .any(|t| v.word(t) == "/")
}

fn inside(marks: &Marks, i: usize) -> bool {
    marks.direct.get(i).copied().unwrap_or(true)
}

fn words(v: &View<'_, '_>, from: usize, to: usize) -> usize {
    (from..to).filter(|&i| !v.is_punct(i)).count()
}

/// The end of a clause starting at `p`: the sentence end, a direct quote, or a
/// `, adding`-style second cue.
fn clause_end(v: &View<'_, '_>, marks: &Marks, p: usize, z: usize) -> usize {
    let z = z.min(p + MAX_CLAUSE);
    let mut j = p;
    while j < z {
        if inside(marks, j) {
            return j;
        }
        if v.word(j) == "," && v.word(j + 1).ends_with("ing") && v.is_indirect_cue(j + 1) {
            return j;
        }
        j += 1;
    }
    z
}

fn trim_end(v: &View<'_, '_>, p: usize, mut e: usize) -> usize {
    while e > p
        && matches!(
            v.word(e - 1),
            "," | ";" | ":" | "\u{2014}" | "-" | "--" | "("
        )
    {
        e -= 1;
    }
    e
}

fn make(
    v: &View<'_, '_>,
    marks: &Marks,
    p: usize,
    e: usize,
    cue: ByteSpan,
    speaker: Option<ByteSpan>,
) -> Option<Reported> {
    let e = trim_end(v, p, e);
    if e <= p || words(v, p, e) < MIN_WORDS || (p..e).any(|i| inside(marks, i)) {
        return None;
    }
    let mixed = (p..e).any(|i| marks.fragment.get(i).copied().unwrap_or(0) >= 3);
    Some(Reported {
        span: v.span_of(p, e),
        mixed,
        cue,
        speaker,
    })
}

/// A reported-speech quote whose cue is token `i`, and the token to resume from.
fn at(
    v: &View<'_, '_>,
    marks: &Marks,
    a: usize,
    z: usize,
    i: usize,
    person_end: &dyn Fn(usize) -> Option<usize>,
) -> Option<(Reported, usize)> {
    if inside(marks, i) || marks.used_cue.get(i).copied().unwrap_or(false) {
        return None;
    }
    if v.word(i).eq_ignore_ascii_case("according") && v.word(i + 1) == "to" {
        return according(v, marks, a, z, i, person_end);
    }
    if !v.is_indirect_cue(i) {
        return None;
    }
    let cue = v.span(i);
    if !v.is_verb_cue(a, i) {
        return None;
    }
    let after_comma = i > a && v.word(i - 1) == ",";
    // `…, said X.` (the speaker may carry an apposition: `said X, a spokesman for Y.`)
    if after_comma && !v.word(i).ends_with("ing") {
        let np = if v.is_in(i + 1, cues::PRONOUNS) {
            Some(v.span(i + 1))
        } else {
            v.np_after(i + 1, z, person_end)
        };
        let np_end = np.map_or(z, |np| v.token_at(np.end));
        if np.is_some() && (z.saturating_sub(np_end) <= 3 || v.word(np_end) == ",") {
            let r = make(v, marks, a, i - 1, cue, np)?;
            return Some((r, z));
        }
        // Else `X, a spokesman, said …`: the subject before the apposition.
    }
    let subj = if i > a { v.np_before(a, i) } else { None }?;
    // Generic `you` and hedged `will argue`, `can suggest` report no actual speech.
    if subj.slice(v.doc.text).eq_ignore_ascii_case("you")
        || (i.saturating_sub(3)..i).any(|t| {
            t >= a
                && v.is_in(
                    t,
                    &[
                        "will", "would", "could", "can", "may", "might", "should", "must",
                    ],
                )
        })
    {
        return None;
    }
    let subj_first = v.token_at(subj.start);
    // Skip the object of `told reporters …` and adjuncts like `Tuesday`, `in a statement`.
    let mut p = i + 1;
    if v.cue_flag(i, cues::TAKES_OBJECT) && !v.is_in(p, cues::NP_STOPS) && !v.is_in(p, &["of"]) {
        if v.is_in(p, cues::DETERMINERS) {
            p += 2;
        } else if v.is_cap(p) {
            while p < z && v.is_cap(p) {
                p += 1;
            }
        } else if !v.is_in(p, CLAUSE_OPENERS) {
            p += 1;
        }
    }
    while p < z && v.is_in(p, cues::ADJUNCTS) {
        p += 1;
    }
    if v.is_in(
        p,
        &[
            "in", "on", "at", "during", "via", "through", "after", "before", "to", "with",
        ],
    ) {
        if let Some(t) = (p..(p + 10).min(z))
            .take_while(|&t| !v.is_punct(t))
            .find(|&t| v.word(t) == "that")
        {
            p = t;
        }
    }
    if p >= z {
        // `…, X said.`: the clause before the speaker.
        if subj_first > a && v.word(subj_first - 1) == "," {
            let r = make(v, marks, a, subj_first - 1, cue, Some(subj))?;
            return Some((r, z));
        }
        return None;
    }
    if v.word(p) == "," && subj_first > a && v.word(subj_first - 1) == "," {
        // `…, he explains, …`: the clause after, else the clause before.
        let e = clause_end(v, marks, p + 1, z);
        if !v.is_in(
            p + 1,
            &[
                "and",
                "but",
                "or",
                "so",
                "though",
                "although",
                "because",
                "while",
                "including",
                "according",
            ],
        ) {
            if let Some(r) = make(v, marks, p + 1, e, cue, Some(subj)) {
                return Some((r, e));
            }
        }
        let r = make(v, marks, a, subj_first - 1, cue, Some(subj))?;
        return Some((r, p));
    }
    let opens = v.is_in(p, CLAUSE_OPENERS)
        || v.is_in(p, cues::PRONOUNS)
        || v.is_in(p, cues::DETERMINERS)
        || v.is_cap(p)
        || (!v.is_punct(p) && !v.is_in(p, cues::NP_STOPS) && !v.word(p).ends_with("ing"));
    if !opens || v.is_in(p, &["to", "by", "of", "for", "about", "on", "with"]) {
        return None;
    }
    if v.word(p).chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return None; // `added 10 points`
    }
    let e = clause_end(v, marks, p, z);
    if !v.is_in(p, CLAUSE_OPENERS) && !has_verb(v, p, e) {
        return None; // an object, not a clause: `announced plans to …`
    }
    let r = make(v, marks, p, e, cue, Some(subj))?;
    Some((r, e))
}

/// Finite verbs without a telltale ending, for [`has_verb`].
const FINITE: &[&str] = &[
    "is",
    "are",
    "am",
    "was",
    "were",
    "will",
    "would",
    "has",
    "have",
    "had",
    "can",
    "could",
    "should",
    "may",
    "might",
    "must",
    "did",
    "does",
    "do",
    "went",
    "got",
    "made",
    "took",
    "came",
    "saw",
    "knew",
    "thought",
    "felt",
    "became",
    "left",
    "gave",
    "told",
    "found",
    "kept",
    "began",
    "ran",
    "won",
    "lost",
    "paid",
    "sent",
    "spent",
    "built",
    "held",
    "brought",
    "meant",
    "led",
    "heard",
    "understood",
    "stood",
    "sold",
    "fell",
    "rose",
    "wants",
    "needs",
    "says",
    "said",
    "believes",
    "thinks",
    "knows",
    "plans",
    "remains",
    "wo",
    "shall",
    "isn't",
    "aren't",
    "wasn't",
    "won't",
    "don't",
    "doesn't",
    "didn't",
    "can't",
    "hasn't",
    "haven't",
    "wouldn't",
    "couldn't",
    "shouldn't",
];

/// True when the words `p..e` look like a clause: a finite verb (an auxiliary, a common
/// irregular form, or an `-ed` word) within the first dozen words.
fn has_verb(v: &View<'_, '_>, p: usize, e: usize) -> bool {
    (p..e.min(p + 14)).any(|t| {
        let w = v.word(t).to_lowercase().replace('\u{2019}', "'");
        FINITE.contains(&w.as_str()) || (w.len() > 4 && w.ends_with("ed") && !v.is_cap(t))
    })
}

/// `according to X, …` and `…, according to X.`
fn according(
    v: &View<'_, '_>,
    marks: &Marks,
    a: usize,
    z: usize,
    i: usize,
    person_end: &dyn Fn(usize) -> Option<usize>,
) -> Option<(Reported, usize)> {
    let cue = v.span_of(i, i + 2);
    let speaker = v.np_after(i + 2, z, person_end);
    let lead = (a..i).all(|t| v.is_punct(t) || v.is_in(t, &["but", "and", "yet"]));
    if lead {
        let comma = (i + 2..z.min(i + 20)).find(|&t| v.word(t) == ",")?;
        let e = clause_end(v, marks, comma + 1, z);
        let r = make(v, marks, comma + 1, e, cue, speaker)?;
        return Some((r, e));
    }
    if i > a && v.word(i - 1) == "," {
        let r = make(v, marks, a, i - 1, cue, speaker)?;
        return Some((r, z));
    }
    None
}
