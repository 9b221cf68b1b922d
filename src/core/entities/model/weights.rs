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

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::features::FEATURE_VERSION;
use super::tags::N_TAGS;

const MAGIC: &[u8; 4] = b"NERC";
/// Number of magnitudes in a codebook.
pub const CODES: usize = 127;

/// A hasher for keys that are already hashes.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// One linear model: per-feature tag weights and tag-transition weights.
#[derive(Debug, Clone, Default)]
pub struct Weights {
    /// The magnitudes the codes stand for (code `k` ≥ 1 is `codebook[k - 1]`).
    pub codebook: Vec<f32>,
    /// `trans[prev * N_TAGS + next]`.
    pub trans: Vec<f32>,
    /// Value of each code, indexed by the code's byte.
    table: Vec<f32>,
    rows: HashMap<u32, u32, BuildHasherDefault<KeyHasher>>,
    values: Vec<[i8; N_TAGS]>,
}

impl Weights {
    /// Builds a model from quantized parts (used by training and tests).
    pub fn from_parts(
        codebook: Vec<f32>,
        trans: Vec<f32>,
        features: Vec<(u32, [i8; N_TAGS])>,
    ) -> Self {
        let table = (0..=255u8)
            .map(|b| {
                let c = b as i8;
                let mag = codebook
                    .get((c.unsigned_abs() as usize).wrapping_sub(1))
                    .copied()
                    .unwrap_or(0.0);
                if c < 0 {
                    -mag
                } else {
                    mag
                }
            })
            .collect();
        let mut w = Weights {
            codebook,
            trans,
            table,
            ..Default::default()
        };
        for (key, row) in features {
            w.rows.insert(key, w.values.len() as u32);
            w.values.push(row);
        }
        w
    }

    /// Number of features with weights.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// True when no feature has weights.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Adds the weights of `features` into `scores`.
    pub fn score(&self, features: &[u32], scores: &mut [f32; N_TAGS]) {
        if self.table.len() < 256 {
            return;
        }
        for f in features {
            if let Some(row) = self.rows.get(f).and_then(|&r| self.values.get(r as usize)) {
                for (s, &v) in scores.iter_mut().zip(row) {
                    *s += self.table[v as u8 as usize];
                }
            }
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
        let mut keys: Vec<(&u32, &u32)> = self.rows.iter().collect();
        keys.sort();
        out.extend_from_slice(&(keys.len() as u32).to_le_bytes());
        let rows: Vec<[i8; N_TAGS]> = keys
            .iter()
            .map(|(_, &r)| self.values.get(r as usize).copied().unwrap_or([0; N_TAGS]))
            .collect();
        let mut prev = 0u32;
        for (&key, _) in &keys {
            put_varint(out, key.wrapping_sub(prev));
            prev = key;
        }
        for row in &rows {
            let mask: u32 = (0..N_TAGS).filter(|&t| row[t] != 0).map(|t| 1 << t).sum();
            put_varint(out, mask);
        }
        for row in &rows {
            out.extend(row.iter().filter(|&&v| v != 0).map(|&v| v as u8));
        }
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
        let mut keys = Vec::with_capacity(n);
        let mut key = 0u32;
        for _ in 0..n {
            key = key.wrapping_add(r.varint()?);
            keys.push(key);
        }
        let mut masks = Vec::with_capacity(n);
        for _ in 0..n {
            let mask = r.varint()?;
            if mask >> N_TAGS != 0 {
                return None;
            }
            masks.push(mask);
        }
        let mut features = Vec::with_capacity(n);
        for (key, mask) in keys.into_iter().zip(masks) {
            let mut row = [0i8; N_TAGS];
            for (t, slot) in row.iter_mut().enumerate() {
                if mask & (1 << t) != 0 {
                    *slot = *r.take(1)?.first()? as i8;
                }
            }
            features.push((key, row));
        }
        Some(Weights::from_parts(codebook, trans, features))
    }
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
        let mut value = 0u64;
        for shift in (0..35).step_by(7) {
            let byte = *self.take(1)?.first()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return u32::try_from(value).ok();
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
    fn blobs_round_trip_and_bad_blobs_are_refused() {
        let mut row = [0i8; N_TAGS];
        row[3] = -5;
        row[16] = 100;
        let mut trans = vec![0.0; N_TAGS * N_TAGS];
        trans[5] = -20.0;
        let codebook: Vec<f32> = (1..=CODES).map(|k| k as f32).collect();
        let w = Weights::from_parts(codebook, trans, vec![(42, row), (7, [1; N_TAGS])]);
        let blob = encode(&[w.clone(), w]);
        let back = decode(&blob).expect("round trip");
        assert_eq!(back.len(), 2);
        let mut s = [0.0; N_TAGS];
        back[0].score(&[42, 42, 9], &mut s);
        assert_eq!(s[3], -10.0);
        assert_eq!(s[16], 200.0);
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
}
