//! UTF-8 byte offsets → UTF-16 code units (JavaScript string indices).

use crate::core::words::le8;

/// Converts a set of byte offsets of one text to UTF-16 offsets, walking the text once.
///
/// Build it with every offset you will ask for; lookups are binary searches. Offsets that
/// fall inside a character are rounded down to the character's start.
#[derive(Debug, Clone)]
pub struct Utf16Index {
    /// Sorted, deduplicated `(byte offset, utf16 offset)` pairs.
    pairs: Vec<(usize, usize)>,
}

impl Utf16Index {
    /// Indexes `offsets` (any order, duplicates allowed) of `text`.
    pub fn new(text: &str, mut offsets: Vec<usize>) -> Self {
        offsets.sort_unstable();
        offsets.dedup();
        let mut pairs = Vec::with_capacity(offsets.len());
        let mut units = 0usize;
        // The first byte not yet counted: always a character boundary.
        let mut done = 0usize;
        for off in offsets {
            // (`str::floor_char_boundary` is newer than the crate's MSRV, 1.85.)
            let mut end = off.min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            if end > done {
                units += text.as_bytes().get(done..end).map_or(0, utf16_units);
                done = end;
            }
            pairs.push((off, units));
        }
        Utf16Index { pairs }
    }

    /// The UTF-16 offset of byte offset `byte`, which must have been given to [`Self::new`].
    pub fn get(&self, byte: usize) -> usize {
        match self.pairs.binary_search_by_key(&byte, |&(b, _)| b) {
            Ok(i) => self.pairs[i].1,
            Err(i) => i.checked_sub(1).map_or(0, |j| self.pairs[j].1),
        }
    }
}

/// The UTF-16 length of `bytes`, whole characters of UTF-8: one unit per byte that starts
/// a character, and a second for each that starts a four-byte one. Eight bytes at a time:
/// a third of the cost of decoding character by character (`char_indices`), which was 2%
/// of an `annotate()` of 5,000 words in Chromium.
fn utf16_units(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut continuation = 0u32;
    let mut four = 0u32;
    for chunk in &mut chunks {
        let w = le8(chunk);
        // Bit 7 of each byte: set for 10xxxxxx (continuation), and for 1111xxxx (the lead
        // of a four-byte character). Shifts move bits 6, 5 and 4 of a byte into its bit 7.
        continuation += (w & !(w << 1) & HIGH).count_ones();
        four += (w & (w << 1) & (w << 2) & (w << 3) & HIGH).count_ones();
    }
    for &b in chunks.remainder() {
        continuation += u32::from(b & 0xC0 == 0x80);
        four += u32::from(b >= 0xF0);
    }
    bytes.len() - continuation as usize + four as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte offset of every character of `text`, and its end.
    fn char_starts(text: &str) -> Vec<usize> {
        text.char_indices()
            .map(|(b, _)| b)
            .chain([text.len()])
            .collect()
    }

    #[test]
    fn units_match_encode_utf16_at_every_length_and_alignment() {
        let text = "a\u{e9}\u{20ac}\u{1F44B}b\u{10348}\u{2014}\u{201c}x\u{301}yz\u{1F3FD}\u{7ff}\u{800}\u{ffff}\u{10000}";
        let starts = char_starts(text);
        for &a in &starts {
            for &b in starts.iter().filter(|&&b| b >= a) {
                let want = text[a..b].encode_utf16().count();
                assert_eq!(utf16_units(&text.as_bytes()[a..b]), want, "{a}..{b}");
            }
        }
    }

    #[test]
    fn offsets_inside_a_character_round_down() {
        let text = "x\u{1F44B}y\u{e9}";
        let index = Utf16Index::new(text, (0..=text.len()).collect());
        let want = [0, 1, 1, 1, 1, 3, 4, 4, 5];
        for (b, &w) in want.iter().enumerate() {
            assert_eq!(index.get(b), w, "byte {b}");
        }
    }

    #[test]
    fn matches_encode_utf16_count_on_astral_and_combining_text() {
        let text = "Ângela 👋🏽 e\u{301}\r\n\u{10348}x";
        let offsets = char_starts(text);
        let index = Utf16Index::new(text, offsets.clone());
        for b in offsets {
            assert_eq!(index.get(b), text[..b].encode_utf16().count(), "byte {b}");
        }
    }
}
