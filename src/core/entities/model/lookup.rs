//! The scoring table: one open-addressing hash table from feature key to the weights of
//! both passes, built once from the weights blob (`weights.rs`).
//!
//! A feature extracted for pass 1 is looked up once and feeds both passes (its pass-2
//! weights are kept per scored token until pass 2 runs). A slot is the key and where its
//! weights are for each pass, so a probe touches one cache line.
//!
//! Keys are FNV hashes already, so a key's home slot is its top bits, and the table is
//! built in one sweep over the blob's sorted keys: each key goes to its home slot or, if
//! that is taken, right after the previous key. The keys in the table are then in
//! ascending order, with no empty slot between a key's home and the key, so a probe stops
//! at the key, at an empty slot or at a larger key: a feature the model does not know
//! (most of them) usually ends at the first slot.
//!
//! Building is the first `annotate()`'s set-up, which a page runs in V8's baseline code:
//! it reads each key and its count of weights per pass, and nothing else for most of
//! them. The weights stay as the blob stores them, a tag byte and a code byte each, and a
//! code's value comes from a 256-entry table per pass. Most features weigh only a few tags
//! (2.5 of 17 on average): a single weight (30% of features) is held in the slot itself;
//! the features that fire on almost every token weigh most tags and are expanded to full
//! rows, added without looking at tags. A test checks every stored form against the
//! feature's weights. Values are in fixed point ([`fixed`]): integer sums are exact in any
//! order, so scores may be summed in groups and remembered (see `score.rs`) and still be
//! the same numbers.

use super::tags::N_TAGS;
use super::weights::Blob;

/// Where one feature's weights for one pass are. The low 3 bits say how they are stored:
/// 1 to 5 (`DENSE_FROM` − 1) are that many weights from `start` in the pass's tag and
/// code arrays, `DENSE` (6) is the full row `start` of the row array, and `INLINE` (7) is a
/// single weight held in the upper bits themselves (no second memory access: 30% of the
/// features weigh one tag); `start` is the upper 29 bits. 0 means no weights.
pub type Packed = u32;

/// Bits of [`Packed`] that say how the weights are stored.
const KIND: u32 = 7;
/// The kind that marks a full row.
const DENSE: u32 = 6;
/// The kind that marks one weight held inline: its tag in bits 3–7, its value in the top
/// 24 bits (signed).
const INLINE: u32 = 7;
/// Features weighing at least this many tags are stored as full rows (adding a zero
/// changes no score). Below it, at most `DENSE_FROM - 1` weights, which the 3 kind bits
/// must be able to count.
const DENSE_FROM: usize = 6;
/// Inline values must fit this many bits, signed (the shipped weights need 23); a single
/// weight that does not is kept as a run of one.
const VALUE_BITS: u32 = 24;

/// Scores of one token, one per tag, in fixed point.
pub type Row = [i32; N_TAGS];

/// Fixed-point scale: a weight `w` is `round(w · 2^16)`. The shipped weights lie within
/// ±37 and a token has fewer than 100 features, so a token's score stays below 2^29.
pub const SCALE: f32 = 65_536.0;

/// A weight or transition score in fixed point.
pub fn fixed(v: f32) -> i32 {
    (v * SCALE).round() as i32
}

/// True when `value` fits [`VALUE_BITS`] bits, signed.
fn fits(value: i32) -> bool {
    let limit = 1i32 << (VALUE_BITS - 1);
    (-limit..limit).contains(&value)
}

/// Key → weights of pass 1 and pass 2.
#[derive(Debug, Clone)]
pub struct Lookup {
    /// `32 - log2(home slots)`: the home slot of a key is its top bits.
    shift: u32,
    /// `[key, pass 1, pass 2]`, keys ascending; key 0 marks an empty slot (key 0 itself
    /// lives in `zero`). A few slots past the home slots may hold keys pushed past the last
    /// home slot.
    slots: Vec<[u32; 3]>,
    /// The weights of key 0.
    zero: [Packed; 2],
    /// Per pass: the tag of each weight, as the blob stores them.
    tags: [Vec<u8>; 2],
    /// Per pass: the code of each weight.
    codes: [Vec<u8>; 2],
    /// Per pass: the fixed-point value of each code byte.
    values: [[i32; 256]; 2],
    rows: Vec<Row>,
}

