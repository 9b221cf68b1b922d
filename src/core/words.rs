//! The distinct words of a document, numbered once for every rule that looks words up.
//!
//! News text repeats its words: about 0.4 distinct token texts per token in an article,
//! fewer in longer ones. The tagger's features and the quote rules' word lists depend on a
//! token's text alone, so they are computed once per distinct text and shared through its
//! number.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::text::Token;

/// Each token's distinct-text number, and the distinct texts by number (numbered in order
/// of first appearance).
#[derive(Debug, Clone, Default)]
pub struct Words<'t> {
    /// Per token, the number of its text.
    pub ids: Vec<u32>,
    /// Per number, the text.
    pub distinct: Vec<&'t str>,
}

impl<'t> Words<'t> {
    /// Numbers the texts of `tokens` in `text`.
    pub fn number(text: &'t str, tokens: &[Token]) -> Words<'t> {
        // Sized for news text (about 0.4 distinct words per token): no rehash on the way.
        let mut numbers: HashMap<&str, u32, BuildHasherDefault<KeyHasher>> =
            HashMap::with_capacity_and_hasher(tokens.len() / 2, Default::default());
        let mut distinct: Vec<&str> = Vec::new();
        // One-byte texts (punctuation, `a`, `I`: about a fifth of the tokens) are numbered
        // through a table by their byte instead of the hash map.
        let mut by_byte = [u32::MAX; 128];
        let ids = tokens
            .iter()
            .map(|t| {
                let w = t.span.slice(text);
                if let [b] = w.as_bytes() {
                    if let Some(slot) = by_byte.get_mut(usize::from(*b)) {
                        if *slot == u32::MAX {
                            distinct.push(w);
                            *slot = (distinct.len() - 1) as u32;
                        }
                        return *slot;
                    }
                }
                *numbers.entry(w).or_insert_with(|| {
                    distinct.push(w);
                    (distinct.len() - 1) as u32
                })
            })
            .collect();
        Words { ids, distinct }
    }

    /// The number of token `i`'s text (0 past the end).
    pub fn id(&self, i: usize) -> usize {
        self.ids.get(i).map_or(0, |&id| id as usize)
    }

    /// The text of token `i` (`""` past the end).
    pub fn text(&self, i: usize) -> &'t str {
        self.ids
            .get(i)
            .and_then(|&id| self.distinct.get(id as usize))
            .copied()
            .unwrap_or("")
    }
}

/// The hasher of the tables keyed by words or by numbers that are hashes already. Bytes
/// are read eight at a time (a word of up to 16 bytes is two overlapping loads) and mixed
/// by a multiplication, rather than one multiplication per byte as in FNV: the word tables
/// were 4% of `annotate()` in Chromium. Integers get one multiplicative mix. No untrusted
/// party picks the keys to attack a table (the worst case is slower, not wrong), and words
/// are short.
#[derive(Default)]
pub struct KeyHasher(u64);

/// A multiplicative mix whose low bits depend on the high ones too (a hash table uses the
/// low bits, its probes the high ones).
fn mix(n: u64) -> u64 {
    let x = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    x ^ (x >> 29)
}

/// Bytes `..8` of `bytes` as a little-endian number (0 when shorter).
pub(crate) fn le8(bytes: &[u8]) -> u64 {
    bytes
        .get(..8)
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
        .map_or(0, u64::from_le_bytes)
}

/// Two numbers read from the ends of a word with one load each: its first and last eight
/// bytes (overlapping below 16 bytes), its first and last four below eight, or its bytes
/// folded (and 0) below four. Up to 16 bytes they hold every byte; longer words leave out
/// the middle. A hash over them rotates the second by a number of bits that is not a
/// multiple of eight, so that a byte held in both lands on different bits and a change to
/// it cannot cancel out ([`KeyHasher`], and the gazetteers' hash).
pub fn word_ends(bytes: &[u8]) -> (u64, u64) {
    let n = bytes.len();
    if n >= 8 {
        return (le8(bytes), le8(bytes.get(n - 8..).unwrap_or(&[])));
    }
    let le4 = |b: Option<&[u8]>| {
        b.and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map_or(0, |b| u64::from(u32::from_le_bytes(b)))
    };
    if n >= 4 {
        return (le4(bytes.get(..4)), le4(bytes.get(n - 4..)));
    }
    let folded = bytes.iter().fold(0, |k, &b| (k << 8) | u64::from(b));
    (folded, 0)
}

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut x = self.0 ^ (bytes.len() as u64);
        let mut rest = bytes;
        while rest.len() > 16 {
            x = mix(x ^ le8(rest));
            rest = rest.get(8..).unwrap_or(&[]);
        }
        let (head, tail) = word_ends(rest);
        self.0 = mix(x ^ head ^ tail.rotate_left(29));
    }
    fn write_u8(&mut self, n: u8) {
        // `str`'s hash ends with a 0xff byte: no need to mix again for it.
        self.0 ^= u64::from(n);
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn write_u64(&mut self, n: u64) {
        // Mixed both ways: the table uses the low bits, its probes the high ones.
        self.0 = mix(n ^ (n >> 31));
    }
}

#[cfg(test)]
mod tests {
    use crate::core::text::segment;

    #[test]
    fn the_word_hash_tells_apart_texts_that_differ_in_any_byte() {
        use super::KeyHasher;
        use std::hash::{Hash, Hasher};
        let hash = |w: &str| {
            let mut h = KeyHasher::default();
            w.hash(&mut h);
            h.finish()
        };
        let base = "abcdefghijklmnopqrstuvwxyz0123456789";
        let mut seen = std::collections::HashSet::new();
        for n in 0..=base.len() {
            let w = &base[..n];
            assert!(seen.insert(hash(w)), "{w:?}");
            for i in 0..n {
                // One byte changed, anywhere (the middle of a long word too).
                let mut b = w.as_bytes().to_vec();
                b[i] ^= 0x20;
                let v = String::from_utf8(b).expect("ASCII");
                assert_ne!(hash(&v), hash(w), "{w:?} / {v:?}");
            }
        }
        // Low bits vary too (a table's bucket): 1,000 words fill most of 1,024 buckets'
        // worth of low 10-bit values.
        let low: std::collections::HashSet<u64> =
            (0..1000).map(|i| hash(&format!("w{i}")) & 1023).collect();
        assert!(low.len() > 550, "{}", low.len());
    }

    #[test]
    fn equal_texts_share_a_number_in_order_of_first_appearance() {
        let doc = segment("The cat saw the cat . The end .");
        let w = &doc.words;
        assert_eq!(w.ids, [0, 1, 2, 3, 1, 4, 0, 5, 4]);
        assert_eq!(w.distinct, ["The", "cat", "saw", "the", ".", "end"]);
        assert_eq!(w.text(99), "");
        for (i, t) in doc.tokens.iter().enumerate() {
            assert_eq!(w.distinct[w.id(i)], t.span.slice(doc.text));
            assert_eq!(w.text(i), t.span.slice(doc.text));
        }
    }
}
