//! Viterbi decoding of one sentence under the BILOU constraints.
//!
//! [`Decoder`] is the one used to tag: fixed-point token scores ([`Row`]), path scores in
//! `i64`, and only the allowed transitions. The 9 tags that open nothing (`O`, `B-x`,
//! `U-x`) follow any of the 9 tags that close (`O`, `L-x`, `U-x`); `I-x` and `L-x` follow
//! `B-x` or `I-x` — 97 of the 289 pairs, in fixed-size loops the compiler unrolls.
//! Predecessors are chosen in ascending order with a strict `>`, so ties go to the lowest
//! tag, exactly as the full 17 × 17 scan of [`viterbi`] (used in training, on floats)
//! does; a test checks that the two agree.

use super::lookup::Row;
use super::tags::{allowed, may_end, may_start, N_TAGS, TYPES};

/// Tags a new entity (or `O`) may follow, ascending: `O`, then `L-x`, `U-x` per type.
const CLOSERS: [usize; 1 + 2 * TYPES] = [0, 3, 4, 7, 8, 11, 12, 15, 16];
/// Tags that may follow a closer, ascending: `O`, then `B-x`, `U-x` per type.
const OPENERS: [usize; 1 + 2 * TYPES] = [0, 1, 4, 5, 8, 9, 12, 13, 16];
/// The score of a tag no valid path reaches: far below any real path (token scores stay
/// below 2^31, pieces below 2^10 tokens), far above overflow.
const IMPOSSIBLE: i64 = i64::MIN / 4;

/// A Viterbi decoder for one pass's transition scores, with reusable buffers (one
/// allocation per document rather than per sentence). The forward pass keeps only the best
/// scores, with branch-free maxima; the backward pass finds each predecessor again from
/// them (the same sums, so the same choice), for the one tag per token on the best path
/// instead of all 17.
pub struct Decoder {
    best: Vec<[i64; N_TAGS]>,
    tr: Trans,
}

/// Transition scores regrouped by the BILOU structure.
struct Trans {
    /// `open[j][k]`: closer `k` → opener `j`.
    open: [[i64; CLOSERS.len()]; OPENERS.len()],
    /// The largest `open[j][k] - open[j][k']` over all `j`, `k`, `k'`: a closer whose score
    /// is at least this far below the best closer's can win no opener.
    spread: i64,
    /// Per type `x`: `B-x → I-x`, `I-x → I-x`, `B-x → L-x`, `I-x → L-x`.
    inner: [[i64; 4]; TYPES],
}

impl Trans {
    fn new(trans: &[i32]) -> Trans {
        let at =
            |prev: usize, next: usize| trans.get(prev * N_TAGS + next).map_or(0, |&t| i64::from(t));
        let mut open = [[0; CLOSERS.len()]; OPENERS.len()];
        for (row, &next) in open.iter_mut().zip(&OPENERS) {
            for (slot, &prev) in row.iter_mut().zip(&CLOSERS) {
                *slot = at(prev, next);
            }
        }
        let inner = std::array::from_fn(|x| {
            let (b, i, l) = (1 + 4 * x, 2 + 4 * x, 3 + 4 * x);
            [at(b, i), at(i, i), at(b, l), at(i, l)]
        });
        let spread = open
            .iter()
            .map(|row| row.iter().max().unwrap_or(&0) - row.iter().min().unwrap_or(&0))
            .max()
            .unwrap_or(0);
        Trans {
            open,
            spread,
            inner,
        }
    }

    /// The best predecessor of `next` given the previous token's best scores `prev`:
    /// the lowest tag among the highest sums.
    fn argmax(&self, prev: &[i64; N_TAGS], next: usize) -> u8 {
        let mut top = i64::MIN;
        let mut arg = 0usize;
        if let Some(j) = OPENERS.iter().position(|&o| o == next) {
            for (&c, &w) in CLOSERS.iter().zip(&self.open[j]) {
                let s = prev[c] + w;
                if s > top {
                    top = s;
                    arg = c;
                }
            }
        } else {
            let x = ((next.max(1) - 1) / 4).min(TYPES - 1);
            let (b, i) = (1 + 4 * x, 2 + 4 * x);
            let w = self.inner[x];
            let (wb, wi) = if next == i {
                (w[0], w[1])
            } else {
                (w[2], w[3])
            };
            for (p, s) in [(b, prev[b] + wb), (i, prev[i] + wi)] {
                if s > top {
                    top = s;
                    arg = p;
                }
            }
        }
        arg as u8
    }
}

