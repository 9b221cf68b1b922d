//! The scoring table: one open-addressing hash table from feature key to the weights of
//! both passes, built once from the stored [`Weights`].
//!
//! A feature extracted for pass 1 is looked up once and feeds both passes (its pass-2
//! weights are kept per token until pass 2 runs). A slot is 8 bytes — the key and where its
//! weights are — so a probe touches one cache line; a feature the model does not know (most
//! of them) ends at the first empty slot. Weights are stored sparsely (2.5 nonzero tags per
//! feature on average, of 17) as `(tag, value)` pairs already multiplied out of the
//! codebook, a feature's pass-1 pairs right before its pass-2 pairs.

use super::tags::N_TAGS;
use super::weights::Weights;

/// Where one feature's weights are: `start << 10 | pass-1 count << 5 | pass-2 count`
/// (counts ≤ [`N_TAGS`] < 32); 0 means none.
pub type Packed = u32;

/// One weight: the tag it scores and its value.
#[derive(Debug, Clone, Copy, Default)]
struct Pair {
    value: f32,
    tag: u8,
}

/// Key → weights of pass 1 and pass 2.
#[derive(Debug, Clone, Default)]
pub struct Lookup {
    /// `32 - log2(slots)`: the slot of a key is the top bits of its multiplicative hash.
    shift: u32,
    /// `[key, packed]`; key 0 marks an empty slot (key 0 itself lives in `zero`).
    slots: Vec<[u32; 2]>,
    /// The weights of key 0.
    zero: Packed,
    pairs: Vec<Pair>,
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
            slots: vec![[0; 2]; size],
            zero: 0,
            pairs: Vec::new(),
        };
        for (key, a, b) in merge(one, two) {
            let start = table.pairs.len();
            let mut counts = [0u32; 2];
            for (count, (row, weights)) in counts
                .iter_mut()
                .zip([(a, passes.first()), (b, passes.get(1))])
            {
                let (Some(row), Some(weights)) = (row, weights) else {
                    continue;
                };
                for (t, &code) in row.iter().enumerate() {
                    if code != 0 {
                        table.pairs.push(Pair {
                            value: weights.value(code),
                            tag: t as u8,
                        });
                        *count += 1;
                    }
                }
            }
            if counts != [0, 0] {
                let packed = ((start as u32) << 10) | (counts[0] << 5) | counts[1];
                table.insert(key, packed);
            }
        }
        table
    }

    #[inline]
    fn home(&self, key: u32) -> usize {
        (key.wrapping_mul(0x9e37_79b1) >> self.shift) as usize
    }

    fn insert(&mut self, key: u32, packed: Packed) {
        if key == 0 {
            self.zero = packed;
            return;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        while self.slots[i][0] != 0 && self.slots[i][0] != key {
            i = (i + 1) & mask;
        }
        self.slots[i] = [key, packed];
    }

    /// Where the weights of `key` are (0 when the model does not know it).
    #[inline]
    pub fn get(&self, key: u32) -> Packed {
        if key == 0 {
            return self.zero;
        }
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = self.home(key);
        // The table is at most half full, so an empty slot always ends the probe.
        while let Some(&[k, packed]) = self.slots.get(i) {
            if k == key {
                return packed;
            }
            if k == 0 {
                break;
            }
            i = (i + 1) & mask;
        }
        0
    }

    /// The pairs of `packed` for pass 1 and for pass 2.
    #[inline]
    fn rows(&self, packed: Packed) -> (&[Pair], &[Pair]) {
        let start = (packed >> 10) as usize;
        let one = ((packed >> 5) & 31) as usize;
        let two = (packed & 31) as usize;
        let all = self.pairs.get(start..start + one + two).unwrap_or_default();
        all.split_at(one.min(all.len()))
    }

    /// Adds the weights `packed` (from [`Lookup::get`]) has for pass `pass` (0 or 1) into
    /// `scores`.
    #[inline]
    pub fn add(&self, packed: Packed, pass: usize, scores: &mut [f32; N_TAGS]) {
        let (one, two) = self.rows(packed);
        add_pairs(if pass == 0 { one } else { two }, scores);
    }

    /// Adds the pass-1 weights of `packed` into `first` and its pass-2 weights into
    /// `second`.
    #[inline]
    pub fn add_both(&self, packed: Packed, first: &mut [f32; N_TAGS], second: &mut [f32; N_TAGS]) {
        let (one, two) = self.rows(packed);
        add_pairs(one, first);
        add_pairs(two, second);
    }

    /// Adds the weights of every feature in `features` for pass `pass` (0 or 1).
    pub fn score(&self, pass: usize, features: &[u32], scores: &mut [f32; N_TAGS]) {
        for &f in features {
            self.add(self.get(f), pass, scores);
        }
    }
}

#[inline]
fn add_pairs(pairs: &[Pair], scores: &mut [f32; N_TAGS]) {
    for p in pairs {
        if let Some(s) = scores.get_mut(p.tag as usize) {
            *s += p.value;
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
        let mut s = [0.0; N_TAGS];
        t.score(0, &[42, 42, 9, 0], &mut s);
        assert_eq!((s[3], s[16], s[0]), (-15.0, 300.0, 0.0));
        let mut s = [0.0; N_TAGS];
        t.score(1, &[42, 7, 0, 1 << 20], &mut s);
        assert_eq!((s[0], s[3], s[16]), (2.0, -5.0, 100.0));
        for k in 1..500u32 {
            let (mut s, mut s2) = ([0.0; N_TAGS], [0.0; N_TAGS]);
            t.add_both(t.get(k << 20), &mut s, &mut s2);
            assert_eq!((s[0], s2), (2.0, [0.0; N_TAGS]), "key {k}");
        }
        assert_eq!(t.get(12345), 0);
    }
}