impl Lookup {
    /// Builds the table from a parsed blob (at most two passes are used); `None` when the
    /// blob's keys do not ascend or its counts disagree with its weights.
    pub fn from_blob(blob: &Blob<'_>) -> Option<Lookup> {
        // At most half full, so a miss ends after ~1.5 probes.
        let size = (2 * blob.keys).max(16).next_power_of_two();
        let column = |columns: &[&[u8]], pass: usize| -> Vec<u8> {
            columns.get(pass).map_or_else(Vec::new, |c| c.to_vec())
        };
        let values = |pass: usize| -> [i32; 256] {
            match blob.heads.get(pass) {
                Some(h) => std::array::from_fn(|b| fixed(h.value(b as u8 as i8))),
                None => [0; 256],
            }
        };
        let mut table = Lookup {
            shift: 32 - size.trailing_zeros(),
            slots: vec![[0; 3]; size],
            zero: [0; 2],
            tags: [column(&blob.tags, 0), column(&blob.tags, 1)],
            codes: [column(&blob.codes, 0), column(&blob.codes, 1)],
            values: [values(0), values(1)],
            rows: Vec::new(),
        };
        table.fill(blob)?;
        Some(table)
    }

    /// Stores every key in key order with where its weights are in each pass. Each pass's
    /// weights follow the keys' order, `count` at a time, so where they are is found by one
    /// walk over the pass's count column first; then the keys are read and placed.
    #[inline(never)]
    fn fill(&mut self, blob: &Blob<'_>) -> Option<()> {
        let mut packed: Vec<[Packed; 2]> = vec![[0; 2]; blob.keys];
        for (pass, counts) in blob.counts.iter().enumerate().take(2) {
            if counts.len() != blob.keys || self.tags[pass].len() >= 1 << 29 {
                return None;
            }
            let mut at = 0;
            for (p, &count) in packed.iter_mut().zip(counts.iter()) {
                p[pass] = self.store(pass, at, usize::from(count))?;
                at += usize::from(count);
            }
            // Runs are not checked one by one: the last ends at the end of the weights,
            // and each starts where the previous ended.
            if at != self.tags[pass].len() || at != self.codes[pass].len() {
                return None;
            }
        }
        let mut keys = blob.key_reader();
        // The first slot after the last key stored.
        let mut next = 0;
        for p in packed {
            let key = keys.next_key()?;
            if key == 0 {
                self.zero = p;
                continue;
            }
            if p == [0, 0] {
                continue;
            }
            let slot = self.home(key).max(next);
            if slot >= self.slots.len() {
                self.slots.resize(slot + 1, [0; 3]);
            }
            if let Some(s) = self.slots.get_mut(slot) {
                *s = [key, p[0], p[1]];
            }
            next = slot + 1;
        }
        keys.is_done().then_some(())
    }

