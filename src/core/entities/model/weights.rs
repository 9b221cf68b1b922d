//! The compact weights blob: int8 weights under hashed `u32` feature keys, for one model
//! (pass 1) or two (pass 1 and pass 2) over one list of keys.
//!
//! Weights are int8 codes into a per-model codebook of 127 (log-spaced) magnitudes (code `c` means
//! `sign(c) · codebook[|c| - 1]`), so the heavy-tailed perceptron weights keep their small
//! values. Layout (little-endian): `b"NERJ"`, feature version `u16`, tag count `u8`, pass
//! count `u8` (1 or 2); per pass, the codebook (127 × `f32`) and `N_TAGS²` transition weights
//! `f32`; the number of keys `u32` and the byte length of the key column `u32`; then columns:
//! the keys of all passes (merged, sorted, unique) as deltas (LEB128 varints); per pass, one
//! byte per key, the number of tags it weighs in that pass (0 for none); per pass, the number
//! of weights `u32`, the tag of each weight (`u8`, ascending within a key, keys in order)
//! and then the code of each (`i8`).
//!
//! This is the layout the scoring table reads (`lookup.rs`): building it is one walk over
//! the keys and their counts, and tags and codes are used as they are stored, so the first
//! `annotate()` in a page (which runs in V8's baseline code) does little work. Columns keep
//! like bytes together for gzip: 284 KB for the shipped model, against 318 KB when each pass
//! stored its own keys and tag masks. Parsing never panics: anything malformed gives `None`.

use super::features::FEATURE_VERSION;
use super::tags::N_TAGS;

const MAGIC: &[u8; 4] = b"NERJ";
/// Number of magnitudes in a codebook.
pub const CODES: usize = 127;

/// One linear model: per-feature tag codes and tag-transition weights, as training makes
/// it and [`encode`] stores it. Scoring goes through [`super::lookup::Lookup`], which is
/// built from the blob itself ([`parse`]).
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
        code_value(&self.codebook, code)
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

    /// Each feature in key order: its key, its tag mask and its codes.
    fn stored(&self) -> impl Iterator<Item = (u32, u32, &[i8])> + '_ {
        let mut at = 0;
        self.keys.iter().zip(&self.masks).map(move |(&key, &mask)| {
            let n = mask.count_ones() as usize;
            let codes = self.codes.get(at..at + n).unwrap_or(&[]);
            at += n;
            (key, mask, codes)
        })
    }
}

/// `sign(code) · codebook[|code| - 1]`, 0 for code 0.
fn code_value(codebook: &[f32], code: i8) -> f32 {
    let mag = codebook
        .get((code.unsigned_abs() as usize).wrapping_sub(1))
        .copied()
        .unwrap_or(0.0);
    if code < 0 {
        -mag
    } else {
        mag
    }
}

/// One pass's codebook and transition weights, as a blob holds them.
#[derive(Debug, Clone)]
pub struct Head {
    /// The magnitudes the codes stand for (code `k` ≥ 1 is `codebook[k - 1]`).
    pub codebook: Vec<f32>,
    /// `trans[prev * N_TAGS + next]`.
    pub trans: Vec<f32>,
}

impl Head {
    /// The value a code stands for: `sign(code) · codebook[|code| - 1]`, 0 for code 0.
    pub fn value(&self, code: i8) -> f32 {
        code_value(&self.codebook, code)
    }
}

/// A blob's parts, borrowed from it ([`parse`]): what the scoring table is built from.
/// Only the layout is checked here; the table checks the counts against the weights as it
/// walks them.
#[derive(Debug, Clone)]
pub struct Blob<'b> {
    /// Each pass's codebook and transition weights (one or two).
    pub heads: Vec<Head>,
    /// The number of keys.
    pub keys: usize,
    /// The key column: `keys` varint deltas ([`Blob::key_reader`]).
    key_bytes: &'b [u8],
    /// Per pass, per key: the number of its weights.
    pub counts: Vec<&'b [u8]>,
    /// Per pass: the tag of each weight.
    pub tags: Vec<&'b [u8]>,
    /// Per pass: the code of each weight (an `i8` stored as a byte).
    pub codes: Vec<&'b [u8]>,
}

impl<'b> Blob<'b> {
    /// Reads the keys in order.
    pub fn key_reader(&self) -> Keys<'b> {
        Keys {
            r: Reader {
                bytes: self.key_bytes,
            },
            key: 0,
            first: true,
        }
    }
}

/// The keys of a blob, in ascending order ([`Blob::key_reader`]).
pub struct Keys<'b> {
    r: Reader<'b>,
    key: u32,
    first: bool,
}

