//! The scoring table: one open-addressing hash table from feature key to the weights of
//! both passes, built once from the stored [`Weights`].
//!
//! A feature extracted for pass 1 is looked up once and feeds both passes (its pass-2
//! weights are kept per token until pass 2 runs). A slot is the key and where its weights
//! are for each pass, so a probe touches one cache line.
//!
//! Keys are FNV hashes already, so a key's home slot is its top bits, and the table is
//! built in one sweep over the key-sorted features: each key goes to its home slot or, if
//! that is taken, right after the previous key. The keys in the table are then in
//! ascending order, with no empty slot between a key's home and the key, so a probe stops
//! at the key, at an empty slot or at a larger key: a feature the model does not know
//! (most of them) usually ends at the first slot. Building touches memory in order, which
//! matters for the first `annotate()` call in the browser. Most features weigh only a few tags (2.5 of
//! 17 on average) and are stored as `(tag, value)` pairs; the features that fire on almost
//! every token weigh most tags and are stored as full rows, added without looking at tags.
//! Values are already multiplied out of the codebook, in fixed point ([`fixed`]): integer
//! sums are exact in any order, so scores may be summed in groups and remembered (see
//! `score.rs`) and still be the same numbers.

use super::tags::N_TAGS;
use super::weights::{Columns, Weights};

/// Where one feature's weights for one pass are: `start << 5 | count`; `count` ≤
/// [`N_TAGS`] pairs from `start` in the pair array, or [`DENSE`] for the full row `start`
/// of the row array. 0 means no weights.
pub type Packed = u32;

/// The count that marks a full row.
const DENSE: u32 = 31;
/// Features weighing at least this many tags are stored as full rows (adding a zero
/// changes no score).
const DENSE_FROM: usize = 6;

/// Scores of one token, one per tag, in fixed point.
pub type Row = [i32; N_TAGS];

/// Fixed-point scale: a weight `w` is `round(w · 2^16)`. The shipped weights lie within
/// ±37 and a token has fewer than 100 features, so a token's score stays below 2^29.
pub const SCALE: f32 = 65_536.0;

/// A weight or transition score in fixed point.
pub fn fixed(v: f32) -> i32 {
    (v * SCALE).round() as i32
}

/// One weight: the tag it scores and its value.
#[derive(Debug, Clone, Copy, Default)]
struct Pair {
    value: i32,
    tag: u8,
}

/// Key → weights of pass 1 and pass 2.
#[derive(Debug, Clone, Default)]
pub struct Lookup {
    /// `32 - log2(home slots)`: the home slot of a key is its top bits.
    shift: u32,
    /// `[key, pass 1, pass 2]`, keys ascending; key 0 marks an empty slot (key 0 itself
    /// lives in `zero`). A few slots past the home slots may hold keys pushed past the last
    /// home slot.
    slots: Vec<[u32; 3]>,
    /// The weights of key 0.
    zero: [Packed; 2],
    pairs: Vec<Pair>,
    rows: Vec<Row>,
}

impl Lookup {
    /// Builds the table from the weights of each pass (`passes[0]` = pass 1; at most two
    /// are used).
    pub fn new(passes: &[&Weights]) -> Lookup {
        let none = Columns {
            keys: &[],
            masks: &[],
            codes: &[],
        };
        let one = passes.first().map_or(none, |w| w.columns());
        let two = passes.get(1).map_or(none, |w| w.columns());
        let n = union_len(one.keys, two.keys);
        // At most half full, so a miss ends after ~1.5 probes.
        let size = (2 * n).max(16).next_power_of_two();
        let (mut pairs, mut rows) = (0, 0);
        for &mask in one.masks.iter().chain(two.masks) {
            let count = mask.count_ones() as usize;
            if count >= DENSE_FROM {
                rows += 1;
            } else {
                pairs += count;
            }
        }
        let mut table = Lookup {
            shift: 32 - size.trailing_zeros(),
            slots: vec![[0; 3]; size],
            zero: [0; 2],
            pairs: Vec::with_capacity(pairs),
            rows: Vec::with_capacity(rows),
        };
        // The fixed-point value of every code byte, per pass.
        let values = |pass: usize| -> [i32; 256] {
            match passes.get(pass) {
                Some(w) => std::array::from_fn(|b| fixed(w.value(b as u8 as i8))),
                None => [0; 256],
            }
        };
        let (values_one, values_two) = (values(0), values(1));
        // The union of the two key-sorted lists, in key order; each pass's codes are read
        // in order, `popcount(mask)` at a time.
        let (mut a, mut b) = (Reader::new(one), Reader::new(two));
        // The first slot after the last key stored.
        let mut next = 0;
        loop {
            let (key, in_one, in_two) = match (a.key(), b.key()) {
                (Some(x), Some(y)) => (x.min(y), x <= y, y <= x),
                (Some(x), None) => (x, true, false),
                (None, Some(y)) => (y, false, true),
                (None, None) => break,
            };
            let mut packed = [0; 2];
            if in_one {
                let (mask, codes) = a.next();
                packed[0] = table.store(mask, codes, &values_one);
            }
            if in_two {
                let (mask, codes) = b.next();
                packed[1] = table.store(mask, codes, &values_two);
            }
            if packed == [0, 0] {
                continue;
            }
            if key == 0 {
                table.zero = packed;
                continue;
            }
            let at = table.home(key).max(next);
            if at >= table.slots.len() {
                table.slots.resize(at + 1, [0; 3]);
            }
            if let Some(slot) = table.slots.get_mut(at) {
                *slot = [key, packed[0], packed[1]];
            }
            next = at + 1;
        }
        table
    }

