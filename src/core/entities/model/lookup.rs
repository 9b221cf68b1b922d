//! The scoring table: one open-addressing hash table from feature key to the weights of
//! both passes, built once from the stored [`Weights`].
//!
//! A feature extracted for pass 1 is looked up once and feeds both passes (its pass-2
//! weights are kept per token until pass 2 runs). A slot is the key and where its weights
//! are for each pass, so a probe touches one cache line; a feature the model does not know
//! (most of them) ends at the first empty slot. Most features weigh only a few tags (2.5 of
//! 17 on average) and are stored as `(tag, value)` pairs; the features that fire on almost
//! every token weigh most tags and are stored as full rows, added without looking at tags.
//! Values are already multiplied out of the codebook, in fixed point ([`fixed`]): integer
//! sums are exact in any order, so scores may be summed in groups and remembered (see
//! `score.rs`) and still be the same numbers.

use super::tags::N_TAGS;
use super::weights::Weights;

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
    /// `32 - log2(slots)`: the slot of a key is the top bits of its multiplicative hash.
    shift: u32,
    /// `[key, pass 1, pass 2]`; key 0 marks an empty slot (key 0 itself lives in `zero`).
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
        let none: &[(u32, [i8; N_TAGS])] = &[];
        let one = passes.first().map_or(none, |w| w.features());
        let two = passes.get(1).map_or(none, |w| w.features());
        let n = merge(one, two).count();
        // At most half full, so a miss ends after ~1.5 probes.
        let size = (2 * n).max(16).next_power_of_two();
        let mut table = Lookup {
            shift: 32 - size.trailing_zeros(),
            slots: vec![[0; 3]; size],
            zero: [0; 2],
            pairs: Vec::with_capacity(3 * n),
            rows: Vec::new(),
        };
        // The fixed-point value of every code byte, per pass.
        let values: Vec<[i32; 256]> = passes
            .iter()
            .take(2)
            .map(|w| std::array::from_fn(|b| fixed(w.value(b as u8 as i8))))
            .collect();
        for (key, a, b) in merge(one, two) {
            let mut packed = [0; 2];
            for (p, (row, values)) in packed
                .iter_mut()
                .zip([(a, values.first()), (b, values.get(1))])
            {
                if let (Some(row), Some(values)) = (row, values) {
                    *p = table.store(row, values);
                }
            }
            if packed != [0, 0] {
                table.insert(key, packed);
            }
        }
        table
    }

    /// Stores one row of codes, given the value of each code byte; returns where it is.
    fn store(&mut self, row: &[i8; N_TAGS], values: &[i32; 256]) -> Packed {
        let count = row.iter().filter(|&&c| c != 0).count();
        if count >= DENSE_FROM {
            self.rows.push(row.map(|c| values[c as u8 as usize]));
            return (((self.rows.len() - 1) as u32) << 5) | DENSE;
        }
        let start = self.pairs.len() as u32;
        for (t, &code) in row.iter().enumerate() {
            if code != 0 {
                self.pairs.push(Pair {
                    value: values[code as u8 as usize],
                    tag: t as u8,
                });
            }
        }
        (start << 5) | count as u32
    }

    #[inline]
    fn home(&self, key: u32) -> usize {
        (key.wrapping_mul(0x9e37_79b1) >> self.shift) as usize
    }

    fn insert(&mut self, key: u32, packed: [Packed; 2]) {
        if key == 0 {
            self.zero = packed;
            return;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        while self.slots[i][0] != 0 && self.slots[i][0] != key {
            i = (i + 1) & mask;
        }
        self.slots[i] = [key, packed[0], packed[1]];
    }

    /// Where the weights of `key` are for pass 1 and pass 2 (0 when the model does not
    /// know it).
    #[inline]
    pub fn get(&self, key: u32) -> [Packed; 2] {
        if key == 0 {
            return self.zero;
        }
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = self.home(key);
        // The table is at most half full, so an empty slot always ends the probe.
        while let Some(&[k, one, two]) = self.slots.get(i) {
            if k == key {
                return [one, two];
            }
            if k == 0 {
                break;
            }
            i = (i + 1) & mask;
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

type Feature = (u32, [i8; N_TAGS]);

/// The union of two key-sorted feature lists: `(key, row in a, row in b)` in key order.
fn merge<'w>(
    a: &'w [Feature],
    b: &'w [Feature],
) -> impl Iterator<Item = (u32, Option<&'w [i8; N_TAGS]>, Option<&'w [i8; N_TAGS]>)> + 'w {
    let mut a = a.iter().peekable();
    let mut b = b.iter().peekable();
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        (Some(x), Some(y)) if x.0 == y.0 => {
            let (x, y) = (a.next()?, b.next()?);
            Some((x.0, Some(&x.1), Some(&y.1)))
        }
        (Some(x), Some(y)) if x.0 > y.0 => {
            let y = b.next()?;
            Some((y.0, None, Some(&y.1)))
        }
        (Some(_), _) => {
            let x = a.next()?;
            Some((x.0, Some(&x.1), None))
        }
        (None, Some(_)) => {
            let y = b.next()?;
            Some((y.0, None, Some(&y.1)))
        }
        (None, None) => None,
    })
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
}
