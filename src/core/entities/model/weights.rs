//! The compact weights blob: int8 weights under hashed `u32` feature keys.
//!
//! Weights are int8 codes into a per-model codebook of 127 (log-spaced) magnitudes (code `c` means
//! `sign(c) · codebook[|c| - 1]`), so the heavy-tailed perceptron weights keep their small
//! values. Layout (little-endian): `b"NERW"`, feature version `u16`, tag count `u8`, model
//! count `u8`; then per model: the codebook (127 × `f32`), `N_TAGS²` transition weights
//! `f32`, a feature count `u32`, then three columns over the features sorted by key: the
//! key deltas (LEB128 varints), the tag masks (varints; bit `t` = tag `t` has a weight), and
//! one code `i8` per set bit of each mask, in feature order. Columns keep like bytes
//! together, which gzip compresses far better than interleaved records (313 KB instead of
//! 420 KB for the shipped model). Parsing never panics: anything malformed gives `None`.

use super::features::FEATURE_VERSION;
use super::tags::N_TAGS;

const MAGIC: &[u8; 4] = b"NERC";
/// Number of magnitudes in a codebook.
pub const CODES: usize = 127;

/// One linear model as stored: per-feature tag codes and tag-transition weights. Scoring
/// goes through [`super::lookup::Lookup`], which is built from one or two of these.
///
/// The features are kept in the blob's own column layout (keys, tag masks, codes), so
/// loading copies the codes in one piece and never expands a feature to a full row.
#[derive(Debug, Clone, Default)]
pub struct Weights {
    /// The magnitudes the codes stand for (code `k` ≥ 1 is `codebook[k - 1]`).
    pub codebook: Vec<f32>,
    /// `trans[prev * N_TAGS + next]`.
    pub trans: Vec<f32>,
    /// The feature keys, sorted, unique.
    keys: Vec<u32>,
    /// Per feature, the tags it weighs: bit `t` = tag `t` has a nonzero code.
    masks: Vec<u32>,
    /// One nonzero code per set bit of each mask, in feature order (tags ascending).
    codes: Vec<i8>,
}

/// The features of one model, column by column (see [`Weights::columns`]).
#[derive(Debug, Clone, Copy)]
pub struct Columns<'w> {
    /// The feature keys, sorted, unique.
    pub keys: &'w [u32],
    /// Per feature, the tags it weighs (bit `t` = tag `t`); below `1 << N_TAGS`.
    pub masks: &'w [u32],
    /// One nonzero code per set bit of each mask, in feature order (tags ascending):
    /// `masks.iter().map(count_ones).sum()` codes.
    pub codes: &'w [i8],
}

impl Weights {
    /// Builds a model from quantized parts (used by training and tests). Features are
    /// sorted by key; of two features with one key, the last wins.
    pub fn from_parts(
        codebook: Vec<f32>,
        trans: Vec<f32>,
        mut features: Vec<(u32, [i8; N_TAGS])>,
    ) -> Self {
        // Stable sort, then keep the last of equal keys.
        features.sort_by_key(|&(k, _)| k);
        let mut unique: Vec<(u32, [i8; N_TAGS])> = Vec::with_capacity(features.len());
        for f in features {
            match unique.last_mut() {
                Some(last) if last.0 == f.0 => *last = f,
                _ => unique.push(f),
            }
        }
        let mut w = Weights {
            codebook,
            trans,
            keys: Vec::with_capacity(unique.len()),
            masks: Vec::with_capacity(unique.len()),
            codes: Vec::new(),
        };
        for (key, row) in unique {
            w.keys.push(key);
            w.masks
                .push((0..N_TAGS).filter(|&t| row[t] != 0).map(|t| 1 << t).sum());
            w.codes.extend(row.iter().filter(|&&c| c != 0));
        }
        w
    }

    /// Number of features with weights.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when no feature has weights.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The value a code stands for: `sign(code) · codebook[|code| - 1]`, 0 for code 0.
    pub fn value(&self, code: i8) -> f32 {
        let mag = self
            .codebook
            .get((code.unsigned_abs() as usize).wrapping_sub(1))
            .copied()
            .unwrap_or(0.0);
        if code < 0 {
            -mag
        } else {
            mag
        }
    }