    /// Stores one feature's codes (one per set bit of `mask`, tags ascending), given the
    /// value of each code byte; returns where they are (0 for no weights).
    fn store(&mut self, mask: u32, codes: &[i8], values: &[i32; 256]) -> Packed {
        let tags = Tags(mask);
        if codes.len() >= DENSE_FROM {
            let mut row = [0; N_TAGS];
            for (t, &code) in tags.zip(codes) {
                if let Some(slot) = row.get_mut(t) {
                    *slot = values[code as u8 as usize];
                }
            }
            self.rows.push(row);
            return (((self.rows.len() - 1) as u32) << 5) | DENSE;
        }
        if codes.is_empty() {
            return 0;
        }
        let start = self.pairs.len() as u32;
        for (t, &code) in tags.zip(codes) {
            self.pairs.push(Pair {
                value: values[code as u8 as usize],
                tag: t as u8,
            });
        }
        (start << 5) | codes.len() as u32
    }

    #[inline]
    fn home(&self, key: u32) -> usize {
        (key >> self.shift) as usize
    }

    /// Where the weights of `key` are for pass 1 and pass 2 (0 when the model does not
    /// know it).
    #[inline]
    pub fn get(&self, key: u32) -> [Packed; 2] {
        if key == 0 {
            return self.zero;
        }
        let mut i = self.home(key);
        // Keys ascend from the home slot on, with no gap before `key` if it is there.
        while let Some(&[k, one, two]) = self.slots.get(i) {
            if k == key {
                return [one, two];
            }
            if k == 0 || k > key {
                break;
            }
            i += 1;
        }
        [0; 2]
    }

    /// Adds the weights at `packed` (one element of [`Lookup::get`]) into `scores`.
    #[inline(always)]
    pub fn add(&self, packed: Packed, scores: &mut Row) {
        let (start, count) = ((packed >> 5) as usize, packed & 31);
        if count == DENSE {
            if let Some(row) = self.rows.get(start) {
                add_row(row, scores);
            }
        } else if let Some(pairs) = self.pairs.get(start..start + count as usize) {
            add_pairs(pairs, scores);
        }
    }

    /// Adds the pass-1 weights of `packed` into `first` and its pass-2 weights into
    /// `second`.
    #[inline(always)]
    pub fn add_both(&self, packed: [Packed; 2], first: &mut Row, second: &mut Row) {
        self.add(packed[0], first);
        self.add(packed[1], second);
    }

    /// Adds the weights of every feature in `features` for pass `pass` (0 or 1).
    pub fn score(&self, pass: usize, features: &[u32], scores: &mut Row) {
        for &f in features {
            if let Some(&p) = self.get(f).get(pass) {
                self.add(p, scores);
            }
        }
    }
}

/// Adds `row` into `into`, tag by tag.
#[inline]
pub fn add_row(row: &Row, into: &mut Row) {
    for (s, v) in into.iter_mut().zip(row) {
        *s = s.wrapping_add(*v);
    }
}

#[inline]
fn add_pairs(pairs: &[Pair], scores: &mut Row) {
    for p in pairs {
        if let Some(s) = scores.get_mut(p.tag as usize) {
            *s = s.wrapping_add(p.value);
        }
    }
}

/// The set bits of a tag mask, lowest first.
struct Tags(u32);

impl Iterator for Tags {
    type Item = usize;
    #[inline]
    fn next(&mut self) -> Option<usize> {
        if self.0 == 0 {
            return None;
        }
        let t = self.0.trailing_zeros() as usize;
        self.0 &= self.0 - 1;
        Some(t)
    }
}

/// Walks one pass's features in key order.
struct Reader<'w> {
    columns: Columns<'w>,
    /// The next feature.
    at: usize,
    /// Where its codes start.
    code: usize,
}

impl<'w> Reader<'w> {
    fn new(columns: Columns<'w>) -> Self {
        Reader {
            columns,
            at: 0,
            code: 0,
        }
    }

    /// The key of the next feature.
    #[inline]
    fn key(&self) -> Option<u32> {
        self.columns.keys.get(self.at).copied()
    }