impl Keys<'_> {
    /// The next key; `None` at the end of the column or when the keys do not ascend.
    #[inline]
    pub fn next_key(&mut self) -> Option<u32> {
        let delta = self.r.varint()?;
        // Sorted and unique: each delta after the first is at least 1.
        if delta == 0 && !self.first {
            return None;
        }
        self.first = false;
        self.key = self.key.checked_add(delta)?;
        Some(self.key)
    }

    /// True when every key has been read.
    pub fn is_done(&self) -> bool {
        self.r.bytes.is_empty()
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
    fn u32(&mut self) -> Option<usize> {
        Some(u32::from_le_bytes(self.array()?) as usize)
    }
    fn floats(&mut self, n: usize) -> Option<Vec<f32>> {
        let v: Vec<f32> = self
            .take(4 * n)?
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        v.iter().all(|x| x.is_finite()).then_some(v)
    }
    /// A LEB128 varint of at most five bytes that fits a `u32`.
    #[inline]
    fn varint(&mut self) -> Option<u32> {
        let bytes = self.bytes;
        // Most key deltas take two or three bytes: no loop for the first.
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

/// Serializes the models (pass 1, then pass 2 if any) into a blob. Models past the second
/// are not stored.
pub fn encode(models: &[Weights]) -> Vec<u8> {
    let models = models.get(..models.len().min(2)).unwrap_or(&[]);
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FEATURE_VERSION.to_le_bytes());
    out.push(N_TAGS as u8);
    out.push(models.len() as u8);
    for m in models {
        for k in 0..CODES {
            let v = m.codebook.get(k).copied().unwrap_or(0.0);
            out.extend_from_slice(&v.to_le_bytes());
        }
        for k in 0..N_TAGS * N_TAGS {
            let v = m.trans.get(k).copied().unwrap_or(0.0);
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    let mut keys: Vec<u32> = models.iter().flat_map(|m| m.keys.iter().copied()).collect();
    keys.sort_unstable();
    keys.dedup();
    let mut key_bytes = Vec::new();
    let mut prev = 0u32;
    for &key in &keys {
        put_varint(&mut key_bytes, key.wrapping_sub(prev));
        prev = key;
    }
    out.extend_from_slice(&(keys.len() as u32).to_le_bytes());
    out.extend_from_slice(&(key_bytes.len() as u32).to_le_bytes());
    out.extend_from_slice(&key_bytes);
    // Each pass's features, aligned with the merged keys (a pass lacks some of them).
    let aligned: Vec<Vec<(u32, &[i8])>> = models
        .iter()
        .map(|m| {
            let mut own = m.stored().peekable();
            keys.iter()
                .map(|&key| match own.next_if(|&(k, _, _)| k == key) {
                    Some((_, mask, codes)) => (mask, codes),
                    None => (0, &[][..]),
                })
                .collect()
        })
        .collect();
    for pass in &aligned {
        out.extend(pass.iter().map(|&(mask, _)| mask.count_ones() as u8));
    }
    for pass in &aligned {
        let weights: usize = pass
            .iter()
            .map(|&(mask, _)| mask.count_ones() as usize)
            .sum();
        out.extend_from_slice(&(weights as u32).to_le_bytes());
        for &(mask, _) in pass {
            out.extend((0..N_TAGS as u8).filter(|&t| mask & (1 << t) != 0));
        }
        for &(_, codes) in pass {
            out.extend(codes.iter().map(|&c| c as u8));
        }
    }
    out
}

/// Reads a blob's layout; `None` when it is malformed, truncated, has trailing bytes, holds
/// no pass or more than two, or was made for another feature version.
pub fn parse(bytes: &[u8]) -> Option<Blob<'_>> {
    let mut r = Reader { bytes };
    if r.take(4)? != MAGIC {
        return None;
    }
    let version = u16::from_le_bytes(r.array()?);
    let [tags, passes] = r.array()?;
    if version != FEATURE_VERSION || tags as usize != N_TAGS || !(1..=2).contains(&passes) {
        return None;
    }
    let heads = (0..passes)
        .map(|_| {
            Some(Head {
                codebook: r.floats(CODES)?,
                trans: r.floats(N_TAGS * N_TAGS)?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let keys = r.u32()?;
    let key_len = r.u32()?;
    // Every key takes at least a byte.
    if keys > key_len {
        return None;
    }
    let key_bytes = r.take(key_len)?;
    let counts = (0..passes)
        .map(|_| r.take(keys))
        .collect::<Option<Vec<_>>>()?;
    let mut tags = Vec::new();
    let mut codes = Vec::new();
    for _ in 0..passes {
        let n = r.u32()?;
        tags.push(r.take(n)?);
        codes.push(r.take(n)?);
    }
    r.bytes.is_empty().then_some(Blob {
        heads,
        keys,
        key_bytes,
        counts,
        tags,
        codes,
    })
}

/// Parses a blob back into its models; `None` when [`parse`] refuses it, when its counts
/// disagree with its weights, or when a key's tags do not ascend below `N_TAGS`. A zero
/// code (which the encoder never writes) is no weight.
pub fn decode(bytes: &[u8]) -> Option<Vec<Weights>> {
    let blob = parse(bytes)?;
    let mut keys = Vec::with_capacity(blob.keys);
    let mut reader = blob.key_reader();
    for _ in 0..blob.keys {
        keys.push(reader.next_key()?);
    }
    if !reader.is_done() {
        return None;
    }
    let mut out = Vec::new();
    for (p, head) in blob.heads.iter().enumerate() {
        let (counts, tags, codes) = (blob.counts.get(p)?, blob.tags.get(p)?, blob.codes.get(p)?);
        let mut w = Weights {
            codebook: head.codebook.clone(),
            trans: head.trans.clone(),
            ..Weights::default()
        };
        let mut at = 0;
        for (&key, &count) in keys.iter().zip(counts.iter()) {
            let end = at + usize::from(count);
            let (key_tags, key_codes) = (tags.get(at..end)?, codes.get(at..end)?);
            at = end;
            if key_tags.windows(2).any(|t| t[0] >= t[1])
                || key_tags.iter().any(|&t| usize::from(t) >= N_TAGS)
            {
                return None;
            }
            let mut mask = 0u32;
            for (&t, &c) in key_tags.iter().zip(key_codes) {
                if c != 0 {
                    mask |= 1 << t;
                    w.codes.push(c as i8);
                }
            }
            if mask != 0 {
                w.keys.push(key);
                w.masks.push(mask);
            }
        }
        if at != tags.len() {
            return None;
        }
        out.push(w);
    }
    Some(out)
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
        let w = Weights::from_parts(
            codebook.clone(),
            trans.clone(),
            vec![(42, row), (7, [1; N_TAGS])],
        );
        let w_features = vec![(7, [1; N_TAGS]), (42, row)];
        // The second pass lacks key 7 and has key 9: the blob lists the keys of both.
        let w2 = Weights::from_parts(codebook, trans, vec![(42, row), (9, row)]);
        let blob = encode(&[w.clone(), w2]);
        let back = decode(&blob).expect("round trip");
        assert_eq!(back.len(), 2);
        assert_eq!(back[0].features().collect::<Vec<_>>(), w_features);
        assert_eq!(
            back[1].features().collect::<Vec<_>>(),
            vec![(9, row), (42, row)]
        );
        assert_eq!(back[0].value(-5), -5.0);
        assert_eq!(back[0].value(100), 100.0);
        assert_eq!(back[1].trans[5], -20.0);
        let parsed = parse(&blob).expect("parses");
        assert_eq!(parsed.keys, 3);
        assert_eq!(parsed.counts, [&[17u8, 0, 2][..], &[0, 2, 2][..]]);
        for cut in [0, 3, 10, blob.len() - 1] {
            assert!(decode(&blob[..cut]).is_none());
        }
        let mut longer = blob.clone();
        longer.push(0);
        assert!(decode(&longer).is_none());
        let mut wrong = blob.clone();
        wrong[4] ^= 0xff;
        assert!(decode(&wrong).is_none());
        // Three passes are refused.
        assert!(parse(&encode(&[w.clone(), w.clone(), w.clone()])).is_some());
        let mut three = encode(&[w]);
        three[7] = 3;
        assert!(parse(&three).is_none());
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
    fn zero_codes_in_a_blob_are_no_weights_and_bad_tags_are_refused() {
        let mut row = [0i8; N_TAGS];
        row[2] = 3;
        row[5] = -4;
        let trans = vec![0.0; N_TAGS * N_TAGS];
        let codebook: Vec<f32> = (1..=CODES).map(|k| k as f32).collect();
        let w = Weights::from_parts(codebook, trans, vec![(9, row), (10, row)]);
        let blob = encode(&[w]);
        // The blob ends with the tags 2, 5, 2, 5 and the codes 3, -4, 3, -4.
        let n = blob.len();
        let mut zero = blob.clone();
        zero[n - 3] = 0;
        let back = decode(&zero).expect("decodes");
        let mut first = row;
        first[5] = 0;
        assert_eq!(
            back[0].features().collect::<Vec<_>>(),
            vec![(9, first), (10, row)]
        );
        for (at, tag) in [(n - 8, 5), (n - 8, N_TAGS as u8)] {
            let mut bad = blob.clone();
            bad[at] = tag;
            assert!(decode(&bad).is_none(), "tag {tag}");
        }
    }
}