    /// The features in key order: `(key, code per tag)`.
    pub fn features(&self) -> impl Iterator<Item = (u32, [i8; N_TAGS])> + '_ {
        let mut codes = self.codes.iter();
        self.keys.iter().zip(&self.masks).map(move |(&key, &mask)| {
            let mut row = [0i8; N_TAGS];
            for (t, slot) in row.iter_mut().enumerate() {
                if mask & (1 << t) != 0 {
                    *slot = codes.next().copied().unwrap_or(0);
                }
            }
            (key, row)
        })
    }

    /// The features as stored: keys, tag masks and codes.
    pub fn columns(&self) -> Columns<'_> {
        Columns {
            keys: &self.keys,
            masks: &self.masks,
            codes: &self.codes,
        }
    }

    fn encode(&self, out: &mut Vec<u8>) {
        for k in 0..CODES {
            let v = self.codebook.get(k).copied().unwrap_or(0.0);
            out.extend_from_slice(&v.to_le_bytes());
        }
        for &t in &self.trans {
            out.extend_from_slice(&t.to_le_bytes());
        }
        out.extend_from_slice(&(self.keys.len() as u32).to_le_bytes());
        let mut prev = 0u32;
        for &key in &self.keys {
            put_varint(out, key.wrapping_sub(prev));
            prev = key;
        }
        for &mask in &self.masks {
            put_varint(out, mask);
        }
        out.extend(self.codes.iter().map(|&c| c as u8));
    }

    fn decode(r: &mut Reader<'_>) -> Option<Weights> {
        let floats = |r: &mut Reader<'_>, n: usize| -> Option<Vec<f32>> {
            let v: Vec<f32> = r
                .take(4 * n)?
                .chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect();
            v.iter().all(|x| x.is_finite()).then_some(v)
        };
        let codebook = floats(r, CODES)?;
        let trans = floats(r, N_TAGS * N_TAGS)?;
        let n = u32::from_le_bytes(r.array()?) as usize;
        // Every feature takes at least two bytes (a key delta and a mask).
        if n > r.bytes.len() / 2 {
            return None;
        }
        let keys = read_keys(r, n)?;
        let (mut masks, count) = read_masks(r, n)?;
        // One code per set bit, copied as they are.
        let mut codes = read_codes(r.take(count)?);
        // The encoder never writes a zero code (a weight that is not there); should a blob
        // hold one anyway, its bit is cleared, as if it had not been written.
        if codes.contains(&0) {
            drop_zero_codes(&mut masks, &mut codes);
        }
        Some(Weights {
            codebook,
            trans,
            keys,
            masks,
            codes,
        })
    }
}

// The loops that read a blob are small functions of their own: the first `annotate()` in
// a page runs them over some 50,000 features, so V8 compiles them with its optimising
// compiler right away, and a small function compiles in a fraction of the time (this
// compilation competes with the page's first highlight for the CPU).

/// `n` keys stored as deltas (see `encode`): sorted and unique, so each delta after the
/// first is at least 1 and never wraps, and no sort is needed.
#[inline(never)]
fn read_keys(r: &mut Reader<'_>, n: usize) -> Option<Vec<u32>> {
    let mut keys = Vec::with_capacity(n);
    let mut key = 0u32;
    for k in 0..n {
        let delta = r.varint()?;
        if k > 0 && delta == 0 {
            return None;
        }
        key = key.checked_add(delta)?;
        keys.push(key);
    }
    Some(keys)
}

/// `n` tag masks, and the number of codes they call for (one per set bit).
#[inline(never)]
fn read_masks(r: &mut Reader<'_>, n: usize) -> Option<(Vec<u32>, usize)> {
    let mut masks = Vec::with_capacity(n);
    let mut count = 0usize;
    for _ in 0..n {
        let mask = r.varint()?;
        if mask >> N_TAGS != 0 {
            return None;
        }
        count += mask.count_ones() as usize;
        masks.push(mask);
    }
    Some((masks, count))
}

/// The codes, as stored.
#[inline(never)]
fn read_codes(bytes: &[u8]) -> Vec<i8> {
    bytes.iter().map(|&c| c as i8).collect()
}

/// Removes the zero codes and clears their bits in the masks.
fn drop_zero_codes(masks: &mut [u32], codes: &mut Vec<i8>) {
    let mut kept = Vec::with_capacity(codes.len());
    let mut at = codes.iter();
    for mask in masks.iter_mut() {
        let mut bits = *mask;
        while bits != 0 {
            let bit = bits & bits.wrapping_neg();
            bits &= bits - 1;
            match at.next() {
                Some(&c) if c != 0 => kept.push(c),
                _ => *mask &= !bit,
            }
        }
    }
    *codes = kept;
}

struct Reader<'b> {
    bytes: &'b [u8],
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Option<&'b [u8]> {
        if n > self.bytes.len() {
            return None;
        }
        let (head, tail) = self.bytes.split_at(n);
        self.bytes = tail;
        Some(head)
    }
    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }
    /// A LEB128 varint of at most five bytes that fits a `u32`.
    fn varint(&mut self) -> Option<u32> {
        let bytes = self.bytes;
        // Most masks and many key deltas take one or two bytes: no loop for those.
        let first = *bytes.first()?;
        if first < 0x80 {
            self.bytes = bytes.get(1..)?;
            return Some(u32::from(first));
        }
        let mut value = u32::from(first & 0x7f);
        for i in 1..5 {
            let byte = *bytes.get(i)?;
            // The fifth byte holds the top 4 bits: anything more is not a u32.
            if i == 4 && byte > 0x0f {
                return None;
            }
            value |= u32::from(byte & 0x7f) << (7 * i);
            if byte & 0x80 == 0 {
                self.bytes = bytes.get(i + 1..)?;
                return Some(value);
            }
        }
        None
    }
}