    /// The next feature's mask and codes (no codes when the columns disagree, which
    /// [`Weights`] never lets happen), and moves past it.
    #[inline]
    fn next(&mut self) -> (u32, &'w [i8]) {
        let mask = self.columns.masks.get(self.at).copied().unwrap_or(0);
        let end = self.code + mask.count_ones() as usize;
        let codes = self.columns.codes.get(self.code..end).unwrap_or(&[]);
        self.at += 1;
        self.code = end;
        (mask, codes)
    }
}

/// The number of distinct keys in two sorted lists of unique keys.
fn union_len(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
        i += usize::from(x <= y);
        j += usize::from(y <= x);
        n += 1;
    }
    n + a.len().saturating_sub(i) + b.len().saturating_sub(j)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::entities::model::weights::CODES;

    #[test]
    fn lookups_add_the_weights_of_both_passes() {
        let codebook: Vec<f32> = (1..=CODES).map(|k| k as f32).collect();
        let trans = vec![0.0; N_TAGS * N_TAGS];
        let mut a = [0i8; N_TAGS];
        a[3] = -5;
        a[16] = 100;
        let mut b = [0i8; N_TAGS];
        b[0] = 2;
        // Many keys, including 0 and keys that collide in their home slot.
        let mut feats1: Vec<(u32, [i8; N_TAGS])> = (1..500u32).map(|k| (k << 20, b)).collect();
        feats1.push((42, a));
        feats1.push((0, a));
        let w1 = Weights::from_parts(codebook.clone(), trans.clone(), feats1);
        let w2 = Weights::from_parts(codebook, trans, vec![(42, b), (7, a)]);
        let t = Lookup::new(&[&w1, &w2]);
        let u = fixed(1.0);
        let mut s = [0; N_TAGS];
        t.score(0, &[42, 42, 9, 0], &mut s);
        assert_eq!((s[3], s[16], s[0]), (-15 * u, 300 * u, 0));
        let mut s = [0; N_TAGS];
        t.score(1, &[42, 7, 0, 1 << 20], &mut s);
        assert_eq!((s[0], s[3], s[16]), (2 * u, -5 * u, 100 * u));
        for k in 1..500u32 {
            let (mut s, mut s2) = ([0; N_TAGS], [0; N_TAGS]);
            t.add_both(t.get(k << 20), &mut s, &mut s2);
            assert_eq!((s[0], s2), (2 * u, [0; N_TAGS]), "key {k}");
        }
        assert_eq!(t.get(12345), [0, 0]);
    }

    #[test]
    fn every_key_is_found_and_no_other_even_in_crowded_and_overflowing_runs() {
        let codebook: Vec<f32> = (1..=CODES).map(|k| k as f32).collect();
        let trans = vec![0.0; N_TAGS * N_TAGS];
        // Pseudo-random keys, runs that share one home slot, and keys at the very top
        // (pushed past the last home slot).
        let mut x = 0x1234_5678u32;
        let mut keys: Vec<u32> = (0..3000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x
            })
            .collect();
        keys.extend((0..40).map(|k| 0x8000_0000 + k));
        keys.extend((0..40).map(|k| u32::MAX - k));
        let row = |k: u32| {
            let mut r = [0i8; N_TAGS];
            r[(k % N_TAGS as u32) as usize] = (k % 100) as i8 + 1;
            if k % 3 == 0 {
                r.iter_mut().take(8).for_each(|c| *c = -1);
            }
            r
        };
        let (a, b): (Vec<u32>, Vec<u32>) = keys.iter().partition(|&&k| k % 2 == 0);
        let w1 = Weights::from_parts(
            codebook.clone(),
            trans.clone(),
            a.iter().map(|&k| (k, row(k))).collect(),
        );
        let both: Vec<u32> = b.iter().chain(a.iter().take(500)).copied().collect();
        let w2 = Weights::from_parts(codebook, trans, both.iter().map(|&k| (k, row(k))).collect());
        let t = Lookup::new(&[&w1, &w2]);
        let want = |k: u32| {
            let mut s = [0; N_TAGS];
            for (t, c) in row(k).iter().enumerate() {
                s[t] = fixed(w1.value(*c));
            }
            s
        };
        for &k in &keys {
            let (mut s1, mut s2) = ([0; N_TAGS], [0; N_TAGS]);
            t.add_both(t.get(k), &mut s1, &mut s2);
            let in_one = a.contains(&k);
            let in_two = both.contains(&k);
            assert_eq!(s1, if in_one { want(k) } else { [0; N_TAGS] }, "key {k}");
            assert_eq!(s2, if in_two { want(k) } else { [0; N_TAGS] }, "key {k}");
        }
        for k in [1, 2, 0x8000_0028, u32::MAX - 40, 0x7fff_ffff] {
            assert_eq!(t.get(k), [0, 0], "key {k}");
        }
    }
}