impl Decoder {
    /// A decoder for the transition scores `trans[prev * N_TAGS + next]` (fixed point,
    /// like the token scores; missing ones count as 0).
    pub fn new(trans: &[i32]) -> Decoder {
        Decoder {
            best: Vec::new(),
            tr: Trans::new(trans),
        }
    }

    /// Writes the best tag sequence for `scores` (one row per token, a whole sentence or
    /// piece) into `out` (same length as `scores`). Only BILOU-valid sequences are
    /// considered; with mismatched lengths `out` is left as it is.
    pub fn decode(&mut self, scores: &[Row], out: &mut [u8]) {
        self.decode_run(scores, false, false, out);
    }

    /// [`Decoder::decode`] for a run of tokens inside a sentence: `after_o` when the token
    /// before the run is fixed to `O` (its transition into the run counts), `before_o` when
    /// the token after it is. Decoding the runs between tokens fixed to `O` one by one
    /// gives the best path of the whole sentence under those fixed tags.
    pub fn decode_run(&mut self, scores: &[Row], after_o: bool, before_o: bool, out: &mut [u8]) {
        let n = scores.len();
        if n == 0 || out.len() != n {
            return;
        }
        let tr = &self.tr;
        self.best.clear();
        self.best.resize(n, [IMPOSSIBLE; N_TAGS]);
        for (&t, entry) in OPENERS.iter().zip(&tr.open) {
            let enter = if after_o { entry[0] } else { 0 };
            self.best[0][t] = i64::from(scores[0][t]) + enter;
        }
        for (i, row) in scores.iter().enumerate().skip(1) {
            let prev = self.best[i - 1];
            let closed: [i64; CLOSERS.len()] = std::array::from_fn(|k| prev[CLOSERS[k]]);
            let best = &mut self.best[i];
            // Only closers within `spread` of the best can give an opener its maximum (any
            // other k: closed[k] + w[k] <= top - spread + w[k] <= top + w[k_top]); usually
            // that is one or two of the nine. Integer sums make the pruning exact.
            let top_closed = closed.iter().copied().max().unwrap_or(IMPOSSIBLE);
            let mut live = [0usize; CLOSERS.len()];
            let mut n_live = 0;
            for (k, &c) in closed.iter().enumerate() {
                if c > top_closed - tr.spread - 1 {
                    live[n_live] = k;
                    n_live += 1;
                }
            }
            let live = &live[..n_live];
            for (&next, weights) in OPENERS.iter().zip(&tr.open) {
                let mut top = i64::MIN;
                for &k in live {
                    top = top.max(closed[k] + weights[k]);
                }
                best[next] = top + i64::from(row[next]);
            }
            for (x, w) in tr.inner.iter().enumerate() {
                let (b, i, l) = (1 + 4 * x, 2 + 4 * x, 3 + 4 * x);
                for (next, wb, wi) in [(i, w[0], w[1]), (l, w[2], w[3])] {
                    let top = (prev[b] + wb).max(prev[i] + wi);
                    best[next] = top + i64::from(row[next]);
                }
            }
            // Keep impossible tags impossible (and far from overflow).
            for v in best.iter_mut() {
                *v = (*v).max(IMPOSSIBLE);
            }
        }
        let mut last = 0u8;
        let mut top = i64::MIN;
        // Closers in ascending order with a strict `>`: ties go to the lowest tag.
        for (&t, &leave) in CLOSERS.iter().zip(&tr.open[0]) {
            let b = self.best[n - 1][t] + if before_o { leave } else { 0 };
            if b > top {
                top = b;
                last = t as u8;
            }
        }
        out[n - 1] = last;
        for i in (1..n).rev() {
            out[i - 1] = tr.argmax(&self.best[i - 1], out[i] as usize);
        }
    }
}