    /// Where the `count` weights of pass `pass` from `start` are kept (0 for none); `None`
    /// when a single weight or a full row runs past the pass's weights (the caller checks
    /// that the runs end where the weights do).
    #[inline]
    fn store(&mut self, pass: usize, start: usize, count: usize) -> Option<Packed> {
        if count == 0 {
            return Some(0);
        }
        if count == 1 {
            let tag = *self.tags[pass].get(start)?;
            let value = self.values[pass][usize::from(*self.codes[pass].get(start)?)];
            if fits(value) && usize::from(tag) < N_TAGS {
                return Some(((value as u32) << 8) | (u32::from(tag) << 3) | INLINE);
            }
        }
        if count < DENSE_FROM {
            return Some(((start as u32) << 3) | count as u32);
        }
        let end = start + count;
        let tags = self.tags[pass].get(start..end)?;
        let codes = self.codes[pass].get(start..end)?;
        let values = &self.values[pass];
        let mut row = [0; N_TAGS];
        for (&t, &c) in tags.iter().zip(codes) {
            if let Some(slot) = row.get_mut(usize::from(t)) {
                *slot = values[usize::from(c)];
            }
        }
        self.rows.push(row);
        Some((((self.rows.len() - 1) as u32) << 3) | DENSE)
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

    /// Adds the weights of pass `pass` at `packed` (element `pass` of [`Lookup::get`])
    /// into `scores`.
    #[inline(always)]
    pub fn add(&self, pass: usize, packed: Packed, scores: &mut Row) {
        let (start, kind) = ((packed >> 3) as usize, packed & KIND);
        if kind == INLINE {
            if let Some(s) = scores.get_mut(start & 31) {
                *s = s.wrapping_add((packed as i32) >> 8);
            }
        } else if kind == DENSE {
            if let Some(row) = self.rows.get(start) {
                add_row(row, scores);
            }
        } else if kind != 0 {
            let end = start + kind as usize;
            if let (Some(tags), Some(codes), Some(values)) = (
                self.tags.get(pass).and_then(|t| t.get(start..end)),
                self.codes.get(pass).and_then(|c| c.get(start..end)),
                self.values.get(pass),
            ) {
                for (&t, &c) in tags.iter().zip(codes) {
                    if let Some(s) = scores.get_mut(usize::from(t)) {
                        *s = s.wrapping_add(values[usize::from(c)]);
                    }
                }
            }
        }
    }

    /// Adds the pass-1 weights of `packed` into `first` and its pass-2 weights into
    /// `second`.
    #[inline(always)]
    pub fn add_both(&self, packed: [Packed; 2], first: &mut Row, second: &mut Row) {
        self.add(0, packed[0], first);
        self.add(1, packed[1], second);
    }

    /// Adds the weights of every feature in `features` for pass `pass` (0 or 1).
    pub fn score(&self, pass: usize, features: &[u32], scores: &mut Row) {
        for &f in features {
            if let Some(&p) = self.get(f).get(pass) {
                self.add(pass, p, scores);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::entities::model::weights::{self, Weights, CODES};

    /// The table of a blob of `models`.
    fn table(models: &[Weights]) -> Lookup {
        let blob = weights::encode(models);
        Lookup::from_blob(&weights::parse(&blob).expect("parses")).expect("builds")
    }

    #[test]
    fn counts_that_disagree_with_the_weights_give_no_table() {
        let codebook: Vec<f32> = (1..=CODES).map(|k| k as f32).collect();
        let trans = vec![0.0; N_TAGS * N_TAGS];
        let mut row = [0i8; N_TAGS];
        row[1] = 3;
        row[7] = -2;
        let w = Weights::from_parts(codebook, trans, vec![(5, row), (9, row), (1 << 30, row)]);
        let blob = weights::encode(&[w]);
        let parsed = weights::parse(&blob).expect("parses");
        assert!(Lookup::from_blob(&parsed).is_some());
        // The offset of the first key's count in the blob.
        let at = parsed.counts[0].as_ptr() as usize - blob.as_ptr() as usize;
        for count in [1u8, 3, 17, 255] {
            let mut bad = blob.clone();
            bad[at] = count;
            let parsed = weights::parse(&bad).expect("the layout is unchanged");
            assert!(Lookup::from_blob(&parsed).is_none(), "count {count}");
        }
    }

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
        let t = table(&[w1.clone(), w2]);
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

    /// Each feature's stored weights (inline, pairs or a full row) add exactly its row of
    /// weights, for every feature of the shipped model and for values too large to pack.
    #[test]
    fn every_stored_form_adds_exactly_the_features_weights() {
        let model = crate::core::entities::model::Model::embedded().expect("model loads");
        let large: Vec<f32> = (1..=CODES).map(|k| 1000.0 - 20.0 * k as f32).collect();
        let trans = vec![0.0; N_TAGS * N_TAGS];
        let mut one_tag = [0i8; N_TAGS];
        one_tag[5] = 1; // 980.0: past the 24 bits a packed value has
        let mut two_tags = one_tag;
        two_tags[16] = 50; // 0.0: a zero weight is no weight
        let big = vec![Weights::from_parts(
            large,
            trans,
            vec![(1, one_tag), (2, two_tags)],
        )];
        let shipped_layers =
            weights::decode(include_bytes!("../../../../data/ner-model.bin")).expect("decodes");
        let shipped = &model.lookup;
        let synthetic = table(&big);
        let mut kinds = [0usize; 8];
        for (table, weights) in [(shipped, &shipped_layers), (&synthetic, &big)] {
            for (pass, w) in weights.iter().enumerate() {
                for (key, codes) in w.features() {
                    let want: Row = std::array::from_fn(|t| match codes[t] {
                        0 => 0,
                        c => fixed(w.value(c)),
                    });
                    let packed = table.get(key)[pass];
                    kinds[(packed & KIND) as usize] += 1;
                    let mut got = [0; N_TAGS];
                    table.add(pass, packed, &mut got);
                    assert_eq!(got, want, "pass {pass}, key {key}");
                }
            }
        }
        // Every form was used: inline, runs of 1 (a value too large to inline) to 5, full
        // rows.
        assert!(kinds[1..=5].iter().all(|&n| n > 0), "{kinds:?}");
        assert!(
            kinds[DENSE as usize] > 0 && kinds[INLINE as usize] > 0,
            "{kinds:?}"
        );
        let mut got = [0; N_TAGS];
        synthetic.add(0, synthetic.get(1)[0], &mut got);
        assert_eq!(got[5], fixed(980.0));
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
        let t = table(&[w1.clone(), w2]);
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
