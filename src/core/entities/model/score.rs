//! Scoring tokens: the sum of the weights of their features, for pass 1 and pass 2.
//!
//! Most of a token's features repeat across the document, in groups that depend on few
//! things: its own text and sentence position ([`Context::own_features`]), small classes of
//! itself and its neighbours ([`Context::small_key`]), and in pass 2 the pass-1 tags around
//! it ([`Context::pass2_key`]). Each group's summed weights are computed once per distinct
//! case and remembered; scores are fixed-point integers, so summing in groups gives exactly
//! the numbers feature-by-feature summing gives. Each neighbour's features
//! ([`Context::neighbour_features`]) are located once per distinct word and slot and
//! their few weights added directly; only the word-pair features
//! ([`Context::string_features`]) are looked up per token. Memory for remembered sums is
//! bounded by the text's size; past the bound, sums are computed without being kept.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::features::{Context, NEIGHBOURS};
use super::lookup::{add_row, Lookup, Packed, Row};
use super::tags::{N_TAGS, TYPES};
use crate::core::words::KeyHasher;

/// The pass-1 and pass-2 sums of one group.
type Both = [Row; 2];

type Fast = BuildHasherDefault<KeyHasher>;

/// Remembered group sums for one document.
pub struct Scorer<'c> {
    ctx: &'c Context<'c>,
    table: &'c Lookup,
    feats: Vec<u32>,
    /// Remembered sums; index tables hold `index + 1` (0: not yet).
    rows: Vec<Both>,
    /// Remembered pass-2 group sums.
    second: Vec<Row>,
    /// Most rows (of either kind) kept.
    budget: usize,
    /// Per distinct word × (initial, headline): its own-features sum, and the case class
    /// it was computed for (a number token can share its text with a word).
    own: Vec<(u32, u8)>,
    /// Per (distinct word or the sentence edge) × neighbour slot: where the weights of its
    /// (one or two) features are. Those features are rare words and shapes that weigh few
    /// tags, so their sparse weights are added directly rather than as remembered rows.
    neighbour: Vec<Option<[Packed; 4]>>,
    small: HashMap<u64, u32, Fast>,
    pass2: HashMap<u64, u32, Fast>,
}