/// The best tag sequence for float `scores` (one row of [`N_TAGS`] scores per token) and
/// the transition scores `trans[prev * N_TAGS + next]`, by a full scan of all tag pairs
/// (training decodes with unquantized weights). Only BILOU-valid sequences are
/// considered; an empty input gives an empty output.
#[allow(clippy::needless_range_loop)]
pub fn viterbi(scores: &[[f32; N_TAGS]], trans: &[f32]) -> Vec<u8> {
    const NEG: f32 = f32::NEG_INFINITY;
    let n = scores.len();
    if n == 0 || trans.len() < N_TAGS * N_TAGS {
        return Vec::new();
    }
    let mut best = vec![[NEG; N_TAGS]; n];
    let mut back = vec![[0u8; N_TAGS]; n];
    for t in 0..N_TAGS {
        if may_start(t as u8) {
            best[0][t] = scores[0][t];
        }
    }
    for i in 1..n {
        for next in 0..N_TAGS {
            let (mut arg, mut top) = (0u8, NEG);
            for prev in 0..N_TAGS {
                if !allowed(prev as u8, next as u8) {
                    continue;
                }
                let s = best[i - 1][prev] + trans[prev * N_TAGS + next];
                if s > top {
                    top = s;
                    arg = prev as u8;
                }
            }
            if top > NEG {
                best[i][next] = top + scores[i][next];
                back[i][next] = arg;
            }
        }
    }
    let (mut last, mut top) = (0u8, NEG);
    for t in 0..N_TAGS {
        if may_end(t as u8) && best[n - 1][t] > top {
            top = best[n - 1][t];
            last = t as u8;
        }
    }
    let mut out = vec![0u8; n];
    out[n - 1] = last;
    for i in (1..n).rev() {
        out[i - 1] = back[i][out[i] as usize];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tags::{tag, Part, O};
    use super::*;

    /// A small deterministic pseudo-random sequence (xorshift64).
    fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
        move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        }
    }

    #[test]
    fn viterbi_repairs_an_invalid_greedy_choice() {
        // Greedy would pick I-PER for the first token, which cannot start a sentence.
        let mut a = [0f32; N_TAGS];
        a[tag(Part::Inside, 0) as usize] = 10.0;
        a[tag(Part::Begin, 0) as usize] = 8.0;
        let mut b = [0f32; N_TAGS];
        b[tag(Part::Last, 0) as usize] = 5.0;
        let trans = vec![0f32; N_TAGS * N_TAGS];
        assert_eq!(
            viterbi(&[a, b], &trans),
            vec![tag(Part::Begin, 0), tag(Part::Last, 0)]
        );
        assert_eq!(viterbi(&[[0.0; N_TAGS]], &trans), vec![O]);
        assert!(viterbi(&[], &trans).is_empty());
    }

    #[test]
    fn the_decoder_agrees_with_the_full_scan_including_ties() {
        let mut random = xorshift(0x2545_f491_4f6c_dd1d);
        // Few distinct values, so ties are common; large ones test the i64 path sums.
        let mut next = move || ((random() % 7) as i32 - 3) * (1 << 26);
        for len in 1..120 {
            // Every other case: transitions much smaller than token scores, so most closers
            // are pruned.
            let small = len % 2 == 0;
            let trans: Vec<i32> = (0..N_TAGS * N_TAGS)
                .map(|_| if small { next() >> 26 } else { next() })
                .collect();
            let scores: Vec<Row> = (0..len)
                .map(|_| std::array::from_fn(|_| if small { next() >> 14 } else { next() }))
                .collect();
            let mut out = vec![0u8; len];
            let mut decoder = Decoder::new(&trans);
            decoder.decode(&scores, &mut out);
            // The same values as floats, exact: multiples of 2^26 (path sums below 2^36,
            // 9 significant bits), or small cases below 2^24 in all.
            let f_trans: Vec<f32> = trans.iter().map(|&t| t as f32).collect();
            let f_scores: Vec<[f32; N_TAGS]> = scores.iter().map(|r| r.map(|v| v as f32)).collect();
            assert_eq!(out, viterbi(&f_scores, &f_trans), "length {len}");
        }
    }

    #[test]
    fn decoding_runs_between_fixed_tokens_equals_decoding_the_sentence_with_them_fixed() {
        let mut random = xorshift(0x9e37_79b9_7f4a_7c15);
        // Many distinct values, so ties are rare.
        let mut next = move || (random() >> 40) as i32 - (1 << 23);
        let only_o: Row = std::array::from_fn(|t| if t == 0 { 0 } else { i32::MIN / 2 });
        for len in 1..80 {
            let trans: Vec<i32> = (0..N_TAGS * N_TAGS).map(|_| next()).collect();
            let fixed: Vec<bool> = (0..len).map(|_| next() % 3 == 0).collect();
            let scores: Vec<Row> = (0..len).map(|_| std::array::from_fn(|_| next())).collect();
            let mut decoder = Decoder::new(&trans);
            let with_rows: Vec<Row> = (0..len)
                .map(|i| if fixed[i] { only_o } else { scores[i] })
                .collect();
            let mut whole = vec![0u8; len];
            decoder.decode(&with_rows, &mut whole);
            let mut runs = vec![0u8; len];
            let mut i = 0;
            while i < len {
                if fixed[i] {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < len && !fixed[i] {
                    i += 1;
                }
                decoder.decode_run(&scores[start..i], start > 0, i < len, &mut runs[start..i]);
            }
            assert_eq!(runs, whole, "length {len}");
            assert!(fixed.iter().zip(&runs).all(|(&f, &t)| !f || t == O));
        }
    }
}
