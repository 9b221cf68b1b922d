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

/// The hasher of the tables keyed by words or by numbers that are hashes already: FNV-1a
/// (64 bits) over bytes, a multiplicative mix for integers. No untrusted party picks the
/// keys to attack a table (the worst case is slower, not wrong), and words are short.
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
    fn write_u64(&mut self, n: u64) {
        // Mixed both ways: the table uses the low bits, its probes the high ones.
        let x = (n ^ (n >> 31)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.0 = x ^ (x >> 29);
    }
}

#[cfg(test)]
mod tests {
    use crate::core::text::segment;

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