fn put_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Serializes the models (pass 1, pass 2, …) into a blob.
pub fn encode(models: &[Weights]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FEATURE_VERSION.to_le_bytes());
    out.push(N_TAGS as u8);
    out.push(models.len() as u8);
    for m in models {
        m.encode(&mut out);
    }
    out
}

/// Parses a blob; `None` when it is malformed, truncated, has trailing bytes or was made
/// for another feature version.
pub fn decode(bytes: &[u8]) -> Option<Vec<Weights>> {
    let mut r = Reader { bytes };
    if r.take(4)? != MAGIC {
        return None;
    }
    let version = u16::from_le_bytes(r.array()?);
    let [tags, count] = r.array()?;
    if version != FEATURE_VERSION || tags as usize != N_TAGS {
        return None;
    }
    let models = (0..count)
        .map(|_| Weights::decode(&mut r))
        .collect::<Option<Vec<_>>>()?;
    r.bytes.is_empty().then_some(models)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip_and_overlong_ones_are_refused() {
        let values = [
            0,
            1,
            127,
            128,
            300,
            1 << 14,
            (1 << 21) - 1,
            1 << 28,
            u32::MAX,
        ];
        let mut bytes = Vec::new();
        for &v in &values {
            put_varint(&mut bytes, v);
        }
        let mut r = Reader { bytes: &bytes };
        for &v in &values {
            assert_eq!(r.varint(), Some(v));
        }
        assert!(r.bytes.is_empty());
        for bad in [
            &[0x80u8][..],                         // cut short
            &[0xff, 0xff, 0xff, 0xff, 0x10],       // more than 32 bits
            &[0x80, 0x80, 0x80, 0x80, 0x80, 0x00], // six bytes
            &[],
        ] {
            assert_eq!(Reader { bytes: bad }.varint(), None, "{bad:?}");
        }
    }

    #[test]
    fn blobs_round_trip_and_bad_blobs_are_refused() {
        let mut row = [0i8; N_TAGS];
        row[3] = -5;
        row[16] = 100;
        let mut trans = vec![0.0; N_TAGS * N_TAGS];
        trans[5] = -20.0;
        let codebook: Vec<f32> = (1..=CODES).map(|k| k as f32).collect();
        let w = Weights::from_parts(codebook, trans, vec![(42, row), (7, [1; N_TAGS])]);
        let w_features = vec![(7, [1; N_TAGS]), (42, row)];
        let blob = encode(&[w.clone(), w]);
        let back = decode(&blob).expect("round trip");
        assert_eq!(back.len(), 2);
        assert_eq!(back[0].features().collect::<Vec<_>>(), w_features);
        assert_eq!(back[0].value(-5), -5.0);
        assert_eq!(back[0].value(100), 100.0);
        assert_eq!(back[1].trans[5], -20.0);
        for cut in [0, 3, 10, blob.len() - 1] {
            assert!(decode(&blob[..cut]).is_none());
        }
        let mut longer = blob.clone();
        longer.push(0);
        assert!(decode(&longer).is_none());
        let mut wrong = blob;
        wrong[4] ^= 0xff;
        assert!(decode(&wrong).is_none());
    }

    #[test]
    fn the_shipped_blob_decodes_and_encodes_back_byte_for_byte() {
        let blob = include_bytes!("../../../../data/ner-model.bin");
        let models = decode(blob).expect("data/ner-model.bin decodes");
        assert_eq!(models.len(), 2);
        assert_eq!(encode(&models), blob.as_slice());
        // From expanded rows, as training builds it: the same model.
        let again: Vec<Weights> = models
            .iter()
            .map(|w| {
                Weights::from_parts(w.codebook.clone(), w.trans.clone(), w.features().collect())
            })
            .collect();
        assert_eq!(encode(&again), blob.as_slice());
    }

    #[test]
    fn zero_codes_in_a_blob_are_no_weights() {
        let mut row = [0i8; N_TAGS];
        row[2] = 3;
        row[5] = -4;
        let trans = vec![0.0; N_TAGS * N_TAGS];
        let codebook: Vec<f32> = (1..=CODES).map(|k| k as f32).collect();
        let w = Weights::from_parts(codebook, trans, vec![(9, row), (10, row)]);
        let mut blob = encode(&[w]);
        // The last four bytes are the codes 3, -4, 3, -4: zero the second one.
        let n = blob.len();
        blob[n - 3] = 0;
        let back = decode(&blob).expect("decodes");
        let mut first = row;
        first[5] = 0;
        assert_eq!(
            back[0].features().collect::<Vec<_>>(),
            vec![(9, first), (10, row)]
        );
    }
}