impl<'c> Scorer<'c> {
    /// A scorer for the document of `ctx`, keeping at most about 16 bytes of sums per byte
    /// of its `text_bytes` (or 1 MiB).
    pub fn new(ctx: &'c Context<'c>, table: &'c Lookup, text_bytes: usize) -> Scorer<'c> {
        let budget = (text_bytes * 16).max(1 << 20) / std::mem::size_of::<Both>();
        Scorer::with_budget(ctx, table, budget)
    }

    /// A scorer that keeps at most `budget` remembered sums.
    fn with_budget(ctx: &'c Context<'c>, table: &'c Lookup, budget: usize) -> Scorer<'c> {
        let words = ctx.distinct_words();
        Scorer {
            ctx,
            table,
            feats: Vec::with_capacity(32),
            rows: Vec::new(),
            second: Vec::new(),
            budget,
            own: vec![(0, 0); 4 * words],
            neighbour: vec![None; NEIGHBOURS.len() * (words + 1)],
            small: HashMap::with_capacity_and_hasher(words.min(1 << 12), Fast::default()),
            pass2: HashMap::with_capacity_and_hasher(words.min(1 << 10), Fast::default()),
        }
    }

    /// The sums of the features `collect` gives, for both passes.
    fn sum(&mut self, collect: impl FnOnce(&Context<'_>, &mut Vec<u32>)) -> Both {
        self.feats.clear();
        collect(self.ctx, &mut self.feats);
        let mut both = [[0; N_TAGS]; 2];
        let [one, two] = &mut both;
        for &f in &self.feats {
            self.table.add_both(self.table.get(f), one, two);
        }
        both
    }

    /// Adds a group's sums into `first` and `second`: the remembered ones at `slot`, or
    /// computed (and remembered when the budget allows).
    #[inline(always)]
    fn add_group(
        &mut self,
        slot: u32,
        collect: impl FnOnce(&Context<'_>, &mut Vec<u32>),
        first: &mut Row,
        second: &mut Row,
    ) -> u32 {
        if let Some(both) = slot.checked_sub(1).and_then(|k| self.rows.get(k as usize)) {
            add_row(&both[0], first);
            add_row(&both[1], second);
            return slot;
        }
        self.new_group(collect, first, second)
    }

    /// [`Scorer::add_group`] for a group not remembered yet.
    #[inline(never)]
    fn new_group(
        &mut self,
        collect: impl FnOnce(&Context<'_>, &mut Vec<u32>),
        first: &mut Row,
        second: &mut Row,
    ) -> u32 {
        let both = self.sum(collect);
        add_row(&both[0], first);
        add_row(&both[1], second);
        if self.rows.len() + self.second.len() < self.budget {
            self.rows.push(both);
            return self.rows.len() as u32;
        }
        0
    }

    /// Adds the pass-1 weights of token `i`'s pass-1 features into `first` and their
    /// pass-2 weights into `second`.
    ///
    /// In four parts that are not inlined into each other: V8 moves a wasm function to its
    /// optimising compiler once it has run a certain amount of code, and one large function
    /// got there during a page's first highlight, its compilation (27 ms of CPU) competing
    /// with the page for the CPU. Smaller parts each run less and compile faster.
    pub fn pass1(&mut self, i: usize, first: &mut Row, second: &mut Row) {
        self.own_group(i, first, second);
        self.neighbours(i, first, second);
        self.small_group(i, first, second);
        self.string_weights(i, first, second);
    }

    /// The token's own features (its word and case), summed once per distinct case.
    #[inline(never)]
    fn own_group(&mut self, i: usize, first: &mut Row, second: &mut Row) {
        let ctx = self.ctx;
        let word = ctx.word_id(i);
        let (init, caps) = ctx.init_caps(i);
        let case = ctx.case(i);
        let own = 4 * word + 2 * usize::from(init) + usize::from(caps);
        let slot = match self.own.get(own) {
            Some(&(slot, c)) if c == case => slot,
            _ => 0,
        };
        let collect = |c: &Context<'_>, out: &mut Vec<u32>| {
            c.word_features(i, out);
            c.own_features(i, out);
        };
        let kept = self.add_group(slot, collect, first, second);
        if kept != slot {
            if let Some(entry) = self.own.get_mut(own) {
                *entry = (kept, case);
            }
        }
    }

    /// The features of the neighbours' words, located once per word and slot.
    #[inline(never)]
    fn neighbours(&mut self, i: usize, first: &mut Row, second: &mut Row) {
        let ctx = self.ctx;
        for k in 0..NEIGHBOURS.len() {
            let j = ctx.neighbour(i, k);
            let who = j.map_or(ctx.distinct_words(), |j| ctx.word_id(j));
            let index = who * NEIGHBOURS.len() + k;
            let packed = match self.neighbour.get(index).copied().flatten() {
                Some(p) => p,
                None => self.locate_neighbour(j, k, index),
            };
            for pair in packed.chunks_exact(2) {
                if pair != [0, 0] {
                    self.table.add_both([pair[0], pair[1]], first, second);
                }
            }
        }
    }

    /// Where the weights of neighbour `j`'s features in slot `k` are, remembered at
    /// `index`.
    #[inline(never)]
    fn locate_neighbour(&mut self, j: Option<usize>, k: usize, index: usize) -> [Packed; 4] {
        self.feats.clear();
        self.ctx.neighbour_features(j, k, &mut self.feats);
        let mut p = [0; 4];
        for (pair, &f) in p.chunks_exact_mut(2).zip(&self.feats) {
            pair.copy_from_slice(&self.table.get(f));
        }
        if let Some(slot) = self.neighbour.get_mut(index) {
            *slot = Some(p);
        }
        p
    }

    /// The features over small classes of the token and its neighbours, summed once per
    /// distinct combination.
    #[inline(never)]
    fn small_group(&mut self, i: usize, first: &mut Row, second: &mut Row) {
        let key = self.ctx.small_key(i);
        let slot = self.small.get(&key).copied().unwrap_or(0);
        let collect = |c: &Context<'_>, out: &mut Vec<u32>| c.small_features(i, out);
        let kept = self.add_group(slot, collect, first, second);
        if kept != slot {
            self.small.insert(key, kept);
        }
    }

    /// The word-pair features, looked up for every token.
    #[inline(never)]
    fn string_weights(&mut self, i: usize, first: &mut Row, second: &mut Row) {
        self.feats.clear();
        self.ctx.string_features(i, &mut self.feats);
        for &f in &self.feats {
            self.table.add_both(self.table.get(f), first, second);
        }
    }

    /// Adds the pass-2 weights of token `i`'s pass-2 features (given the pass-1 `tags` and
    /// `votes`) into `scores`.
    pub fn pass2(&mut self, i: usize, tags: &[u8], votes: &[[u16; TYPES + 1]], scores: &mut Row) {
        let key = self.ctx.pass2_key(i, tags, votes);
        if let Some(row) = self
            .pass2
            .get(&key)
            .and_then(|&k| self.second.get(k as usize))
        {
            add_row(row, scores);
            return;
        }
        self.feats.clear();
        self.ctx.pass2(i, tags, votes, &mut self.feats);
        let mut row = [0; N_TAGS];
        self.table.score(1, &self.feats, &mut row);
        add_row(&row, scores);
        if self.rows.len() + self.second.len() < self.budget {
            self.pass2.insert(key, self.second.len() as u32);
            self.second.push(row);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Model;
    use super::*;
    use crate::core::text::segment;

    #[test]
    fn grouped_and_remembered_sums_equal_feature_by_feature_sums() {
        let model = Model::embedded().expect("data/ner-model.bin loads");
        let text = "WASHINGTON (Reuters) - Jay Carney told the International Atomic Energy \
                    Agency (IAEA) on Friday that Iran's talks with the European Union in \
                    Brussels had stalled.\n\nCarney said Tehran must act. Mr. Carney met \
                    Apple Inc. in New York City. NEW YORK TIMES HEADLINE HERE\n\n\"We agree,\" \
                    said Carney, who met Carney's aides on 3 May 2024.";
        let doc = segment(text);
        let ctx = Context::new(&doc);
        let tags: Vec<u8> = (0..ctx.len()).map(|i| (i * 5 % N_TAGS) as u8).collect();
        let votes = ctx.votes(&tags);
        let mut scored = 0;
        // Budget 0: nothing remembered; large: everything; 7: some of both.
        for budget in [0, 7, 1 << 20] {
            let mut scorer = Scorer::with_budget(&ctx, &model.lookup, budget);
            // Twice over the document, so the second round reads remembered sums.
            for _ in 0..2 {
                for i in 0..ctx.len() {
                    let (mut one, mut two) = ([0; N_TAGS], [0; N_TAGS]);
                    scorer.pass1(i, &mut one, &mut two);
                    scorer.pass2(i, &tags, &votes, &mut two);
                    let mut feats = Vec::new();
                    ctx.pass1(i, &mut feats);
                    let (mut want_one, mut want_two) = ([0; N_TAGS], [0; N_TAGS]);
                    model.lookup.score(0, &feats, &mut want_one);
                    model.lookup.score(1, &feats, &mut want_two);
                    feats.clear();
                    ctx.pass2(i, &tags, &votes, &mut feats);
                    model.lookup.score(1, &feats, &mut want_two);
                    assert_eq!(
                        (one, two),
                        (want_one, want_two),
                        "token {i}, budget {budget}"
                    );
                    scored += usize::from(want_one != [0; N_TAGS] && want_two != [0; N_TAGS]);
                }
            }
        }
        assert_eq!(scored, 6 * ctx.len());
    }
}
