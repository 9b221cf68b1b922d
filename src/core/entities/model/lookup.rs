//! The scoring table: one open-addressing hash table from feature key to the weights of
//! both passes, built once from the stored [`Weights`].
//!
//! A feature extracted for pass 1 is looked up once and feeds both passes (its pass-2
//! weights are kept per token until pass 2 runs). Keys live in their own array, so a
//! feature the model does not know — most of them — costs one or two probes in 4-byte
//! slots; weights are stored sparsely (2.5 nonzero tags per feature on average, of 17), as
//! `(tag, value)` pairs already multiplied out of the codebook.

use super::tags::N_TAGS;
use super::weights::Weights;

/// Where one feature's weights for one pass are: `start << 5 | len` into the pair arrays
/// (`len` ≤ [`N_TAGS`] < 32); 0 means none.
type Packed = u32;

/// Key → weights of pass 1 and pass 2.
#[derive(Debug, Clone, Default)]
pub struct Lookup {
    /// `32 - log2(slots)`: the slot of a key is the top bits of its multiplicative hash.
    shift: u32,
    /// Slot keys; 0 marks an empty slot (key 0 itself lives in `zero`).
    keys: Vec<u32>,
    /// The weights of the key in the same slot, per pass.
    refs: Vec<[Packed; 2]>,
    /// The weights of key 0.
    zero: [Packed; 2],
    tags: Vec<u8>,
    values: Vec<f32>,
}

impl Lookup {
    /// Builds the table from the weights of each pass (`passes[0]` = pass 1; at most two
    /// are used).
    pub fn new(passes: &[&Weights]) -> Lookup {
        let n = distinct_keys(passes);
        // At most half full, so a miss ends after ~1.5 probes.
        let slots = (2 * n).max(16).next_power_of_two();
        let mut table = Lookup {
            shift: 32 - slots.trailing_zeros(),
            keys: vec![0; slots],
            refs: vec![[0; 2]; slots],
            zero: [0; 2],
            tags: Vec::new(),
            values: Vec::new(),
        };
        for (pass, weights) in passes.iter().take(2).enumerate() {
            for (key, row) in weights.features() {
                let start = table.values.len();
                for (t, &code) in row.iter().enumerate() {
                    if code != 0 {
                        table.tags.push(t as u8);
                        table.values.push(weights.value(code));
                    }
                }
                let len = table.values.len() - start;
                if len > 0 {
                    let packed = ((start as u32) << 5) | len as u32;
                    table.insert(*key)[pass] = packed;
                }
            }
        }
        table
    }

    #[inline]
    fn home(&self, key: u32) -> usize {
        (key.wrapping_mul(0x9e37_79b1) >> self.shift) as usize
    }

    /// The refs slot of `key`, created when absent.
    fn insert(&mut self, key: u32) -> &mut [Packed; 2] {
        if key == 0 {
            return &mut self.zero;
        }
        let mask = self.keys.len() - 1;
        let mut i = self.home(key);
        while self.keys[i] != 0 && self.keys[i] != key {
            i = (i + 1) & mask;
        }
        self.keys[i] = key;
        &mut self.refs[i]
    }

    /// The weights of `key` for both passes (`[0, 0]` when the model does not know it).
    #[inline]
    pub fn get(&self, key: u32) -> [Packed; 2] {
        if key == 0 {
            return self.zero;
        }
        let mask = self.keys.len().wrapping_sub(1);
        let mut i = self.home(key);
        // The table is at most half full, so an empty slot always ends the probe.
        while let Some(&k) = self.keys.get(i) {
            if k == key {
                return self.refs.get(i).copied().unwrap_or_default();
            }
            if k == 0 {
                break;
            }
            i = (i + 1) & mask;
        }
        [0; 2]
    }

    /// Adds the weights `packed` (one element of [`Lookup::get`]) into `scores`.
    #[inline]
    pub fn add(&self, packed: Packed, scores: &mut [f32; N_TAGS]) {
        let (start, len) = ((packed >> 5) as usize, (packed & 31) as usize);
        let (Some(tags), Some(values)) = (
            self.tags.get(start..start + len),
            self.values.get(start..start + len),
        ) else {
            return;
        };
        for (&t, &v) in tags.iter().zip(values) {
            if let Some(s) = scores.get_mut(t as usize) {
                *s += v;
            }
        }
    }

    /// Adds the weights of every feature in `features` for pass `pass` (0 or 1).
    pub fn score(&self, pass: usize, features: &[u32], scores: &mut [f32; N_TAGS]) {
        for &f in features {
            if let Some(&p) = self.get(f).get(pass) {
                self.add(p, scores);
            }
        }
    }
}

/// Number of distinct keys over the (sorted) features of the first two passes.
fn distinct_keys(passes: &[&Weights]) -> usize {
    let mut a = passes
        .first()
        .map_or(&[][..], |w| w.features())
        .iter()
        .peekable();
    let mut b = passes
        .get(1)
        .map_or(&[][..], |w| w.features())
        .iter()
        .peekable();
    let mut n = 0;
    loop {
        match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if x.0 == y.0 => {
                a.next();
                b.next();
            }
            (Some(x), Some(y)) if x.0 < y.0 => {
                a.next();
            }
            (Some(_), Some(_)) | (None, Some(_)) => {
                b.next();
            }
            (Some(_), None) => {
                a.next();
            }
            (None, None) => return n,
        }
        n += 1;
    }
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
            assert_eq!(t.get(k << 20)[1], 0);
            let mut s = [0.0; N_TAGS];
            t.add(t.get(k << 20)[0], &mut s);
            assert_eq!(s[0], 2.0, "key {k}");
        }
        assert_eq!(t.get(12345), [0, 0]);
    }
}
